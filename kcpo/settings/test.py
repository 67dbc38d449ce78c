"""Test settings: real PostgreSQL and Redis, eager Celery, a fast hasher."""

import os

os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from kcpo.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests run Celery tasks in-process so a test sees their effect; the broker connection
# is still real Redis (see tests of health and of the cache).
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,  # noqa: F405
        "KEY_PREFIX": f"kcpo-test-{os.getpid()}",
    }
}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
AXES_FAILURE_LIMIT = 5
ALLOW_DEMO_DATA = True
