"""Local development settings: base with DEBUG on unless the environment says otherwise.

`manage.py` uses these by default so a developer's commands work without a SECRET_KEY;
gunicorn (kcpo.wsgi), Celery (kcpo.celery) and the Docker image use kcpo.settings.base,
where DEBUG is off and SECRET_KEY is required.
"""

import os

os.environ.setdefault("DEBUG", "true")

from kcpo.settings.base import *  # noqa: F403
