"""The supervision demo of `seed_demo` (provision.demo, breaches.demo): every referral state,
every attendance, every breach decision and a court outcome, the child's non-compliance
reminders, what the demo supervisor sees, and that a second run changes nothing."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from breaches.models import Breach, BreachDecision, PoliceCheck
from breaches.selectors import triviality_for
from kcpo.accounts.models import Membership
from kcpo.audit.models import AuditEvent
from kcpo.reminders.models import Reminder, ReminderKind
from provision.demo import CHILD_REFERENCE, demo_orders
from provision.models import Attendance, ComplianceReport, Offer, Referral, ReferralState, Session
from provision.supervision import supervised_requirement_list, yot_non_compliance_list


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def member(email: str) -> Membership:
    return Membership.objects.get(user__email=email)


def counts():
    return tuple(
        model.objects.count()
        for model in (Offer, Referral, Session, ComplianceReport, PoliceCheck, Breach, Reminder, AuditEvent)
    )


def test_every_referral_state_exists_with_its_reasons(seeded):
    assert set(Referral.objects.values_list("state", flat=True)) == set(ReferralState.values)
    assert Referral.objects.get(state=ReferralState.DECLINED).declined_reason.startswith("Our boxing evenings")
    assert Referral.objects.get(state=ReferralState.WITHDRAWN).withdrawn_reason.startswith("Referred to the wrong")


def test_every_attendance_is_reported_with_its_details(seeded):
    reports = ComplianceReport.objects.all()

    assert set(reports.values_list("attendance", flat=True)) == set(Attendance.values)
    assert sorted(reports.filter(attendance=Attendance.LATE).values_list("minutes_late", flat=True)) == [10, 25]
    assert reports.get(attendance=Attendance.EXCUSED).excuse == "Hospital appointment (letter seen)"


def test_sessions_are_past_and_upcoming_generated_and_one_off(seeded):
    now = timezone.now()
    sessions = Session.objects.all()

    assert {(s.generated, s.starts_at < now) for s in sessions} == {
        (True, True),
        (True, False),
        (False, True),
        (False, False),
    }
    # Every past session but the latest weekly one has its report.
    assert sessions.filter(starts_at__lt=now - timedelta(days=1), report__isnull=True).count() == 1


def test_every_breach_decision_and_a_court_outcome_exist(seeded):
    breaches = Breach.objects.all()

    assert set(breaches.values_list("decision", flat=True)) == {"", *BreachDecision.values}
    assert breaches.get(decision=BreachDecision.CHARGE_S25).notification_duty is True
    assert set(breaches.exclude(court_outcome="").values_list("decision", "court_outcome")) == {
        ("charge_s29", "yro"),
        ("charge_s25", "fine"),
    }
    assert breaches.filter(decision=BreachDecision.CHARGE_S29, court_outcome="").count() == 1


def test_police_checks_show_a_curfew_kept_broken_and_a_place_check(seeded):
    checks = set(PoliceCheck.objects.values_list("kind", "complied", "minutes_outside"))

    assert {("curfew", True, None), ("curfew", False, 10), ("curfew", False, 45), ("place", True, None)} <= checks


def test_the_childs_undecided_breach_rests_on_two_missed_sessions_and_is_more_than_trivial(seeded):
    breach = Breach.objects.get(decision="")

    assert breach.order.application.case.reference == CHILD_REFERENCE
    assert list(breach.reports.values_list("attendance", flat=True)) == ["failed", "failed"]
    assert triviality_for(breach).more_than_trivial is True


def test_the_childs_failed_sessions_remind_the_police_and_the_yot(seeded):
    failed = ComplianceReport.objects.filter(attendance=Attendance.FAILED).values_list("id", flat=True)
    reminders = Reminder.objects.filter(object_id__in=failed)

    assert sorted(reminders.values_list("kind", "organisation__code")) == [
        (ReminderKind.NON_COMPLIANCE, "metropolitan"),
        (ReminderKind.NON_COMPLIANCE, "metropolitan"),
        (ReminderKind.NON_COMPLIANCE_YOT, "lambeth-yot"),
        (ReminderKind.NON_COMPLIANCE_YOT, "lambeth-yot"),
    ]
    assert yot_non_compliance_list(membership=member("yot@lambeth.demo.example")).count() == 2


def test_the_demo_supervisor_sees_the_childs_mentoring_requirement(seeded):
    child = demo_orders()[CHILD_REFERENCE]

    seen = supervised_requirement_list(
        membership=member("supervisor@southside.demo.example"), today=timezone.localdate()
    )

    assert (child.id, 3) in set(seen.values_list("order_id", "number"))
    riverside = supervised_requirement_list(
        membership=member("supervisor@riverside.demo.example"), today=timezone.localdate()
    )
    assert list(riverside.values_list("order_id", "number")) == [(child.id, 4)]


def test_a_second_run_changes_nothing(seeded):
    first = counts()

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert counts() == first


@pytest.mark.parametrize(
    "now",
    [
        "2027-03-28 09:30",  # a Sunday: the clocks went forward at 01:00 (sessions cross DST)
        "2027-01-01 23:50",  # New Year's Day, late: the orders were made in the previous year
    ],
)
def test_it_loads_on_any_day_of_the_year(db, now):
    with time_machine.travel(timezone.make_aware(datetime.fromisoformat(now)), tick=False):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(Referral.objects.values_list("state", flat=True)) == set(ReferralState.values)
    assert set(ComplianceReport.objects.values_list("attendance", flat=True)) == set(Attendance.values)
    assert set(Breach.objects.values_list("decision", flat=True)) == {"", *BreachDecision.values}
