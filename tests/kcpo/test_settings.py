import pytest
from django.core.exceptions import ImproperlyConfigured

from kcpo.settings.env import env_bool, env_int, env_list


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", not expected) is expected


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("FLAG", "flase")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", False)


def test_env_int_refuses_junk(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_the_project_runs_on_london_time(settings):
    assert (settings.TIME_ZONE, settings.USE_TZ) == ("Europe/London", True)
