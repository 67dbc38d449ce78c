"""The Celery app. Broker and eagerness come from settings (REDIS_URL); beat uses the
database scheduler from django-celery-beat, so schedules are data, not code deploys."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcpo.settings.base")

app = Celery("kcpo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
