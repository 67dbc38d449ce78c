"""The supervisor's pages (provision/views/supervisor_views.py): who may see and do what, what
each page shows, that every form says clearly what is wrong and then changes nothing, that
every list pages with a constant number of queries, and that each read is logged."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from kcpo.reminders.models import Reminder
from orders.models import OrderProvision
from provision.models import ComplianceReport, Referral, Session
from tests.access import OrganisationAccess, as_member, assert_access
from tests.factories import ComplianceReportFactory, MembershipFactory
from tests.provision.supervision_builders import TODAY, at, session_on

SUPERVISORS = {Role.SUPERVISOR}
WARNING = "Do not record what was discussed in the session: only whether the young person complied (s22(5))"

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def supervisor_client(client, supervised):
    return as_member(client, supervised.supervisor)


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def logged_by(membership):
    return AuditEvent.objects.filter(user_id=membership.user_id)


# --- who may see and do it ------------------------------------------------------------------------


def test_the_list_is_for_supervisors_only(client, supervised):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(client, url("requirement_list"), access.expectations_without_object(allowed=SUPERVISORS))


def test_a_requirement_is_seen_only_by_its_providers_supervisors(client, supervised):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(client, url("requirement_detail", supervised.r2.id), access.expectations(allowed=SUPERVISORS))


def test_the_appointment_form_is_for_its_providers_supervisors(client, supervised):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(client, url("appointment_new", supervised.r2.id), access.expectations(allowed=SUPERVISORS))


def test_the_report_form_is_for_its_providers_supervisors(client, supervised, session):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(client, url("report_new", session.id), access.expectations(allowed=SUPERVISORS))


def test_generating_is_for_its_providers_supervisors(client, supervised):
    access = OrganisationAccess.around(supervised.provider)

    assert_access(
        client,
        url("sessions_generate", supervised.r2.id),
        access.expectations(allowed=SUPERVISORS, ok=302),
        method="post",
        data={"weeks": "1"},
    )
    # Only the supervisors' posts made anything, and each the same one session.
    assert Session.objects.filter(requirement=supervised.r2).count() == 1


def test_signed_out_users_are_sent_to_sign_in(client, supervised):
    response = client.get(url("requirement_detail", supervised.r2.id))

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_the_navigation_offers_supervisors_their_requirements(supervisor_client):
    response = supervisor_client.get(reverse("accounts:home"))

    assert [item.text for item in response.context["navigation"]] == [
        "Home",
        "My tasks",
        "Requirements you supervise",
        "Our offers",
        "Referrals",
        "Your organisation",
    ]


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_the_requirements_the_provider_supervises(supervisor_client, supervised):
    response = supervisor_client.get(url("requirement_list"))

    assert [r.id for r, _schedule in response.context["rows"]] == [supervised.r2.id]
    page = text(response)
    assert "Jordan Lee Ellis" in page
    assert "R2: To attend a weekly mentoring session" in page
    assert "Wed 16:00-17:30" in page
    assert "boxing" not in page  # R3, another provider's


def test_the_list_is_logged_with_the_people_it_names(supervisor_client, supervised):
    supervisor_client.get(url("requirement_list"))

    event = logged_by(supervised.supervisor).get()
    assert (event.operation, event.object_type, event.details) == (
        "consult",
        "orders.orderprovision",
        {
            "page": "requirements supervised",
            "requirement_ids": [supervised.r2.id],
            "subject_ids": [supervised.order.subject_id],
        },
    )


def test_a_requirement_that_ended_long_ago_leaves_the_list(supervisor_client, supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(ends_on=TODAY - timedelta(weeks=4, days=1))

    response = supervisor_client.get(url("requirement_list"))

    assert response.context["rows"] == []
    assert supervisor_client.get(url("requirement_detail", supervised.r2.id)).status_code == 404


def test_a_requirement_that_ended_recently_stays_to_report_its_last_sessions(supervisor_client, supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(ends_on=TODAY - timedelta(weeks=4))

    response = supervisor_client.get(url("requirement_list"))

    assert [r.id for r, _s in response.context["rows"]] == [supervised.r2.id]


def add_requirements(supervised, count, first=10):
    OrderProvision.objects.bulk_create(
        OrderProvision(
            order=supervised.order,
            number=first + n,
            kind="requirement",
            wording=f"Extra requirement {n}",
            supervisor_organisation=supervised.provider,
            starts_on=supervised.r2.starts_on,
            ends_on=supervised.r2.ends_on,
        )
        for n in range(count)
    )


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_at_two_sizes(supervisor_client, supervised):
    add_requirements(supervised, 1)
    few = queries(supervisor_client, url("requirement_list"))
    add_requirements(supervised, 30, first=40)

    many = queries(supervisor_client, url("requirement_list"))

    assert few == many
    assert supervisor_client.get(url("requirement_list") + "?page=2").context["page"].number == 2


# --- the requirement's page -------------------------------------------------------------------------


def test_the_requirement_page_shows_what_the_supervisor_needs(supervisor_client, supervised):
    response = supervisor_client.get(url("requirement_detail", supervised.r2.id))

    page = text(response)
    assert "Jordan Lee Ellis" in page
    assert response.context["contact"].contact_lines == ("Address: 12 Acre Lane, London, SW2 5SG",)
    assert "To attend a weekly mentoring session" in page
    assert "Wed 16:00-17:30" in page
    assert "From 14 December 2026 to 13 June 2028" in page


def test_the_requirement_page_is_logged(supervisor_client, supervised):
    supervisor_client.get(url("requirement_detail", supervised.r2.id))

    event = logged_by(supervised.supervisor).get()
    assert (event.operation, event.object_type, event.object_id, event.data_subject_id) == (
        "consult",
        "orders.orderprovision",
        str(supervised.r2.id),
        supervised.order.subject_id,
    )


def refer(supervised, officer, *, provider=None, state="accepted"):
    return Referral.objects.create(
        owner=supervised.order.owner,
        provider=provider or supervised.provider,
        subject=supervised.subject,
        requirement=supervised.r2,
        state=state,
        contact_details="Mobile: 07700 900123\nMother, Ann Ellis: 07700 900456",
        consent_by="parent",
        consent_on=date(2026, 12, 1),
        relevant_needs="Dyslexia: written material in large print",
        sent_on=date(2026, 12, 1),
        sent_by=officer.user,
        declined_reason="Full" if state == "declined" else "",
    )


def test_an_accepted_referral_gives_the_contact_details_and_needs(supervisor_client, supervised, officer):
    refer(supervised, officer)

    response = supervisor_client.get(url("requirement_detail", supervised.r2.id))

    contact = response.context["contact"]
    assert (contact.contact_lines, contact.relevant_needs, contact.from_referral) == (
        ("Mobile: 07700 900123", "Mother, Ann Ellis: 07700 900456"),
        "Dyslexia: written material in large print",
        True,
    )
    assert "12 Acre Lane" not in text(response)


@pytest.mark.parametrize("state", ["sent", "declined", "withdrawn"])
def test_a_referral_not_accepted_gives_nothing(supervisor_client, supervised, officer, state):
    refer(supervised, officer, state=state)

    response = supervisor_client.get(url("requirement_detail", supervised.r2.id))

    assert (response.context["contact"].from_referral, "Dyslexia" in text(response)) == (False, False)


def test_another_providers_referral_gives_nothing(supervisor_client, supervised, officer):
    refer(supervised, officer, provider=supervised.other_provider)

    response = supervisor_client.get(url("requirement_detail", supervised.r2.id))

    assert (response.context["contact"].from_referral, "Dyslexia" in text(response)) == (False, False)


def test_the_requirement_page_lists_the_sessions_with_their_reports(supervisor_client, supervised):
    reported = session_on(supervised.r2, TODAY - timedelta(days=7))
    ComplianceReportFactory(session=reported, attendance="late", minutes_late=12, note="Bus was late.")
    unreported = session_on(supervised.r2, TODAY)
    upcoming = session_on(supervised.r2, TODAY + timedelta(days=7))

    response = supervisor_client.get(url("requirement_detail", supervised.r2.id))

    assert [s.id for s in response.context["past"]] == [unreported.id, reported.id]
    assert [s.id for s in response.context["upcoming"]] == [upcoming.id]
    page = text(response)
    assert "Attended late</strong> by 12 minutes" in page
    assert "Bus was late." in page
    assert url("report_new", unreported.id) in page
    assert url("report_new", upcoming.id) not in page


def test_the_requirement_page_costs_the_same_queries_at_two_sizes(supervisor_client, supervised):
    for weeks in range(2):
        ComplianceReportFactory(session=session_on(supervised.r2, TODAY - timedelta(weeks=weeks + 1)))
    session_on(supervised.r2, TODAY + timedelta(weeks=1))
    few = queries(supervisor_client, url("requirement_detail", supervised.r2.id))
    for weeks in range(2, 30):
        ComplianceReportFactory(session=session_on(supervised.r2, TODAY - timedelta(weeks=weeks + 1)))
        session_on(supervised.r2, TODAY + timedelta(weeks=weeks))

    many = queries(supervisor_client, url("requirement_detail", supervised.r2.id))

    assert few == many


def test_the_two_session_lists_page_separately(supervisor_client, supervised):
    for weeks in range(1, 13):
        session_on(supervised.r2, TODAY - timedelta(weeks=weeks))

    response = supervisor_client.get(url("requirement_detail", supervised.r2.id) + "?past=2")

    assert (response.context["past"].number, len(response.context["past"]), response.context["upcoming"].number) == (
        2,
        2,
        1,
    )


# --- generating sessions --------------------------------------------------------------------------


def test_the_supervisor_generates_sessions_from_the_page(supervisor_client, supervised):
    response = supervisor_client.post(url("sessions_generate", supervised.r2.id), {"weeks": "3"}, follow=True)

    assert response.redirect_chain == [(url("requirement_detail", supervised.r2.id), 302)]
    assert "3 sessions added from the schedule." in text(response)
    assert list(Session.objects.values_list("starts_at", flat=True).order_by("starts_at")) == [
        at(TODAY, 16),
        at(TODAY + timedelta(days=7), 16),
        at(TODAY + timedelta(days=14), 16),
    ]


def test_generating_again_says_nothing_was_added(supervisor_client, supervised):
    supervisor_client.post(url("sessions_generate", supervised.r2.id), {"weeks": "1"})

    response = supervisor_client.post(url("sessions_generate", supervised.r2.id), {"weeks": "1"}, follow=True)

    assert "No sessions added: every session in those weeks is already planned." in text(response)
    assert Session.objects.count() == 1


@pytest.mark.parametrize(
    "weeks, message",
    [
        ("", "Enter the number of weeks"),
        ("four", "The number of weeks must be a whole number, like 4"),
        ("0", "Enter a number of weeks from 1 to 26"),
        ("27", "Enter a number of weeks from 1 to 26"),
    ],
)
def test_a_bad_number_of_weeks_is_explained_and_changes_nothing(supervisor_client, supervised, weeks, message):
    response = supervisor_client.post(url("sessions_generate", supervised.r2.id), {"weeks": weeks})

    assert response.status_code == 200
    assert response.context["form"].errors == {"weeks": [message]}
    assert "There is a problem" in text(response)
    assert Session.objects.count() == 0


def test_a_requirement_without_a_schedule_offers_only_appointments(supervisor_client, supervised):
    OrderProvision.objects.filter(pk=supervised.r2.pk).update(schedule=[])

    page = text(supervisor_client.get(url("requirement_detail", supervised.r2.id)))

    assert ('data-testid="generate-form"' in page, "Add an appointment" in page, "By appointment" in page) == (
        False,
        True,
        True,
    )


def test_generating_needs_a_post(supervisor_client, supervised):
    assert supervisor_client.get(url("sessions_generate", supervised.r2.id)).status_code == 405


# --- adding an appointment --------------------------------------------------------------------------


def appointment(**fields):
    return {"on_day": "5", "on_month": "3", "on_year": "2027", "starts": "11:00", "ends": "12:00", **fields}


def test_the_supervisor_adds_an_appointment(supervisor_client, supervised):
    response = supervisor_client.post(url("appointment_new", supervised.r2.id), appointment(), follow=True)

    assert response.redirect_chain == [(url("requirement_detail", supervised.r2.id), 302)]
    assert "The appointment has been added." in text(response)
    session = Session.objects.get()
    assert (session.starts_at, session.ends_at, session.generated) == (
        at(date(2027, 3, 5), 11),
        at(date(2027, 3, 5), 12),
        False,
    )


@pytest.mark.parametrize(
    "fields, errors",
    [
        ({"on_day": "", "on_month": "", "on_year": ""}, {"on": ["Enter the date of the appointment"]}),
        ({"on_day": "31", "on_month": "2"}, {"on": ["The date of the appointment must be a real date"]}),
        ({"starts": ""}, {"starts": ["Enter the start time"]}),
        ({"starts": "25:00"}, {"starts": ["Enter the start time in the 24-hour clock, for example 14:30"]}),
        ({"ends": "noon"}, {"ends": ["Enter the end time in the 24-hour clock, for example 14:30"]}),
        ({"ends": "10:30"}, {"ends": ["The end time must be after the start time"]}),
        (
            {"on_day": "1", "on_month": "12", "on_year": "2026"},
            {"on": ["The date must be on or after 14 December 2026, when the requirement starts"]},
        ),
    ],
)
def test_a_bad_appointment_is_explained_and_changes_nothing(supervisor_client, supervised, fields, errors):
    response = supervisor_client.post(url("appointment_new", supervised.r2.id), appointment(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Session.objects.count() == 0


def test_a_second_appointment_at_the_same_time_is_explained(supervisor_client, supervised):
    supervisor_client.post(url("appointment_new", supervised.r2.id), appointment())

    response = supervisor_client.post(url("appointment_new", supervised.r2.id), appointment(ends="13:00"))

    assert response.context["form"].errors == {"starts": ["There is already a session starting at that time"]}
    assert Session.objects.count() == 1


def test_the_appointment_form_is_logged_as_a_read(supervisor_client, supervised):
    supervisor_client.get(url("appointment_new", supervised.r2.id))

    assert logged_by(supervised.supervisor).get().object_id == str(supervised.r2.id)


# --- reporting a session ------------------------------------------------------------------------------


def test_the_report_form_warns_not_to_record_the_content_of_the_session(supervisor_client, session):
    response = supervisor_client.get(url("report_new", session.id))

    page = text(response)
    assert WARNING in page
    assert 'class="govuk-warning-text"' in page
    assert 'data-testid="report-form"' in page


def test_the_report_form_is_logged_as_a_read(supervisor_client, supervised, session):
    supervisor_client.get(url("report_new", session.id))

    event = logged_by(supervised.supervisor).get()
    assert (event.object_type, event.object_id, event.data_subject_id) == (
        "provision.session",
        str(session.id),
        supervised.order.subject_id,
    )


def test_the_supervisor_reports_a_session(supervisor_client, supervised, session):
    response = supervisor_client.post(
        url("report_new", session.id), {"attendance": "excused", "excuse": "Ill", "note": "Mother phoned."}, follow=True
    )

    assert response.redirect_chain == [(url("requirement_detail", supervised.r2.id), 302)]
    assert "Your report of the session has been recorded: Excused." in text(response)
    assert list(ComplianceReport.objects.values_list("session_id", "attendance", "excuse", "note")) == [
        (session.id, "excused", "Ill", "Mother phoned.")
    ]


def test_reporting_a_failure_tells_the_police(supervisor_client, supervised, session):
    supervisor_client.post(url("report_new", session.id), {"attendance": "failed"})

    assert list(Reminder.objects.filter(kind="non_compliance").values_list("object_id", flat=True)) == [
        ComplianceReport.objects.get().id
    ]


@pytest.mark.parametrize(
    "data, errors",
    [
        ({}, {"attendance": ["Select whether the young person attended"]}),
        (
            {"attendance": "maybe"},
            {"attendance": ["Select a valid choice. maybe is not one of the available choices."]},
        ),
        ({"attendance": "late"}, {"minutes_late": ["Enter how many minutes late the young person was"]}),
        (
            {"attendance": "late", "minutes_late": "ten"},
            {"minutes_late": ["Minutes late must be a whole number, like 10"]},
        ),
        (
            {"attendance": "late", "minutes_late": "0"},
            {"minutes_late": ["Minutes late must be a whole number from 1 to 600"]},
        ),
        ({"attendance": "excused"}, {"excuse": ["Enter why the young person was excused"]}),
        ({"attendance": "attended", "note": "x" * 501}, {"note": ["The note must be 500 characters or fewer"]}),
    ],
)
def test_a_bad_report_is_explained_and_changes_nothing(supervisor_client, supervised, session, data, errors):
    response = supervisor_client.post(url("report_new", session.id), data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert (ComplianceReport.objects.count(), Reminder.objects.filter(kind="non_compliance").count()) == (0, 0)


def test_a_session_not_started_cannot_be_reported_yet(supervisor_client, supervised):
    later = session_on(supervised.r2, TODAY + timedelta(days=7))

    page = text(supervisor_client.get(url("report_new", later.id)))
    response = supervisor_client.post(url("report_new", later.id), {"attendance": "failed"})

    assert ('data-testid="not-started"' in page, 'data-testid="report-form"' in page) == (True, False)
    assert response.context["form"].non_field_errors() == ["You cannot report on a session before it has started."]
    assert ComplianceReport.objects.count() == 0


def test_a_reported_session_shows_its_report_and_no_form(supervisor_client, session):
    ComplianceReportFactory(session=session, attendance="attended", note="On time.")

    response = supervisor_client.get(url("report_new", session.id))
    refused = supervisor_client.post(url("report_new", session.id), {"attendance": "failed"})

    page = text(response)
    assert ('data-testid="already-reported"' in page, 'data-testid="report-form"' in page, "On time." in page) == (
        True,
        False,
        True,
    )
    assert refused.context["form"].non_field_errors() == ["This session has already been reported."]
    assert list(ComplianceReport.objects.values_list("attendance", flat=True)) == ["attended"]


def test_another_providers_session_is_not_found(client, supervised):
    theirs = session_on(supervised.r3, date(2027, 2, 27), hour=10)
    as_member(client, supervised.supervisor)

    assert (
        client.get(url("report_new", theirs.id)).status_code,
        client.post(url("report_new", theirs.id), {"attendance": "failed"}).status_code,
    ) == (404, 404)
    assert ComplianceReport.objects.count() == 0


def test_an_administrator_of_the_provider_is_refused(client, supervised, session):
    as_member(client, MembershipFactory(organisation=supervised.provider, role=Role.ADMINISTRATOR))

    assert client.post(url("report_new", session.id), {"attendance": "failed"}).status_code == 403
    assert ComplianceReport.objects.count() == 0
