"""The finders about applications: service and hearsay deadlines before a listed hearing
(orders/reminders.py, from orders.court.service_checks) and eligibility under s14 about to lapse
(cases/reminders.py, from the s14 screening). Each at its boundaries: the day before its
reminder appears, the day it appears and the day after."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eligibility.core.service import summons_latest_service_day
from eligibility.models import InForcePeriod
from eligibility.services import subject_s14_determination
from kcpo.accounts.models import Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import sweep
from orders.court import hearing_list, hearing_record_outcome, service_record
from orders.models import Application, Hearing, HearsayItem
from orders.workflow import Route, State
from tests.factories import MembershipFactory, make_occasion
from tests.orders.review_builders import make_application

K = ReminderKind
DAY = timedelta(days=1)
# A Monday. The last days to serve for it, from eligibility.core.service:
HEARING = date(2027, 3, 15)
SUMMONS_BY = date(2027, 3, 3)  # 7 clear working days before (guidance ch. 10)
HEARSAY_BY = date(2027, 2, 21)  # 21 clear days before (S.I. 1999/681 r. 3(1))


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


def listed(officer, *, route=Route.S14_WITH_NOTICE, kind="full", on=HEARING, hearsay=False) -> Hearing:
    """A live application about Jordan Ellis with a hearing listed `on`."""
    state = State.ACCEPTED_BY_CPS if route == Route.S19 else State.LAID
    application = make_application(officer, route=route, state=state, application_date=date(2027, 1, 4))
    application.case.subject.__class__.objects.filter(pk=application.case.subject_id).update(
        given_names="Jordan", family_name="Ellis"
    )
    if hearsay:
        HearsayItem.objects.create(
            application=application, description="Call log", maker="A neighbour", reason_not_called="In fear"
        )
    return hearing_list(application=application, membership=officer, court=None, on=on, kind=kind)


def serve(hearing: Hearing, officer, document: str, *, on: date, method="personal", recipient="defendant"):
    service_record(
        application=hearing.application,
        membership=officer,
        document=document,
        recipient=recipient,
        recipient_name="Jordan Ellis",
        method=method,
        served_on=on,
        served_by="PC Smith",
        today=on,
    )


def found(kind) -> list[tuple[int, date]]:
    return list(Reminder.objects.filter(kind=kind).order_by("object_id", "due_on").values_list("object_id", "due_on"))


def boundaries(appears: date):
    return pytest.mark.parametrize(
        "today, expected",
        [(appears - DAY, 0), (appears, 1), (appears + DAY, 1)],
        ids=["the day before", "the day it appears", "the day after"],
    )


# --- SERVICE_DEADLINE -----------------------------------------------------------------------------


@boundaries(SUMMONS_BY - timedelta(days=7))
def test_an_unserved_summons_is_reminded_a_week_before_its_last_day(officer, today, expected):
    hearing = listed(officer)

    sweep(today)

    assert found(K.SERVICE_DEADLINE) == [(hearing.id, SUMMONS_BY)] * expected


def test_the_service_reminder_is_about_the_hearing_and_done_on_the_application(officer):
    hearing = listed(officer)

    sweep(SUMMONS_BY - timedelta(days=7))

    reminder = Reminder.objects.get(kind=K.SERVICE_DEADLINE)
    assert (reminder.target, reminder.assignee_id, reminder.subject_id) == (
        hearing,
        officer.user_id,
        hearing.application.case.subject_id,
    )
    assert reminder.title == (
        "Serve the summons and application on Jordan Ellis by 3 March 2027, for the hearing on 15 March 2027 "
        "(Guidance ch. 10; S.I. 2020/210 r. 1(2)(d); MCR 1981 r. 2(1))"
    )
    assert reminder.link == reverse("applications:detail", args=[hearing.application_id])


def test_a_summons_and_application_served_get_no_reminder(officer):
    hearing = listed(officer)
    serve(hearing, officer, "summons", on=date(2027, 2, 20))
    serve(hearing, officer, "application", on=date(2027, 2, 20))

    sweep(date(2027, 3, 1))

    assert found(K.SERVICE_DEADLINE) == []


def test_a_summons_served_without_the_application_is_still_reminded(officer):
    hearing = listed(officer)
    serve(hearing, officer, "summons", on=date(2027, 2, 20))

    sweep(date(2027, 3, 1))

    assert found(K.SERVICE_DEADLINE) == [(hearing.id, SUMMONS_BY)]


def test_a_deadline_already_missed_when_first_swept_is_reminded_as_overdue(officer):
    """The court may still relax the time limit (guidance ch. 8): the officer must know."""
    hearing = listed(officer)

    sweep(date(2027, 3, 10))

    assert found(K.SERVICE_DEADLINE) == [(hearing.id, SUMMONS_BY)]


def test_a_hearing_that_happened_gets_no_reminder(officer):
    hearing = listed(officer)
    hearing_record_outcome(hearing=hearing, membership=officer, outcome="adjourned", today=HEARING)

    sweep(HEARING + DAY)

    assert found(K.SERVICE_DEADLINE) == []


def test_an_application_that_ended_gets_no_reminder(officer):
    hearing = listed(officer)
    Application.objects.filter(pk=hearing.application_id).update(state=State.WITHDRAWN)

    sweep(date(2027, 3, 1))

    assert found(K.SERVICE_DEADLINE) == []


def test_a_hearing_moved_to_another_day_has_its_own_deadline(officer):
    hearing = listed(officer)
    sweep(date(2027, 3, 1))
    Hearing.objects.filter(pk=hearing.pk).update(date=date(2027, 3, 29))

    sweep(date(2027, 3, 15))

    # 16 March 2027: Good Friday (26 March) is not a working day (MCR 1981 r. 2(1)).
    assert found(K.SERVICE_DEADLINE) == [
        (hearing.id, SUMMONS_BY),
        (hearing.id, summons_latest_service_day(date(2027, 3, 29))),
    ]


@boundaries(HEARING - timedelta(days=7))
def test_an_unserved_s19_notice_is_reminded_a_week_before_sentencing(officer, today, expected):
    """CrimPR 31.3(2): served before sentencing; the rule gives no other last day."""
    hearing = listed(officer, route=Route.S19, kind="sentencing")

    sweep(today)

    assert found(K.SERVICE_DEADLINE) == [(hearing.id, HEARING)] * expected


def test_the_s19_notice_reminder_says_before_sentencing(officer):
    listed(officer, route=Route.S19, kind="sentencing")

    sweep(HEARING - timedelta(days=7))

    assert Reminder.objects.get(kind=K.SERVICE_DEADLINE).title == (
        "Serve the notice of intention to apply on the court officer and Jordan Ellis before sentencing on "
        "15 March 2027 (CrimPR 31.3(2); guidance ch. 5, 6)"
    )


def test_an_s19_notice_served_on_both_gets_no_reminder(officer):
    hearing = listed(officer, route=Route.S19, kind="sentencing")
    serve(hearing, officer, "s19_notice", on=date(2027, 3, 1))
    serve(hearing, officer, "s19_notice", on=date(2027, 3, 1), recipient="court_officer")

    sweep(date(2027, 3, 10))

    assert found(K.SERVICE_DEADLINE) == []


# --- HEARSAY_DEADLINE -----------------------------------------------------------------------------


@boundaries(HEARSAY_BY - timedelta(days=7))
def test_an_unserved_hearsay_notice_is_reminded_a_week_before_its_last_day(officer, today, expected):
    hearing = listed(officer, hearsay=True)

    sweep(today)

    assert found(K.HEARSAY_DEADLINE) == [(hearing.id, HEARSAY_BY)] * expected


def test_the_hearsay_reminder_says_not_by_email(officer):
    listed(officer, hearsay=True)

    sweep(HEARSAY_BY)

    assert Reminder.objects.get(kind=K.HEARSAY_DEADLINE).title == (
        "Serve the hearsay notice on Jordan Ellis, not by email, by 21 February 2027, for the hearing on "
        "15 March 2027 (S.I. 1999/681 r. 3(1), r. 6; guidance ch. 8)"
    )


def test_no_hearsay_relied_on_needs_no_notice(officer):
    listed(officer)

    sweep(HEARSAY_BY)

    assert found(K.HEARSAY_DEADLINE) == []


def test_a_hearsay_notice_served_gets_no_reminder(officer):
    hearing = listed(officer, hearsay=True)
    serve(hearing, officer, "hearsay_notice", on=date(2027, 2, 10))

    sweep(HEARSAY_BY)

    assert found(K.HEARSAY_DEADLINE) == []


def test_a_hearsay_notice_emailed_is_not_served_r_6(officer):
    hearing = listed(officer, hearsay=True)
    serve(hearing, officer, "hearsay_notice", on=date(2027, 2, 10), method="email")

    sweep(HEARSAY_BY)

    assert found(K.HEARSAY_DEADLINE) == [(hearing.id, HEARSAY_BY)]


def test_a_criminal_hearsay_notice_is_due_on_the_usual_21_day_day_not_the_14_day_floor(officer):
    """Guidance ch. 8: normally at least 21 days, never less than 14."""
    hearing = listed(officer, route=Route.S19, kind="sentencing", hearsay=True)

    sweep(HEARSAY_BY - timedelta(days=7))

    assert found(K.HEARSAY_DEADLINE) == [(hearing.id, HEARSAY_BY)]


def test_the_service_finders_read_in_as_many_queries_for_three_applications_as_for_one(officer):
    listed(officer, hearsay=True)
    sweep(date(2027, 3, 1))
    with CaptureQueriesContext(connection) as one:
        sweep(date(2027, 3, 1))
    listed(officer, hearsay=True)
    listed(officer, hearsay=True)
    sweep(date(2027, 3, 1))

    with CaptureQueriesContext(connection) as three:
        sweep(date(2027, 3, 1))

    assert (len(found(K.SERVICE_DEADLINE)), len(found(K.HEARSAY_DEADLINE))) == (3, 3)
    assert len(three) == len(one)


# --- ELIGIBILITY_LAPSING (s14(4)) --------------------------------------------------------------------

# Two qualifying occasions; the earlier leaves the two years ending with the day of the order
# after 31 May 2027 (s14(4)), the last day an order can be made.
ELIGIBLE_UNTIL = date(2027, 5, 31)


@pytest.fixture
def in_force(force):
    # After the Metropolitan pilot (eligibility/migrations/0002), open-ended.
    return InForcePeriod.objects.create(police_area=force.code, starts_on=date(2024, 1, 1), legal_basis="Test")


def drafted(officer, *, occasions=(date(2025, 6, 1), date(2025, 9, 1)), state=State.DRAFT) -> Application:
    application = make_application(officer, state=state, application_date=date(2027, 1, 4))
    subject = application.case.subject
    subject.__class__.objects.filter(pk=subject.pk).update(given_names="Jordan", family_name="Ellis")
    for day in occasions:
        make_occasion(subject, day)
    return application


@boundaries(ELIGIBLE_UNTIL - timedelta(days=14))
def test_eligibility_about_to_lapse_is_reminded_two_weeks_ahead_s14_4(officer, in_force, today, expected):
    application = drafted(officer)

    sweep(today)

    assert found(K.ELIGIBILITY_LAPSING) == [(application.id, ELIGIBLE_UNTIL)] * expected


def test_the_lapse_is_the_engines_eligible_until(officer, in_force):
    """One definition, two evaluators: the screening the finder uses agrees with the engine."""
    application = drafted(officer)

    sweep(date(2027, 5, 20))

    engine = subject_s14_determination(subject=application.case.subject, on=date(2027, 5, 20))
    assert found(K.ELIGIBILITY_LAPSING) == [(application.id, engine.eligible_until)]


def test_the_lapse_reminder_is_about_the_application(officer, in_force):
    application = drafted(officer)

    sweep(date(2027, 5, 20))

    reminder = Reminder.objects.get(kind=K.ELIGIBILITY_LAPSING)
    assert (reminder.target, reminder.assignee_id) == (application, officer.user_id)
    assert reminder.title == "Jordan Ellis stops meeting s14 after 31 May 2027: the order must be made by then (s14(4))"
    assert reminder.link == reverse("applications:detail", args=[application.id])


def test_the_end_of_the_in_force_period_is_the_lapse_when_sooner(officer, in_force):
    InForcePeriod.objects.filter(pk=in_force.pk).update(ends_on=date(2027, 4, 30))
    application = drafted(officer)

    sweep(date(2027, 4, 20))

    assert found(K.ELIGIBILITY_LAPSING) == [(application.id, date(2027, 4, 30))]


def test_a_lapse_already_passed_gets_no_reminder(officer, in_force):
    drafted(officer)

    sweep(ELIGIBLE_UNTIL + DAY)

    assert found(K.ELIGIBILITY_LAPSING) == []


def test_a_subject_not_eligible_gets_no_reminder_s14_3(officer, in_force):
    drafted(officer, occasions=(date(2025, 6, 1),))

    sweep(date(2027, 5, 20))

    assert found(K.ELIGIBILITY_LAPSING) == []


@pytest.mark.parametrize("state", [State.GRANTED, State.REFUSED, State.WITHDRAWN])
def test_a_determined_application_gets_no_lapse_reminder(officer, in_force, state):
    drafted(officer, state=state)

    sweep(date(2027, 5, 20))

    assert found(K.ELIGIBILITY_LAPSING) == []


def test_an_application_laid_but_not_yet_heard_is_still_reminded(officer, in_force):
    """The order, not the application, must be made within the two years (s14(4))."""
    application = drafted(officer, state=State.LAID)

    sweep(date(2027, 5, 20))

    assert found(K.ELIGIBILITY_LAPSING) == [(application.id, ELIGIBLE_UNTIL)]
