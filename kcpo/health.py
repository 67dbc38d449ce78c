"""`/healthz`: is this process able to serve? Reports each dependency, never personal data."""

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not ok", and the reason stays in the logs
        return "unavailable"
    return "ok"


def _redis_status() -> str:
    if not settings.REDIS_URL:
        return "not configured"  # single-process mode: tasks run in-process
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except redis.RedisError:
        return "unavailable"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_status(), "redis": _redis_status()}
    healthy = all(status in ("ok", "not configured") for status in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks, "version": settings.VERSION},
        status=200 if healthy else 503,
    )
