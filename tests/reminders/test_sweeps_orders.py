"""The finders about orders (orders/reminders.py), each at its boundaries: the day before its
reminder appears, the day it appears and the day after; an order no longer in effect gets none;
a second sweep creates none. The dates follow from an order made and in effect on Monday
14 December 2026 (s23(1)); its sections are cited where the law decides."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import sweep
from orders.lifecycle import ORDER_EXPIRED_REASON, notification_record, order_pnc_record
from orders.models import Hearing, Order, OrderProvision
from orders.variations import (
    Decision,
    VariedProvision,
    proceeding_decide,
    proceeding_start,
    representations_record,
    review_decide,
)
from tests.documents.builders import HEARING_DAY, REVIEW_ON, make_full_order
from tests.factories import MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_consultation
from tests.reminders.test_sweeps import LAST_DAY, made_order

K = ReminderKind
DAY = timedelta(days=1)


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


@pytest.fixture
def order(officer) -> Order:
    """18 months, Jordan Ellis; P1 runs with the order, so a review hearing is set (s26)."""
    return made_order(officer)


def found(kind) -> list[tuple[int, date]]:
    return list(Reminder.objects.filter(kind=kind).order_by("object_id", "due_on").values_list("object_id", "due_on"))


def end(order: Order, on: date) -> None:
    """The order ended otherwise than by expiry (replaced, say) on `on`."""
    Order.objects.filter(pk=order.pk).update(ended_on=on, end_reason="Replaced by a new order")


def the_day_before_on_and_after(appears: date, due: date):
    """Parameters for the boundary test of a reminder that appears on `appears`."""
    return pytest.mark.parametrize(
        "today, expected",
        [(appears - DAY, []), (appears, [due]), (appears + DAY, [due])],
        ids=["the day before", "the day it appears", "the day after"],
    )


# --- REVIEW_HEARING (s26) -------------------------------------------------------------------------

# s26(4): the first day of the last 4 weeks of the first year (tests/documents/builders.REVIEW_ON);
# the reminder appears 4 weeks earlier.
REVIEW_DAY = date(2027, 11, 16)


def test_the_review_hearing_is_on_the_first_day_of_the_window_s26_4():
    assert REVIEW_ON == REVIEW_DAY


@the_day_before_on_and_after(date(2027, 10, 19), REVIEW_ON)
def test_a_review_hearing_is_reminded_four_weeks_ahead_s26(order, today, expected):
    sweep(today)

    assert found(K.REVIEW_HEARING) == [(order.id, day) for day in expected]


def test_the_review_reminder_is_about_the_order(order, officer):
    sweep(date(2027, 10, 19))

    reminder = Reminder.objects.get(kind=K.REVIEW_HEARING)
    assert (reminder.target, reminder.organisation_id, reminder.assignee_id, reminder.subject_id) == (
        order,
        officer.organisation_id,
        officer.user_id,
        order.subject_id,
    )
    assert reminder.title == "Review hearing for Jordan Ellis on 16 November 2027 (s26)"
    assert reminder.link == reverse("orders:detail", args=[order.id])


def test_a_review_whose_outcome_is_recorded_gets_no_reminder(order, officer):
    # The review's outcome is recorded on the order (orders.variations), even ahead of the sweep.
    review = Hearing.objects.get(application=order.application, kind="review")
    decision = Decision(outcome="unchanged", decided_on=review.date)
    review_decide(order=order, hearing=review, membership=officer, decision=decision, today=review.date)

    sweep(date(2027, 11, 1))

    assert found(K.REVIEW_HEARING) == []


def test_the_review_of_an_ended_order_gets_no_reminder(order):
    end(order, date(2027, 6, 1))

    sweep(date(2027, 11, 1))

    assert found(K.REVIEW_HEARING) == []


def test_a_review_is_reminded_once(order):
    sweep(date(2027, 10, 19))
    sweep(date(2027, 10, 20))
    result = sweep(date(2027, 11, 15))

    assert found(K.REVIEW_HEARING) == [(order.id, REVIEW_ON)]
    assert (result.created[K.REVIEW_HEARING], result.present[K.REVIEW_HEARING]) == (0, 1)


# --- ORDER_EXPIRING (s23(3), s27) ------------------------------------------------------------------


@the_day_before_on_and_after(LAST_DAY - timedelta(weeks=8), LAST_DAY)
def test_an_order_nearing_its_last_day_is_reminded_eight_weeks_ahead_s23_3(order, today, expected):
    sweep(today)

    assert found(K.ORDER_EXPIRING) == [(order.id, day) for day in expected]


def test_the_expiry_reminder_says_to_consider_renewal(order):
    sweep(LAST_DAY - timedelta(weeks=8))

    reminder = Reminder.objects.get(kind=K.ORDER_EXPIRING)
    assert reminder.title == "Jordan Ellis’s order ends on 13 June 2028: consider applying to renew it in time (s27)"
    assert reminder.link == reverse("orders:detail", args=[order.id])


def test_an_ended_order_gets_no_expiry_reminder(order):
    end(order, date(2028, 1, 1))

    sweep(LAST_DAY - timedelta(weeks=4))

    assert found(K.ORDER_EXPIRING) == []


def test_an_order_first_swept_after_its_last_day_is_ended_not_reminded_of_renewal(order):
    sweep(LAST_DAY + DAY)

    assert found(K.ORDER_EXPIRING) == []


# --- PROVISION_EXPIRING (s23(8)) ---------------------------------------------------------------------


@pytest.fixture
def full_order(officer):
    """18 months; P1 has its own 12 months, ending 13 December 2027 (s23(8)); R2 runs with the order."""
    application = make_full_order(officer, OrganisationFactory(court=True))
    return Order.objects.get(application=application)


@pytest.mark.parametrize(
    "today, expected",
    [(date(2027, 11, 28), 0), (date(2027, 11, 29), 1), (date(2027, 11, 30), 1)],
    ids=["the day before", "the day it appears", "the day after"],
)
def test_a_provision_ending_before_its_order_is_reminded_two_weeks_ahead_s23_8(full_order, today, expected):
    p1 = full_order.provisions.get(number=1)
    assert p1.ends_on == date(2027, 12, 13)

    sweep(today)

    assert found(K.PROVISION_EXPIRING) == [(p1.id, p1.ends_on)] * expected


def test_the_provision_reminder_names_the_provision_and_links_to_the_order(full_order):
    sweep(date(2027, 11, 29))

    reminder = Reminder.objects.get(kind=K.PROVISION_EXPIRING)
    assert reminder.target == OrderProvision.objects.get(order=full_order, number=1)
    assert reminder.title == "Prohibition P1 of Jordan Lee Ellis’s order ends on 13 December 2027 (s23(8))"
    assert reminder.link == reverse("orders:detail", args=[full_order.id])


def test_a_provision_that_ends_with_its_order_gets_no_provision_reminder(full_order):
    sweep(LAST_DAY - DAY)

    assert [object_id for object_id, _ in found(K.PROVISION_EXPIRING)] == [
        full_order.provisions.get(number=1).id  # R2 ends with the order: ORDER_EXPIRING covers it
    ]


def test_a_provision_a_variation_replaced_is_not_reminded_but_its_new_version_is(full_order, officer):
    """s27: the court varied P1 (same 12 months); the reminder is about the version in force."""
    proceeding = proceeding_start(
        order=full_order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=date(2027, 3, 1),
        today=date(2027, 3, 1),
        reasons="Moved",
    )
    varied = (VariedProvision(number=1, wording="Not to enter Croydon", period_months=12),)
    decision = Decision(outcome="varied", decided_on=date(2027, 4, 1), provisions=varied)
    proceeding_decide(proceeding=proceeding, membership=officer, decision=decision, today=date(2027, 4, 1))

    sweep(date(2027, 11, 29))

    new_p1 = full_order.provisions.current().get(number=1)
    assert found(K.PROVISION_EXPIRING) == [(new_p1.id, date(2027, 12, 13))]


def test_a_provision_of_an_ended_order_gets_no_reminder(full_order):
    end(full_order, date(2027, 6, 1))

    sweep(date(2027, 12, 1))

    assert found(K.PROVISION_EXPIRING) == []


# --- ORDER_ENDED (s23(3)) -----------------------------------------------------------------------------


@the_day_before_on_and_after(LAST_DAY + DAY, LAST_DAY + DAY)
def test_an_order_is_ended_and_reminded_the_day_after_its_last_day_s23_3(order, today, expected):
    result = sweep(today)

    order.refresh_from_db()
    assert found(K.ORDER_ENDED) == [(order.id, day) for day in expected]
    assert (result.orders_ended, order.ended_on) == (len(expected), expected[0] if expected else None)


def test_the_ended_reminder_says_to_update_the_pnc(order):
    sweep(LAST_DAY + DAY)

    reminder = Reminder.objects.get(kind=K.ORDER_ENDED)
    assert reminder.title == (
        "Jordan Ellis’s order ran out on 13 June 2028, the last day of its fixed period (s23(3)): update the PNC"
    )
    assert reminder.link == reverse("orders:detail", args=[order.id])


def test_a_sweep_that_died_after_ending_the_order_reminds_next_time(order):
    """The reminder follows from the order's record, not from the sweep that ended it."""
    Order.objects.filter(pk=order.pk).update(ended_on=LAST_DAY + DAY, end_reason=ORDER_EXPIRED_REASON)

    result = sweep(LAST_DAY + 3 * DAY)

    assert result.orders_ended == 0
    assert found(K.ORDER_ENDED) == [(order.id, LAST_DAY + DAY)]


