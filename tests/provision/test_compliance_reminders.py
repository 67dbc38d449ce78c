"""The sweep's finders for non-compliance (provision/compliance_reminders.py): they make the
reminders a report of non-compliance should have had if the service's own insert did not (a
report written another way), once; the YOT's only for a child, under 18 on the day of the
session, decided in SQL exactly as eligibility.core.dates decides it."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db.models.functions import TruncDate
from django.utils import timezone

from eligibility.core.dates import age_on
from kcpo.accounts.models import Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import registered_finders, sweep
from provision.compliance import report_record
from provision.compliance_reminders import LOOKBACK
from provision.models import ComplianceReport, Session
from provision.supervision import turns_adult_on
from tests.factories import ComplianceReportFactory, MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_consultation
from tests.provision.supervision_builders import CHILD_BIRTH, NOW, TODAY, session_on, supervised_order

K = ReminderKind
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def yot(db):
    return OrganisationFactory(yot=True, name="Lambeth Youth Offending Service")


def failed(requirement, day=TODAY):
    """A report of non-compliance written without the service, so no reminder exists yet."""
    return ComplianceReportFactory(session=session_on(requirement, day), attendance="failed")


def ours():
    """The reminders of non-compliance (the order's own, such as PNC_OVERDUE, are left out)."""
    return Reminder.objects.filter(kind__in=[K.NON_COMPLIANCE, K.NON_COMPLIANCE_YOT])


def found(kind) -> list[tuple[int, int, date]]:
    return list(Reminder.objects.filter(kind=kind).order_by("id").values_list("object_id", "organisation_id", "due_on"))


def test_both_kinds_have_a_finder():
    finders = registered_finders()

    assert (finders[K.NON_COMPLIANCE].__name__, finders[K.NON_COMPLIANCE_YOT].__name__) == (
        "non_compliance_for_police",
        "non_compliance_for_yot",
    )


@pytest.mark.parametrize(
    ("days_ago", "found_again"),
    [(LOOKBACK.days - 1, True), (LOOKBACK.days, True), (LOOKBACK.days + 1, False)],
)
def test_the_sweep_looks_back_only_so_far_for_a_missing_reminder(officer, days_ago, found_again):
    """The sweep is the safety net behind report_record: a report made more than LOOKBACK days
    ago and still without its reminder is not looked for again (a boundary of our own, not law)."""
    supervised = supervised_order(officer)
    report = failed(supervised.r2)
    ComplianceReport.objects.filter(pk=report.pk).update(
        reported_at=timezone.make_aware(datetime.combine(TODAY - timedelta(days=days_ago), time(9, 0)))
    )

    sweep(TODAY)

    assert found(K.NON_COMPLIANCE) == ([(report.id, supervised.order.owner_id, TODAY)] if found_again else [])


def test_with_every_report_reminded_each_finder_reads_one_query(officer, yot, django_assert_num_queries):
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    for week in range(3):
        failed(child.r2, TODAY - timedelta(weeks=week))
    sweep(TODAY)
    finders = registered_finders()

    with django_assert_num_queries(2):
        left = [*finders[K.NON_COMPLIANCE](TODAY), *finders[K.NON_COMPLIANCE_YOT](TODAY)]
    assert left == []


def test_the_sweep_makes_the_polices_reminder_a_report_is_missing(officer):
    supervised = supervised_order(officer)
    report = failed(supervised.r2)

    sweep(TODAY)

    assert found(K.NON_COMPLIANCE) == [(report.id, supervised.order.owner_id, TODAY)]
    assert found(K.NON_COMPLIANCE_YOT) == []


def test_the_sweep_makes_each_reminder_once(officer, yot):
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    report = failed(child.r2)

    sweep(TODAY)
    sweep(TODAY + timedelta(days=1))

    assert found(K.NON_COMPLIANCE) == [(report.id, child.order.owner_id, TODAY)]
    assert found(K.NON_COMPLIANCE_YOT) == [(report.id, yot.id, TODAY)]


def test_a_reminder_done_is_not_made_again(officer):
    supervised = supervised_order(officer)
    failed(supervised.r2)
    sweep(TODAY)
    ours().update(done_at=NOW, done_by=officer.user)

    sweep(TODAY + timedelta(days=1))

    assert ours().count() == 1


def test_attendance_makes_no_reminder(officer):
    supervised = supervised_order(officer)
    ComplianceReportFactory(session=session_on(supervised.r2, TODAY), attendance="attended")
    ComplianceReportFactory(
        session=session_on(supervised.r2, TODAY - timedelta(days=7)), attendance="late", minutes_late=5
    )
    ComplianceReportFactory(
        session=session_on(supervised.r2, TODAY - timedelta(days=14)), attendance="excused", excuse="Ill"
    )

    sweep(TODAY)

    assert ours().count() == 0


def test_the_yots_reminder_goes_to_the_yot_consulted_last(officer, yot):
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    moved_to = OrganisationFactory(yot=True, name="Croydon Youth Offending Service")
    later = make_consultation(child.order.application, moved_to, officer)
    later.__class__.objects.filter(pk=later.pk).update(sent_at=child.consultation.sent_at + timedelta(days=30))
    report = failed(child.r2)

    sweep(TODAY)

    assert found(K.NON_COMPLIANCE_YOT) == [(report.id, moved_to.id, TODAY)]


def test_the_yots_reminder_is_for_the_worker_who_replied_while_they_are_there(officer, yot):
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    worker = MembershipFactory(organisation=yot, role=Role.YOT_WORKER)
    child.consultation.__class__.objects.filter(pk=child.consultation.pk).update(replied_by=worker.user, replied_at=NOW)
    failed(child.r2)

    sweep(TODAY)

    assert Reminder.objects.get(kind=K.NON_COMPLIANCE_YOT).assignee_id == worker.user_id


def test_the_yots_reminder_is_for_the_team_once_the_worker_has_left(officer, yot):
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    worker = MembershipFactory(organisation=yot, role=Role.YOT_WORKER, is_active=False)
    child.consultation.__class__.objects.filter(pk=child.consultation.pk).update(replied_by=worker.user, replied_at=NOW)
    failed(child.r2)

    sweep(TODAY)

    assert Reminder.objects.get(kind=K.NON_COMPLIANCE_YOT).assignee_id is None


# --- a child on the day of the session (s15, the guidance ch. 9) --------------------------------

# Born on 10 February 2009: 18 on 10 February 2027 (Family Law Reform Act 1969 s9).
TURNS_18 = date(2027, 2, 10)


@pytest.mark.parametrize(
    "day, expected",
    [(TURNS_18 - timedelta(days=1), 1), (TURNS_18, 0), (TURNS_18 + timedelta(days=1), 0)],
    ids=["the day before the 18th birthday", "the birthday", "the day after"],
)
def test_the_yot_is_told_only_of_a_session_before_the_18th_birthday(officer, yot, day, expected):
    child = supervised_order(officer, date_of_birth=date(2009, 2, 10), yot=yot)
    failed(child.r2, day=day)

    sweep(TODAY)

    assert (len(found(K.NON_COMPLIANCE_YOT)), len(found(K.NON_COMPLIANCE))) == (expected, 1)


@pytest.mark.parametrize(
    "born, day",
    [
        (date(2009, 2, 10), date(2027, 2, 9)),
        (date(2009, 2, 10), date(2027, 2, 10)),
        # 29 February: 18 on 1 March in a common year (eligibility.core.dates.birthday).
        (date(2008, 2, 29), date(2026, 2, 28)),
        (date(2008, 2, 29), date(2026, 3, 1)),
        (date(2008, 2, 29), date(2027, 2, 28)),
    ],
)
def test_the_sql_test_of_a_child_agrees_with_the_engine(officer, born, day):
    supervised = supervised_order(officer, date_of_birth=born)
    session = session_on(supervised.r2, day)

    sql = (
        Session.objects.filter(pk=session.pk)
        .annotate(day=TruncDate("starts_at"), turns_18=turns_adult_on("requirement__order__subject__date_of_birth"))
        .values_list("day", "turns_18")
        .get()
    )

    assert (sql[0] < sql[1]) == (age_on(born, day) < 18)


def test_the_sweep_adds_nothing_to_what_the_service_made(officer, yot):
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    report = report_record(
        session=session_on(child.r2, TODAY), membership=child.supervisor, attendance="failed", note="", now=NOW
    )

    sweep(TODAY)

    assert (found(K.NON_COMPLIANCE), found(K.NON_COMPLIANCE_YOT)) == (
        [(report.id, child.order.owner_id, TODAY)],
        [(report.id, yot.id, TODAY)],
    )
