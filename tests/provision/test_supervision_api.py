"""The supervisor's read-only API (provision/apis.py): the same scoping as the pages (404 outside
what the organisation supervises, 403 for another role), exactly the whitelisted fields, paged
with a constant number of queries, and every read logged."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders.models import OrderProvision
from tests.access import OrganisationAccess, as_member, assert_access
from tests.factories import ComplianceReportFactory
from tests.provision.supervision_builders import TODAY, session_on

SUPERVISORS = {Role.SUPERVISOR}

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def api(client, supervised):
    return as_member(client, supervised.supervisor)


def test_the_list_is_for_supervisors_only(client, supervised):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(
        client, reverse("api-supervision-requirement-list"), access.expectations_without_object(allowed=SUPERVISORS)
    )


@pytest.mark.parametrize("name", ["api-supervision-requirement-detail", "api-supervision-session-list"])
def test_a_requirement_is_for_its_providers_supervisors_only(client, supervised, name):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(client, reverse(name, args=[supervised.r2.id]), access.expectations(allowed=SUPERVISORS))


@pytest.mark.parametrize("name", ["api-supervision-requirement-detail", "api-supervision-session-list"])
def test_another_requirement_of_the_order_is_not_found(api, supervised, name):
    assert [api.get(reverse(name, args=[other.id])).status_code for other in (supervised.r3, supervised.p1)] == [
        404,
        404,
    ]


def test_the_api_needs_sign_in(client, supervised):
    assert client.get(reverse("api-supervision-requirement-list")).status_code == 403


def test_the_list_gives_exactly_the_whitelisted_fields(api, supervised):
    body = api.get(reverse("api-supervision-requirement-list")).json()

    assert body == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": supervised.r2.id,
                "label": "R2",
                "subject_name": "Jordan Lee Ellis",
                "wording": "To attend a weekly mentoring session",
                "schedule": [{"days": [2], "start": "16:00", "end": "17:30"}],
                "starts_on": "2026-12-14",
                "ends_on": "2028-06-13",
            }
        ],
    }


def test_the_requirement_gives_exactly_the_whitelisted_fields(api, supervised):
    body = api.get(reverse("api-supervision-requirement-detail", args=[supervised.r2.id])).json()

    assert body == {
        "id": supervised.r2.id,
        "label": "R2",
        "subject_name": "Jordan Lee Ellis",
        "contact_details": ["Address: 12 Acre Lane, London, SW2 5SG"],
        "contact_details_from_referral": False,
        "relevant_needs": "",
        "wording": "To attend a weekly mentoring session",
        "schedule": [{"days": [2], "start": "16:00", "end": "17:30"}],
        "starts_on": "2026-12-14",
        "ends_on": "2028-06-13",
    }


def test_the_sessions_give_exactly_the_whitelisted_fields(api, supervised):
    reported = session_on(supervised.r2, TODAY - timedelta(days=7))
    report = ComplianceReportFactory(session=reported, attendance="late", minutes_late=5, note="Bus.")
    upcoming = session_on(supervised.r2, TODAY + timedelta(days=7))

    body = api.get(reverse("api-supervision-session-list", args=[supervised.r2.id])).json()

    assert body["results"] == [
        {
            "id": reported.id,
            "starts_at": "2027-02-24T16:00:00Z",
            "ends_at": "2027-02-24T17:30:00Z",
            "generated": False,
            "report": {
                "attendance": "late",
                "minutes_late": 5,
                "excuse": "",
                "note": "Bus.",
                "reported_at": report.reported_at.isoformat().replace("+00:00", "Z"),
            },
        },
        {
            "id": upcoming.id,
            "starts_at": "2027-03-10T16:00:00Z",
            "ends_at": "2027-03-10T17:30:00Z",
            "generated": False,
            "report": None,
        },
    ]


def test_each_read_is_logged(api, supervised):
    api.get(reverse("api-supervision-requirement-list"))
    api.get(reverse("api-supervision-requirement-detail", args=[supervised.r2.id]))
    api.get(reverse("api-supervision-session-list", args=[supervised.r2.id]))

    events = AuditEvent.objects.filter(user_id=supervised.supervisor.user_id).order_by("id")
    assert [(e.operation, e.object_type, e.object_id, e.data_subject_id) for e in events] == [
        ("consult", "orders.orderprovision", "", None),
        ("consult", "orders.orderprovision", str(supervised.r2.id), supervised.order.subject_id),
        ("consult", "orders.orderprovision", str(supervised.r2.id), supervised.order.subject_id),
    ]


def test_a_refused_read_is_not_logged(client, supervised):
    as_member(client, supervised.other_supervisor)

    assert client.get(reverse("api-supervision-requirement-detail", args=[supervised.r2.id])).status_code == 404
    assert AuditEvent.objects.filter(user_id=supervised.other_supervisor.user_id).count() == 0


def test_the_sessions_cost_the_same_queries_at_two_sizes(api, supervised):
    path = reverse("api-supervision-session-list", args=[supervised.r2.id])
    for weeks in range(2):
        ComplianceReportFactory(session=session_on(supervised.r2, date(2027, 1, 6) + timedelta(weeks=weeks)))
    with CaptureQueriesContext(connection) as few:
        api.get(path)
    for weeks in range(2, 60):
        ComplianceReportFactory(session=session_on(supervised.r2, date(2027, 1, 6) + timedelta(weeks=weeks)))

    with CaptureQueriesContext(connection) as many:
        body = api.get(path).json()

    assert (len(few), body["count"], len(body["results"])) == (len(many), 60, 50)


def test_the_list_costs_the_same_queries_at_two_sizes(api, supervised):
    def add(count, first):
        OrderProvision.objects.bulk_create(
            OrderProvision(
                order=supervised.order,
                number=first + n,
                kind="requirement",
                wording=f"Requirement {n}",
                supervisor_organisation=supervised.provider,
                starts_on=supervised.r2.starts_on,
            )
            for n in range(count)
        )

    path = reverse("api-supervision-requirement-list")
    with CaptureQueriesContext(connection) as few:
        api.get(path)
    add(60, first=10)

    with CaptureQueriesContext(connection) as many:
        body = api.get(path).json()

    assert (len(few), body["count"], len(body["results"])) == (len(many), 61, 50)
