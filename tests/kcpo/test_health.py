import pytest
import redis
from django.conf import settings


def test_it_reports_database_and_redis_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}, "version": settings.VERSION}


def test_it_really_talks_to_redis(db):
    # The suite runs on a real Redis: the health check's "ok" is not a mock.
    assert redis.Redis.from_url(settings.REDIS_URL).ping() is True


def test_it_answers_503_when_redis_is_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "unavailable"}


def test_it_reports_redis_not_configured_in_single_process_mode(client, db, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "not configured"


@pytest.mark.django_db
def test_it_shows_no_personal_data_and_needs_no_sign_in(client, case):
    body = client.get("/healthz").content.decode()
    assert case.subject.family_name not in body
    assert set(client.get("/healthz").json()) == {"status", "checks", "version"}
