"""One JSON contract, three doors: the Python function, the API and the command agree."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from eligibility.access import ELIGIBILITY_USERS
from eligibility.models import InForcePeriod
from eligibility.services import eligibility_assess
from kcpo.audit.models import AuditEvent
from tests.access import assert_access

URL = "/api/v1/eligibility/assess"

REQUEST = {
    "route": "s14",
    "order_date": "2022-03-01",
    "police_area": "metropolitan",
    "subject": {"date_of_birth": "2006-05-01", "police_area": "metropolitan"},
    "occasions": [
        {"id": "1", "date": "2021-08-01", "place": "public_place", "good_reason": None},
        {"id": "2", "date": "2021-09-01", "place": "school_premises", "good_reason": None},
    ],
    "necessity_grounds": ["protect_public"],
    "yot_consulted": True,
}


def test_the_url_is_the_documented_one():
    assert reverse("api-eligibility-assess") == URL


@pytest.mark.django_db
def test_it_uses_the_recorded_metropolitan_pilot():
    # Preloaded by migration: S.I. 2021/762 as amended by S.I. 2022/828.
    determination = eligibility_assess(payload=REQUEST).as_json()
    assert determination["result"] == "eligible"
    assert determination["dates"]["eligible_until"] == "2023-03-31"
    assert (determination["court"], determination["yot_consultation_required"]) == ("youth_court", True)


@pytest.mark.django_db
def test_what_if_periods_replace_the_recorded_ones():
    payload = {**REQUEST, "in_force_periods": [{"from": "2021-01-01", "to": None}]}
    assert eligibility_assess(payload=payload).as_json()["dates"]["eligible_until"] == "2023-07-31"


@pytest.mark.django_db
def test_an_administrators_new_period_is_used():
    InForcePeriod.objects.create(police_area="kent", starts_on="2024-01-01", legal_basis="National roll-out")
    payload = {**REQUEST, "police_area": "kent", "order_date": "2024-06-01"}
    payload["occasions"] = [
        {"id": "1", "date": "2024-02-01", "place": "public_place"},
        {"id": "2", "date": "2024-03-01", "place": "public_place"},
    ]
    payload["subject"] = {"date_of_birth": "2000-01-01", "police_area": "kent"}
    assert eligibility_assess(payload=payload).as_json()["result"] == "eligible"


def test_the_api_the_command_and_the_function_agree(alice_client, tmp_path):
    from_function = eligibility_assess(payload=REQUEST).as_json()

    from_api = alice_client.post(URL, REQUEST, content_type="application/json").json()

    path = tmp_path / "facts.json"
    path.write_text(json.dumps(REQUEST))
    out = StringIO()
    call_command("assess_eligibility", str(path), stdout=out)
    from_command = json.loads(out.getvalue())

    assert from_api == from_function == from_command


def test_the_command_reads_stdin(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO(json.dumps(REQUEST)))
    out = StringIO()
    call_command("assess_eligibility", "-", stdout=out)
    assert json.loads(out.getvalue())["result"] == "eligible"


def test_the_command_reports_field_errors(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"route": "s99", "order_date": "yesterday"}))
    with pytest.raises(CommandError) as error:
        call_command("assess_eligibility", str(path))
    assert set(json.loads(str(error.value))["errors"]) == {"route", "order_date"}


def test_malformed_input_is_a_400_with_field_errors(alice_client):
    payload = {**REQUEST, "occasions": [{"id": "1", "date": "2021-02-30", "place": "car_park"}]}

    response = alice_client.post(URL, payload, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["occasions"]["0"]) == {"date", "place"}  # errors keyed by the item's index


def test_a_period_ending_before_it_starts_is_refused(alice_client):
    payload = {**REQUEST, "in_force_periods": [{"from": "2022-01-01", "to": "2021-01-01"}]}
    response = alice_client.post(URL, payload, content_type="application/json")
    assert response.status_code == 400


def test_missing_facts_are_cannot_tell_not_an_error(alice_client):
    response = alice_client.post(URL, {"route": "s19"}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["result"] == "cannot_tell"
    assert {c["code"]: c["status"] for c in body["checks"]}["S19_RELEVANT_OFFENCE"] == "unknown"


def test_it_stores_nothing(alice_client):
    alice_client.post(URL, REQUEST, content_type="application/json")
    assert AuditEvent.objects.count() == 0


def test_it_needs_sign_in(client, db):
    assert client.post(URL, REQUEST, content_type="application/json").status_code == 403


def test_roles(client, case_access):
    # No object is involved, so every organisation's permitted roles get an answer.
    expected = {
        m: (200 if m.role in ELIGIBILITY_USERS else 403) for m in [*case_access.own.values(), *case_access.others]
    }
    assert_access(client, URL, expected, method="post", data=REQUEST, content_type="application/json")