def test_an_order_ended_is_reminded_once(order):
    sweep(LAST_DAY + DAY)
    result = sweep(LAST_DAY + 2 * DAY)

    assert found(K.ORDER_ENDED) == [(order.id, LAST_DAY + DAY)]
    assert result.created[K.ORDER_ENDED] == 0


def test_a_replaced_order_gets_no_ended_reminder(order):
    end(order, date(2027, 6, 1))

    sweep(LAST_DAY + DAY)

    assert found(K.ORDER_ENDED) == []


# --- NOTIFICATION_OVERDUE (s24(2), s25) -----------------------------------------------------------------

# s24(2): the 3 days beginning with the day the order took effect end on 16 December 2026.
NOTIFY_BY = date(2026, 12, 16)


@the_day_before_on_and_after(NOTIFY_BY + DAY, NOTIFY_BY + DAY)
def test_a_missing_notification_is_overdue_the_day_after_the_last_day_s24_2(order, today, expected):
    assert order.notification_due_on == NOTIFY_BY

    sweep(today)

    assert found(K.NOTIFICATION_OVERDUE) == [(order.id, day) for day in expected]


def test_the_overdue_notification_reminder_names_the_possible_offence(order):
    sweep(NOTIFY_BY + DAY)

    reminder = Reminder.objects.get(kind=K.NOTIFICATION_OVERDUE)
    assert reminder.title == (
        "Jordan Ellis has not notified the police of their name and address: the last day was 16 December 2026 "
        "(s24(2)), a possible offence under s25"
    )


