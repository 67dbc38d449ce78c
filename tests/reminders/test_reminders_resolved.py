"""Recording the work closes the reminder that asked for it (kcpo.reminders.services
.reminders_resolve, called by the recording services): the s24 notification, the order sent to
the PNC Bureau, the police's representations, the review heard, an order renewed or discharged.
The officer who recorded it is the one who did it; other reminders stay open."""

from datetime import date, timedelta

import pytest

from kcpo.accounts.models import Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import sweep
from orders.lifecycle import notification_record, order_pnc_record
from orders.models import Hearing
from orders.variations import Decision, proceeding_decide, proceeding_start, representations_record, review_decide
from tests.documents.builders import HEARING_DAY, REVIEW_ON
from tests.factories import MembershipFactory
from tests.reminders.test_sweeps import LAST_DAY, made_order

K = ReminderKind


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


@pytest.fixture
def order(officer):
    return made_order(officer)


def reminder(kind) -> Reminder:
    return Reminder.objects.get(kind=kind)


def test_recording_the_notification_closes_the_overdue_reminder_s24(order, officer):
    late = HEARING_DAY + timedelta(days=5)
    sweep(late)
    assert reminder(K.NOTIFICATION_OVERDUE).done_at is None

    notification_record(
        order=order,
        membership=officer,
        kind="initial",
        names="Jordan Ellis",
        home_address="12 Acre Lane",
        notified_on=late,
        station="Brixton",
        received_by="PC Smith",
        today=late,
    )

    closed = reminder(K.NOTIFICATION_OVERDUE)
    assert closed.done_at is not None and closed.done_by == officer.user
    assert reminder(K.PNC_OVERDUE).done_at is None  # a different piece of work


def test_a_change_of_address_does_not_close_the_overdue_initial_notification(order, officer):
    late = HEARING_DAY + timedelta(days=5)
    sweep(late)

    notification_record(
        order=order,
        membership=officer,
        kind="change",
        changed_on=late,
        names="Jordan Ellis",
        home_address="1 New Road",
        notified_on=late,
        station="Brixton",
        received_by="PC Smith",
        today=late,
    )

    assert reminder(K.NOTIFICATION_OVERDUE).done_at is None


def test_recording_the_order_sent_to_the_pnc_bureau_closes_its_reminder(order, officer):
    late = HEARING_DAY + timedelta(days=5)
    sweep(late)

    order_pnc_record(order=order, membership=officer, sent_on=late, uploaded_on=None, today=late)

    assert reminder(K.PNC_OVERDUE).done_by == officer.user


def test_recording_representations_closes_their_reminder(order, officer):
    received = date(2027, 3, 1)
    proceeding = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="defendant",
        sought="discharge",
        made_on=received,
        today=received,
        reasons="Doing well",
    )
    sweep(received)

    representations_record(
        proceeding=proceeding, membership=officer, sent_on=received, representations="Oppose", today=received
    )

    assert reminder(K.REPRESENTATIONS_DUE).done_by == officer.user


def test_recording_the_review_closes_its_reminder_s26(order, officer):
    sweep(REVIEW_ON - timedelta(days=1))
    review = Hearing.objects.get(application=order.application, kind="review")

    review_decide(
        order=order,
        hearing=review,
        membership=officer,
        decision=Decision(outcome="unchanged", decided_on=REVIEW_ON),
        today=REVIEW_ON,
    )

    assert reminder(K.REVIEW_HEARING).done_by == officer.user


def test_a_renewal_closes_the_reminder_to_consider_renewing(order, officer):
    renewed_on = LAST_DAY - timedelta(days=30)
    sweep(renewed_on)
    assert reminder(K.ORDER_EXPIRING).done_at is None
    proceeding = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="renew",
        made_on=renewed_on,
        today=renewed_on,
        reasons="Still carrying knives",
    )

    proceeding_decide(
        proceeding=proceeding,
        membership=officer,
        decision=Decision(outcome="renewed", decided_on=renewed_on, renewed_ends_on=LAST_DAY + timedelta(days=180)),
        today=renewed_on,
    )

    assert reminder(K.ORDER_EXPIRING).done_by == officer.user
