"""The supervisor's report of a session (provision/compliance.py, s22(5)(c)): facts only, once per
session, never before it starts, only by the requirement's supervisor; and a report of
non-compliance tells the police (and a child's YOT) at once."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from kcpo.reminders.models import Reminder, ReminderKind
from provision.compliance import report_record
from provision.models import ComplianceReport
from tests.factories import MembershipFactory, OrganisationFactory
from tests.provision.supervision_builders import CHILD_BIRTH, NOW, TODAY, session_on, supervised_order

pytestmark = pytest.mark.usefixtures("frozen")


def report(session, membership, attendance="attended", **fields):
    return report_record(session=session, membership=membership, attendance=attendance, now=NOW, **fields)


def nothing_recorded(supervisor) -> bool:
    return (
        ComplianceReport.objects.count(),
        Reminder.objects.count(),
        AuditEvent.objects.filter(user_id=supervisor.user_id).count(),
    ) == (0, 0, 0)


def test_the_supervisor_reports_attendance(supervised, session):
    recorded = report(session, supervised.supervisor, note="Arrived on time.")

    assert (
        recorded.session_id,
        recorded.attendance,
        recorded.minutes_late,
        recorded.excuse,
        recorded.note,
        recorded.reported_by_id,
        recorded.reported_at,
    ) == (session.id, "attended", None, "", "Arrived on time.", supervised.supervisor.user_id, NOW)
    assert Reminder.objects.count() == 0


def test_the_report_is_logged_without_its_note(supervised, session):
    recorded = report(session, supervised.supervisor, note="Arrived on time.")

    event = AuditEvent.objects.get(user_id=supervised.supervisor.user_id)
    assert (event.operation, event.object_type, event.object_id, event.data_subject_id, event.details) == (
        "collect",
        "provision.compliancereport",
        str(recorded.id),
        supervised.order.subject_id,
        {"session_id": session.id, "requirement_id": supervised.r2.id, "attendance": "attended"},
    )


def test_attended_late_records_the_minutes(supervised, session):
    recorded = report(session, supervised.supervisor, "late", minutes_late=20)

    assert (recorded.attendance, recorded.minutes_late) == ("late", 20)


def test_attended_late_needs_the_minutes(supervised, session):
    with pytest.raises(ValidationError) as refused:
        report(session, supervised.supervisor, "late")

    assert refused.value.message_dict == {"minutes_late": ["Enter how many minutes late the young person was"]}
    assert nothing_recorded(supervised.supervisor)


@pytest.mark.parametrize("minutes", [0, 601])
def test_minutes_late_are_bounded(supervised, session, minutes):
    with pytest.raises(ValidationError) as refused:
        report(session, supervised.supervisor, "late", minutes_late=minutes)

    assert refused.value.message_dict == {"minutes_late": ["Minutes late must be a whole number from 1 to 600"]}
    assert nothing_recorded(supervised.supervisor)


def test_minutes_late_are_not_kept_for_another_answer(supervised, session):
    recorded = report(session, supervised.supervisor, "attended", minutes_late=5, excuse="Ill")

    assert (recorded.minutes_late, recorded.excuse) == (None, "")


def test_excused_records_the_reason(supervised, session):
    recorded = report(session, supervised.supervisor, "excused", excuse="Ill: their mother phoned at 9am")

    assert (recorded.attendance, recorded.excuse) == ("excused", "Ill: their mother phoned at 9am")
    assert Reminder.objects.count() == 0


def test_excused_needs_a_reason(supervised, session):
    with pytest.raises(ValidationError) as refused:
        report(session, supervised.supervisor, "excused", excuse="   ")

    assert refused.value.message_dict == {"excuse": ["Enter why the young person was excused"]}
    assert nothing_recorded(supervised.supervisor)


def test_the_note_is_short(supervised, session):
    with pytest.raises(ValidationError) as refused:
        report(session, supervised.supervisor, note="x" * 501)

    assert refused.value.message_dict == {"note": ["The note must be 500 characters or fewer"]}
    assert nothing_recorded(supervised.supervisor)


def test_a_note_of_500_characters_is_kept(supervised, session):
    assert len(report(session, supervised.supervisor, note="x" * 500).note) == 500


def test_an_unknown_answer_is_refused(supervised, session):
    with pytest.raises(ValidationError) as refused:
        report(session, supervised.supervisor, "discussed_family")

    assert refused.value.message_dict == {"attendance": ["Select whether the young person attended"]}
    assert nothing_recorded(supervised.supervisor)


def test_a_session_that_has_not_started_cannot_be_reported(supervised):
    later = session_on(supervised.r2, TODAY + timedelta(days=7))

    with pytest.raises(ValidationError) as refused:
        report(later, supervised.supervisor, "failed")

    assert refused.value.code == "future"
    assert nothing_recorded(supervised.supervisor)


def test_a_session_can_be_reported_once_it_has_started(supervised):
    started = session_on(supervised.r2, TODAY, hour=18)  # starts at NOW

    assert report(started, supervised.supervisor).session_id == started.id


def test_a_session_is_reported_once(supervised, session):
    first = report(session, supervised.supervisor, "attended")

    with pytest.raises(ValidationError) as refused:
        report(session, supervised.supervisor, "failed")

    assert refused.value.code == "conflict"
    assert list(ComplianceReport.objects.values_list("id", "attendance")) == [(first.id, "attended")]
    assert Reminder.objects.count() == 0


def test_another_providers_supervisor_cannot_report(supervised, session):
    with pytest.raises(PermissionDenied):
        report(session, supervised.other_supervisor, "failed")

    assert nothing_recorded(supervised.other_supervisor)


def test_an_administrator_of_the_provider_cannot_report(supervised, session):
    admin = MembershipFactory(organisation=supervised.provider, role=Role.ADMINISTRATOR)

    with pytest.raises(PermissionDenied):
        report(session, admin, "failed")

    assert nothing_recorded(admin)


def test_the_police_cannot_report_for_the_supervisor(supervised, session, officer):
    with pytest.raises(PermissionDenied):
        report(session, officer, "failed")

    assert ComplianceReport.objects.count() == 0


# --- non-compliance: the police are told at once ------------------------------------------------


def test_failing_to_attend_makes_a_task_for_the_cases_lead_officer(supervised, session, officer):
    recorded = report(session, supervised.supervisor, "failed", note="No answer at the door.")

    reminder = Reminder.objects.get(kind=ReminderKind.NON_COMPLIANCE)
    assert (
        reminder.target,
        reminder.organisation_id,
        reminder.assignee_id,
        reminder.subject_id,
        reminder.due_on,
        reminder.title,
        reminder.link,
        reminder.done_at,
    ) == (
        recorded,
        supervised.order.owner_id,
        officer.user_id,  # started the application; the case has no lead officer (sweeps.assignee_for)
        supervised.order.subject_id,
        date(2027, 3, 3),
        "R2: Jordan Lee Ellis failed to attend the session on 3 March 2027 (s22(5))",
        reverse("orders:detail", args=[supervised.order.id]),
        None,
    )


def test_the_task_goes_to_the_cases_lead_officer_when_there_is_one(supervised, session, force):
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD)
    case = supervised.order.application.case
    case.lead_officer = lead.user
    case.save(update_fields=["lead_officer"])

    report(session, supervised.supervisor, "failed")

    assert Reminder.objects.get(kind=ReminderKind.NON_COMPLIANCE).assignee_id == lead.user_id


def test_an_adults_non_compliance_is_not_sent_to_a_yot(supervised, session):
    report(session, supervised.supervisor, "failed")

    assert list(Reminder.objects.values_list("kind", flat=True)) == [ReminderKind.NON_COMPLIANCE]


@pytest.mark.parametrize(
    "attendance, fields", [("attended", {}), ("late", {"minutes_late": 10}), ("excused", {"excuse": "Ill"})]
)
def test_only_failing_to_attend_tells_the_police(supervised, session, attendance, fields):
    report(session, supervised.supervisor, attendance, **fields)

    assert Reminder.objects.count() == 0


def test_a_childs_non_compliance_is_a_task_for_the_consulted_yot_as_well(officer):
    yot = OrganisationFactory(yot=True, name="Lambeth Youth Offending Service")
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    session = session_on(child.r2, TODAY)

    recorded = report(session, child.supervisor, "failed")

    reminder = Reminder.objects.get(kind=ReminderKind.NON_COMPLIANCE_YOT)
    assert (
        reminder.target,
        reminder.organisation_id,
        reminder.assignee_id,
        reminder.subject_id,
        reminder.due_on,
        reminder.title,
        reminder.link,
    ) == (
        recorded,
        yot.id,
        None,  # nobody at the YOT replied to the consultation
        child.order.subject_id,
        date(2027, 3, 3),
        "R2: Jordan Lee Ellis failed to attend the session on 3 March 2027 (s22(5))",
        reverse("supervision:yot_non_compliance_detail", args=[recorded.id]),
    )
    assert Reminder.objects.filter(kind=ReminderKind.NON_COMPLIANCE).count() == 1


def test_a_report_refused_makes_no_task(supervised, session):
    report(session, supervised.supervisor, "attended")

    with pytest.raises(ValidationError):
        report(session, supervised.supervisor, "failed")

    assert Reminder.objects.count() == 0