def test_an_order_notified_gets_no_overdue_reminder_s24_2(order, officer):
    notification_record(
        order=order,
        membership=officer,
        kind="initial",
        names="Jordan Ellis",
        home_address="12 Acre Lane, London",
        notified_on=date(2026, 12, 18),  # late, but given: the order page shows it was late
        station="Brixton",
        received_by="PC Smith",
        today=date(2026, 12, 18),
    )

    sweep(date(2026, 12, 20))

    assert found(K.NOTIFICATION_OVERDUE) == []


def test_an_ended_order_gets_no_overdue_notification_reminder(order):
    end(order, date(2026, 12, 15))

    sweep(NOTIFY_BY + DAY)

    assert found(K.NOTIFICATION_OVERDUE) == []


# --- PNC_OVERDUE (the force's target) -------------------------------------------------------------------


@the_day_before_on_and_after(HEARING_DAY + 3 * DAY, HEARING_DAY + 3 * DAY)
def test_an_order_not_sent_to_the_pnc_bureau_is_reminded_on_the_forces_target_day(order, today, expected):
    sweep(today)

    assert found(K.PNC_OVERDUE) == [(order.id, day) for day in expected]


def test_the_pnc_target_is_the_forces_own(officer):
    officer.organisation.__class__.objects.filter(pk=officer.organisation_id).update(pnc_target_days=5)
    order = made_order(officer)

    sweep(HEARING_DAY + 5 * DAY)

    assert found(K.PNC_OVERDUE) == [(order.id, date(2026, 12, 19))]
    assert Reminder.objects.get(kind=K.PNC_OVERDUE).title == (
        "Send Jordan Ellis’s order, made on 14 December 2026, to the PNC Bureau "
        "(the force’s target: by 19 December 2026)"
    )


