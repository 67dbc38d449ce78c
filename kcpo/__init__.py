"""The KCPO project: settings, URLs, the Celery app, and the cross-cutting apps
(`kcpo.accounts` for organisations, users and roles; `kcpo.audit` for the DPA 2018 s62 log).
"""

from kcpo.celery import app as celery_app

__all__ = ["celery_app"]
