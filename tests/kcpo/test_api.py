from django.urls import reverse

from kcpo.access import CASE_READERS
from kcpo.audit.models import AuditEvent
from tests.access import assert_access


def test_the_api_needs_sign_in(client, case):
    assert client.get(reverse("api-case-list")).status_code == 403


def test_case_detail_api_permissions(client, case, case_access):
    assert_access(client, reverse("api-case-detail", args=[case.id]), case_access.expectations(allowed=CASE_READERS))


def test_case_detail_api_returns_the_case_and_logs_the_read(alice_client, alice, case):
    response = alice_client.get(reverse("api-case-detail", args=[case.id]))

    assert response.json()["reference"] == case.reference
    assert list(AuditEvent.objects.values_list("user_id", "object_id")) == [(alice.user_id, str(case.id))]


def test_case_list_api_is_scoped_and_paginated(alice_client, case, other_force):
    from tests.factories import CaseFactory

    CaseFactory(owner=other_force)

    body = alice_client.get(reverse("api-case-list")).json()

    assert (body["count"], [c["reference"] for c in body["results"]]) == (1, [case.reference])


def test_me_api_lists_the_users_memberships(alice_client, alice):
    body = alice_client.get(reverse("api-me")).json()
    assert body["active_membership_id"] == alice.id
    assert body["memberships"] == [
        {
            "id": alice.id,
            "organisation": alice.organisation.name,
            "organisation_type": "police_force",
            "role": "kcpo_lead",
        }
    ]


def test_the_openapi_schema_is_served_to_signed_in_users(alice_client):
    response = alice_client.get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/v1/cases/" in response.content


def test_case_list_api_refuses_roles_without_case_access(client, bob):
    from tests.access import login_as

    login_as(client, bob)
    assert client.get(reverse("api-case-list")).status_code == 403
    assert AuditEvent.objects.count() == 0