def test_an_order_sent_to_the_pnc_bureau_gets_no_reminder(order, officer):
    order_pnc_record(order=order, membership=officer, sent_on=HEARING_DAY, uploaded_on=None, today=HEARING_DAY)

    sweep(HEARING_DAY + 10 * DAY)

    assert found(K.PNC_OVERDUE) == []


def test_an_ended_order_gets_no_pnc_reminder(order):
    end(order, HEARING_DAY + DAY)

    sweep(HEARING_DAY + 10 * DAY)

    assert found(K.PNC_OVERDUE) == []


# --- TURNS_18 (YOT to probation) ----------------------------------------------------------------------


def order_for_born(officer, date_of_birth: date) -> Order:
    order = made_order(officer)
    order.subject.__class__.objects.filter(pk=order.subject_id).update(date_of_birth=date_of_birth)
    return order


@the_day_before_on_and_after(date(2027, 6, 1) - timedelta(weeks=8), date(2027, 6, 1))
def test_a_subject_turning_18_during_the_order_is_reminded_eight_weeks_ahead(officer, today, expected):
    order = order_for_born(officer, date(2009, 6, 1))

    sweep(today)

    assert found(K.TURNS_18) == [(order.id, day) for day in expected]


def test_the_turning_18_reminder_says_to_plan_the_handover(officer):
    order_for_born(officer, date(2009, 6, 1))

    sweep(date(2027, 5, 1))

    assert Reminder.objects.get(kind=K.TURNS_18).title == (
        "Jordan Ellis turns 18 on 1 June 2027 while the order is in effect: plan the move from the youth offending "
        "team to probation"
    )


@pytest.mark.parametrize(
    "date_of_birth, expected",
    [
        (date(2008, 12, 14), []),  # 18 on the day it took effect: never a youth under it
        (date(2008, 12, 15), [date(2026, 12, 15)]),  # 18 the day after
        (date(2010, 6, 13), [date(2028, 6, 13)]),  # 18 on its last day (s23(3))
        (date(2010, 6, 14), []),  # 18 after it ended
    ],
)
def test_only_an_18th_birthday_within_the_order_is_reminded(officer, date_of_birth, expected):
    order = order_for_born(officer, date_of_birth)

    for today in (date(2026, 12, 14), date(2028, 6, 13)):
        sweep(today)

    assert found(K.TURNS_18) == [(order.id, day) for day in expected]


def test_a_birthday_on_29_february_is_the_first_of_march_in_a_common_year(officer):
    # Family Law Reform Act 1969 s9, as eligibility.core.dates.birthday reads it.
    order = order_for_born(officer, date(2008, 2, 29))
    Order.objects.filter(pk=order.pk).update(
        made_on=date(2025, 12, 1), takes_effect_on=date(2025, 12, 1), ends_on=date(2027, 5, 31)
    )

    sweep(date(2026, 3, 1))

    assert found(K.TURNS_18) == [(order.id, date(2026, 3, 1))]


