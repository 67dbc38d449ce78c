"""The YOT worker's pages of a child's non-compliance (provision/views/yot_views.py; the guidance,
ch. 9): the failed sessions of the children whose application consulted the YOT, and nothing
else; permissions, paging with a constant number of queries, and logged reads."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from tests.access import OrganisationAccess, as_member, assert_access
from tests.factories import ComplianceReportFactory, MembershipFactory, OrganisationFactory
from tests.provision.supervision_builders import CHILD_BIRTH, TODAY, session_on, supervised_order

YOT_WORKERS = {Role.YOT_WORKER}

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def yot(db):
    return OrganisationFactory(yot=True, name="Lambeth Youth Offending Service")


@pytest.fixture
def child(officer, yot):
    return supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)


@pytest.fixture
def worker(yot):
    return MembershipFactory(organisation=yot, role=Role.YOT_WORKER, user__full_name="Yasmin YOT")


@pytest.fixture
def yot_client(client, worker):
    return as_member(client, worker)


def failed(requirement, day=TODAY, note="No answer at the door."):
    return ComplianceReportFactory(session=session_on(requirement, day), attendance="failed", note=note)


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def test_the_list_is_for_yot_workers(client, child, yot):
    access = OrganisationAccess.around(yot)

    assert_access(client, url("yot_non_compliance"), access.expectations_without_object(allowed=YOT_WORKERS))


def test_a_childs_non_compliance_is_seen_only_by_the_consulted_yots_workers(client, child, yot):
    report = failed(child.r2)
    access = OrganisationAccess.around(yot)

    assert_access(client, url("yot_non_compliance_detail", report.id), access.expectations(allowed=YOT_WORKERS))


def test_the_list_shows_the_childs_failed_sessions(yot_client, child):
    report = failed(child.r2)

    response = yot_client.get(url("yot_non_compliance"))

    assert [r.id for r in response.context["page"]] == [report.id]
    page = response.content.decode()
    for shown in ("Jordan Lee Ellis", "R2: To attend a weekly mentoring session", "3 March 2027", "Failed to attend"):
        assert shown in page
    assert "No answer at the door." in page


def test_attendance_is_not_listed(yot_client, child):
    ComplianceReportFactory(session=session_on(child.r2, TODAY), attendance="attended")
    ComplianceReportFactory(session=session_on(child.r2, TODAY - timedelta(days=7)), attendance="late", minutes_late=3)
    ComplianceReportFactory(
        session=session_on(child.r2, TODAY - timedelta(days=14)), attendance="excused", excuse="Ill"
    )

    assert list(yot_client.get(url("yot_non_compliance")).context["page"]) == []


def test_a_session_after_the_18th_birthday_is_not_the_yots(yot_client, officer, yot):
    turning = supervised_order(officer, date_of_birth=date(2009, 3, 3), yot=yot)  # 18 on TODAY
    before = failed(turning.r2, day=TODAY - timedelta(days=7))
    on_the_birthday = failed(turning.r2, day=TODAY)

    response = yot_client.get(url("yot_non_compliance"))

    assert [r.id for r in response.context["page"]] == [before.id]
    assert yot_client.get(url("yot_non_compliance_detail", on_the_birthday.id)).status_code == 404


def test_another_yots_child_is_not_listed(client, child):
    failed(child.r2)
    elsewhere = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)

    response = as_member(client, elsewhere).get(url("yot_non_compliance"))

    assert list(response.context["page"]) == []


def test_the_detail_shows_the_report(yot_client, child):
    report = failed(child.r2)

    page = yot_client.get(url("yot_non_compliance_detail", report.id)).content.decode()

    for shown in (
        "Jordan Lee Ellis",
        "To attend a weekly mentoring session",
        "No answer at the door.",
        "Lambeth Youth Mentoring",
    ):
        assert shown in page


def test_the_reads_are_logged(yot_client, worker, child):
    report = failed(child.r2)

    yot_client.get(url("yot_non_compliance"))
    yot_client.get(url("yot_non_compliance_detail", report.id))

    events = AuditEvent.objects.filter(user_id=worker.user_id).order_by("id")
    assert [(e.operation, e.object_type, e.object_id, e.data_subject_id, e.details) for e in events] == [
        (
            "consult",
            "provision.compliancereport",
            "",
            None,
            {"page": "children's non-compliance", "report_ids": [report.id], "subject_ids": [child.order.subject_id]},
        ),
        ("consult", "provision.compliancereport", str(report.id), child.order.subject_id, {}),
    ]


def test_the_list_costs_the_same_queries_at_two_sizes(yot_client, child):
    failed(child.r2)
    with CaptureQueriesContext(connection) as few:
        yot_client.get(url("yot_non_compliance"))
    for weeks in range(1, 30):
        failed(child.r2, day=TODAY - timedelta(weeks=weeks))

    with CaptureQueriesContext(connection) as many:
        response = yot_client.get(url("yot_non_compliance"))

    assert (len(few), response.context["page"].paginator.count) == (len(many), 30)


def test_the_navigation_offers_yot_workers_the_non_compliance(yot_client):
    navigation = yot_client.get(reverse("accounts:home")).context["navigation"]

    assert "Non-compliance" in [item.text for item in navigation]
