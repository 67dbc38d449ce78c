"""The police's follow-up of a referral (provision.reminders): a reminder on the follow-up day
of a referral sent or accepted without first contact, and none once contact is made; one per
follow-up day however often the sweep runs."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kcpo.accounts.models import Membership, Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import registered_finders, sweep
from orders.models import Order
from provision.models import ReferralState
from provision.referrals import referral_accept
from tests.documents.builders import make_full_order
from tests.factories import MembershipFactory, OfferFactory, ReferralFactory

FOLLOW_UP_ON = date(2027, 1, 11)
KIND = ReminderKind.REFERRAL_FOLLOW_UP


@pytest.fixture
def referral(alice):
    order = Order.objects.select_related("subject").get(application=make_full_order(alice, court=None))
    r2 = order.provisions.get(number=2)
    offer = OfferFactory(provider=r2.supervisor_organisation)
    return ReferralFactory(requirement=r2, offer=offer, sent_by=alice.user, follow_up_on=FOLLOW_UP_ON)


def follow_ups():
    return Reminder.objects.filter(kind=KIND)


def test_no_reminder_the_day_before_the_follow_up_day(referral):
    sweep(FOLLOW_UP_ON - timedelta(days=1))

    assert not follow_ups().exists()


@pytest.mark.parametrize("today", [FOLLOW_UP_ON, FOLLOW_UP_ON + timedelta(days=1)])
def test_a_reminder_on_the_follow_up_day_or_the_first_sweep_after_it(alice, referral, today):
    sweep(today)

    reminder = follow_ups().get()
    assert (reminder.due_on, reminder.organisation_id, reminder.assignee_id, reminder.subject_id) == (
        FOLLOW_UP_ON,
        referral.owner_id,
        alice.user_id,
        referral.subject_id,
    )
    assert (reminder.target, reminder.link) == (referral, reverse("provision:referral_detail", args=[referral.id]))
    assert reminder.title == (
        "Follow up the referral of Jordan Lee Ellis to Lambeth Youth Mentoring: sent on 4 January 2027, no answer yet"
    )


def test_a_second_sweep_creates_no_second_reminder(referral):
    sweep(FOLLOW_UP_ON)

    result = sweep(FOLLOW_UP_ON + timedelta(days=1))

    assert follow_ups().count() == 1
    # Not even offered to the insert: the finder leaves out what is already reminded.
    assert (result.created[KIND], result.present[KIND]) == (0, 0)


def test_an_accepted_referral_without_contact_is_followed_up_a_week_after_it_was_accepted(referral):
    supervisor = MembershipFactory(organisation=referral.provider, role=Role.SUPERVISOR)
    referral_accept(referral=referral, by=supervisor, on=date(2027, 1, 8))

    sweep(date(2027, 1, 15))

    reminder = follow_ups().get()
    assert reminder.due_on == date(2027, 1, 15)
    assert reminder.title == (
        "Follow up the referral of Jordan Lee Ellis to Lambeth Youth Mentoring: accepted on 8 January 2027, "
        "no contact made yet"
    )


@pytest.mark.parametrize(
    "answer",
    [
        {"state": ReferralState.IN_CONTACT, "first_contact_on": date(2027, 1, 6)},
        {"state": ReferralState.DECLINED, "declined_reason": "Full"},
        {"state": ReferralState.WITHDRAWN, "withdrawn_reason": "Moved"},
    ],
)
def test_no_reminder_once_contact_is_made_or_the_referral_is_closed(referral, answer):
    # The follow-up day is left as it was, to show that the state alone decides.
    type(referral).objects.filter(pk=referral.pk).update(**answer)

    sweep(FOLLOW_UP_ON + timedelta(days=1))

    assert not follow_ups().exists()


def test_a_referral_whose_sender_left_the_force_goes_to_the_teams_list(alice, referral):
    Membership.objects.filter(pk=alice.pk).update(is_active=False)

    sweep(FOLLOW_UP_ON)

    assert follow_ups().get().assignee_id is None


def test_the_finder_reads_in_one_query_whatever_the_number_of_referrals(referral, django_assert_num_queries):
    find = registered_finders()[KIND]
    list(find(FOLLOW_UP_ON))  # the content type is looked up once and cached
    for _ in range(3):
        ReferralFactory(requirement=referral.requirement, offer=referral.offer, follow_up_on=FOLLOW_UP_ON)

    with django_assert_num_queries(1):
        found = list(find(FOLLOW_UP_ON))
    assert len(found) == 4