def test_an_ended_order_gets_no_turning_18_reminder(officer):
    order = order_for_born(officer, date(2009, 6, 1))
    end(order, date(2027, 1, 1))

    sweep(date(2027, 5, 1))

    assert found(K.TURNS_18) == []


@pytest.fixture
def yot_worker(db):
    return MembershipFactory(organisation=OrganisationFactory(yot=True), role=Role.YOT_WORKER)


def test_the_yot_consulted_is_reminded_of_the_handover_too(officer, yot_worker):
    order = order_for_born(officer, date(2009, 6, 1))
    consultation = make_consultation(order.application, yot_worker.organisation, officer, replied_by=yot_worker.user)

    sweep(date(2027, 5, 1))

    reminder = Reminder.objects.get(kind=K.TURNS_18_YOT)
    assert (reminder.object_id, reminder.due_on, reminder.organisation_id, reminder.assignee_id) == (
        order.id,
        date(2027, 6, 1),
        yot_worker.organisation_id,
        yot_worker.user_id,
    )
    assert reminder.link == reverse("applications:consultation_detail", args=[consultation.id])


def test_only_the_yot_most_recently_consulted_is_reminded(officer, yot_worker):
    order = order_for_born(officer, date(2009, 6, 1))
    make_consultation(order.application, OrganisationFactory(yot=True), officer)
    make_consultation(order.application, yot_worker.organisation, officer)

    sweep(date(2027, 5, 1))

    reminder = Reminder.objects.get(kind=K.TURNS_18_YOT)
    assert (reminder.organisation_id, reminder.assignee_id) == (yot_worker.organisation_id, None)


def test_no_yot_reminder_without_a_consultation(officer):
    order_for_born(officer, date(2009, 6, 1))

    sweep(date(2027, 5, 1))

    assert found(K.TURNS_18) != [] and found(K.TURNS_18_YOT) == []


# --- REPRESENTATIONS_DUE (the guidance, ch. 11) -----------------------------------------------------

RECEIVED = date(2027, 3, 1)  # the police received the defendant's application


def defendants_application(order, officer):
    return proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="defendant",
        sought="discharge",
        made_on=RECEIVED,
        today=RECEIVED,
        reasons="Doing well",
    )


@the_day_before_on_and_after(RECEIVED, date(2027, 3, 15))
def test_representations_on_a_defendants_application_are_reminded_from_receipt(order, officer, today, expected):
    proceeding = defendants_application(order, officer)

    sweep(today)

    assert found(K.REPRESENTATIONS_DUE) == [(proceeding.id, day) for day in expected]


def test_the_representations_reminder_links_to_the_application(order, officer):
    proceeding = defendants_application(order, officer)

    sweep(RECEIVED)

    reminder = Reminder.objects.get(kind=K.REPRESENTATIONS_DUE)
    assert reminder.target == proceeding and reminder.assignee_id == officer.user_id
    assert reminder.link == reverse("orders:proceeding_detail", args=[proceeding.id])
    assert reminder.title.startswith("Reply to Jordan Ellis’s application to discharge the order by 15 March 2027")


def test_representations_sent_get_no_reminder(order, officer):
    proceeding = defendants_application(order, officer)
    representations_record(
        proceeding=proceeding, membership=officer, sent_on=RECEIVED, representations="Oppose", today=RECEIVED
    )

    sweep(RECEIVED)

    assert found(K.REPRESENTATIONS_DUE) == []


def test_a_police_application_needs_no_representations(order, officer):
    proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=RECEIVED,
        today=RECEIVED,
        reasons="Moved",
    )

    sweep(RECEIVED)

    assert found(K.REPRESENTATIONS_DUE) == []
