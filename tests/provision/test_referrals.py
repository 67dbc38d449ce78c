"""The referral services (provision.referrals): sending a requirement to a provider, and each
move of the state machine, allowed from its sources, a no-op when repeated, refused from
anywhere else; who may make each; the follow-up day each sets; and the audit rows."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from kcpo.reminders.models import Reminder, ReminderKind
from orders.models import Order
from provision.models import Referral, ReferralState
from provision.referrals import (
    TRANSITIONS,
    _should_move,
    available_actions,
    referral_accept,
    referral_decline,
    referral_first_contact,
    referral_send,
    referral_withdraw,
)
from tests.documents.builders import make_full_order
from tests.factories import MembershipFactory, OfferFactory, ReferralFactory, ReminderFactory

SENT_ON = date(2027, 1, 4)
LATER = date(2027, 1, 6)


@pytest.fixture
def order(alice):
    application = make_full_order(alice, court=None)
    return Order.objects.select_related("subject").get(application=application)


@pytest.fixture
def r2(order):
    """The supervised mentoring requirement."""
    return order.provisions.get(number=2)


@pytest.fixture
def offer(r2):
    return OfferFactory(provider=r2.supervisor_organisation, name="Weekly mentoring")


@pytest.fixture
def supervisor(offer):
    return MembershipFactory(organisation=offer.provider, role=Role.SUPERVISOR, user__full_name="Sam Supervisor")


def referral_events():
    """The audit rows about referrals (making the order writes its own)."""
    return AuditEvent.objects.filter(object_type="provision.referral")


def send(alice, r2, offer, **changes):
    fields = {
        "contact_details": "Mother, Ms Ellis: 07700 900123",
        "consent_by": "parent",
        "consent_on": date(2027, 1, 2),
        "relevant_needs": "Dyslexic: written material read aloud",
        "on": SENT_ON,
        **changes,
    }
    return referral_send(by=alice, requirement=r2, offer=offer, **fields)


def referral_in(state, r2, offer, **fields):
    """A referral of R2 already in `state`, with the fields that state has."""
    extra = {
        ReferralState.ACCEPTED: {"answered_on": SENT_ON, "follow_up_on": SENT_ON + timedelta(days=7)},
        ReferralState.DECLINED: {"answered_on": SENT_ON, "declined_reason": "Full", "follow_up_on": None},
        ReferralState.IN_CONTACT: {"answered_on": SENT_ON, "first_contact_on": SENT_ON, "follow_up_on": None},
        ReferralState.WITHDRAWN: {"withdrawn_reason": "Moved away", "follow_up_on": None},
    }.get(state, {})
    return ReferralFactory(requirement=r2, offer=offer, state=state, sent_on=SENT_ON, **{**extra, **fields})


# --- sending ------------------------------------------------------------------------------------


def test_a_referral_gives_the_provider_what_it_needs_and_waits_for_an_answer(alice, order, r2, offer):
    referral = send(alice, r2, offer)

    assert (referral.owner, referral.provider, referral.offer, referral.subject, referral.requirement) == (
        order.owner,
        offer.provider,
        offer,
        order.subject,
        r2,
    )
    assert (referral.state, referral.sent_on, referral.sent_by) == (ReferralState.SENT, SENT_ON, alice.user)
    assert (referral.contact_details, referral.consent_by, referral.consent_on, referral.relevant_needs) == (
        "Mother, Ms Ellis: 07700 900123",
        "parent",
        date(2027, 1, 2),
        "Dyslexic: written material read aloud",
    )


def test_the_police_follow_a_referral_up_a_week_after_sending_it(alice, r2, offer):
    assert send(alice, r2, offer).follow_up_on == date(2027, 1, 11)


def test_sending_is_audited_as_a_disclosure_to_the_provider(alice, order, r2, offer):
    referral = send(alice, r2, offer)

    event = referral_events().get()
    assert (event.operation, event.object_type, event.object_id) == ("disclose", "provision.referral", str(referral.id))
    assert (event.recipient, event.data_subject_id, event.user_id) == (
        offer.provider.name,
        order.subject_id,
        alice.user_id,
    )
    assert event.details == {"change": "sent", "state": "sent", "requirement": "R2", "offer_id": offer.id}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"contact_details": "  "}, "contact_details", "Enter how the provider can contact the young person"),
        ({"consent_by": ""}, "consent_by", "Select who agreed to share these details"),
        ({"consent_on": None}, "consent_on", "Enter the date consent was given"),
        (
            {"consent_on": SENT_ON + timedelta(days=1)},
            "consent_on",
            "The date consent was given must be today or in the past",
        ),
    ],
)
def test_a_referral_without_contact_details_or_consent_is_refused_and_nothing_is_sent(
    alice, r2, offer, changes, field, message
):
    with pytest.raises(ValidationError) as error:
        send(alice, r2, offer, **changes)

    assert error.value.message_dict == {field: [message]}
    assert not Referral.objects.exists() and not referral_events().exists()


def test_consent_given_on_the_day_of_sending_is_enough(alice, r2, offer):
    assert send(alice, r2, offer, consent_on=SENT_ON).consent_on == SENT_ON


@pytest.mark.parametrize(
    "who",
    [
        {"organisation__code": "elsewhere", "role": Role.KCPO_LEAD},  # another force
        {"organisation": "force", "role": Role.ANALYST},  # the owning force, not casework
        {"organisation__provider": True, "role": Role.SUPERVISOR},
    ],
)
def test_only_the_owning_forces_police_can_refer_a_requirement(force, r2, offer, who):
    member = MembershipFactory(**{k: force if v == "force" else v for k, v in who.items()})

    with pytest.raises(PermissionDenied):
        send(member, r2, offer)

    assert not Referral.objects.exists()


def test_a_prohibition_cannot_be_referred(alice, order, offer):
    with pytest.raises(PermissionDenied):
        send(alice, order.provisions.get(number=1), offer)


@pytest.mark.parametrize("withdrawn", [{"is_active": False}, {"provider__is_active": False}])
def test_an_offer_no_longer_in_the_catalogue_cannot_be_referred_to(alice, r2, withdrawn):
    offer = OfferFactory(**withdrawn)

    with pytest.raises(ValidationError) as error:
        send(alice, r2, offer)

    assert error.value.code == "unavailable"
    assert not Referral.objects.exists()


def test_a_requirement_of_an_ended_order_cannot_be_referred(alice, order, r2, offer):
    Order.objects.filter(pk=order.pk).update(ended_on=SENT_ON)

    with pytest.raises(ValidationError):
        send(alice, r2, offer)

    assert not Referral.objects.exists()


def test_a_requirement_is_referred_to_a_provider_once_while_the_referral_is_in_play(alice, r2, offer):
    send(alice, r2, offer)

    with pytest.raises(ValidationError) as error:
        send(alice, r2, offer)

    assert error.value.code == "duplicate"
    assert Referral.objects.count() == 1


def test_a_declined_referral_can_be_followed_by_a_new_one(alice, r2, offer):
    referral_in(ReferralState.DECLINED, r2, offer)

    assert send(alice, r2, offer).state == ReferralState.SENT


# --- the state machine ---------------------------------------------------------------------------


def act(action, referral, *, supervisor, alice, on=LATER):
    """Make `action` with what it needs, as the side that makes it."""
    if action == "accept":
        return referral_accept(referral=referral, by=supervisor, on=on)
    if action == "decline":
        return referral_decline(referral=referral, by=supervisor, on=on, reason="We are full until March")
    if action == "first_contact":
        return referral_first_contact(referral=referral, by=supervisor, on=on, today=on)
    return referral_withdraw(referral=referral, by=alice, reason="The young person moved to Leeds")


MOVES = [(action, state) for action in TRANSITIONS for state in ReferralState.values]


@pytest.mark.parametrize(("action", "state"), [(a, s) for a, s in MOVES if s in TRANSITIONS[a].sources])
def test_each_move_is_allowed_from_its_sources(alice, r2, offer, supervisor, action, state):
    referral = referral_in(state, r2, offer)

    moved = act(action, referral, supervisor=supervisor, alice=alice)

    assert Referral.objects.get(pk=referral.pk).state == moved.state == TRANSITIONS[action].target
    event = referral_events().get()
    assert (event.operation, event.details["change"], event.data_subject_id) == ("alter", action, referral.subject_id)


@pytest.mark.parametrize(("action", "state"), [(a, s) for a, s in MOVES if s == TRANSITIONS[a].target])
def test_repeating_a_move_changes_nothing(alice, r2, offer, supervisor, action, state):
    referral = referral_in(state, r2, offer)
    before = Referral.objects.values().get(pk=referral.pk)

    act(action, referral, supervisor=supervisor, alice=alice)

    assert Referral.objects.values().get(pk=referral.pk) == before
    assert not referral_events().exists()


@pytest.mark.parametrize(
    ("action", "state"),
    [(a, s) for a, s in MOVES if s not in TRANSITIONS[a].sources and s != TRANSITIONS[a].target],
)
def test_every_other_move_is_refused_and_changes_nothing(alice, r2, offer, supervisor, action, state):
    referral = referral_in(state, r2, offer)
    before = Referral.objects.values().get(pk=referral.pk)

    with pytest.raises(ValidationError) as error:
        act(action, referral, supervisor=supervisor, alice=alice)

    assert error.value.code == "conflict"
    assert Referral.objects.values().get(pk=referral.pk) == before
    assert not referral_events().exists()


def test_a_refusal_says_where_the_referral_is():
    referral = Referral(state=ReferralState.WITHDRAWN)

    with pytest.raises(ValidationError) as error:
        _should_move(referral, "accept")

    assert error.value.messages == ["You cannot accept this referral: it has been withdrawn by the police."]


def test_accepting_records_who_and_when_and_moves_the_follow_up_on(r2, offer, supervisor):
    referral = referral_in(ReferralState.SENT, r2, offer)

    accepted = referral_accept(referral=referral, by=supervisor, on=LATER)

    assert (accepted.answered_on, accepted.answered_by, accepted.follow_up_on) == (
        LATER,
        supervisor.user,
        LATER + timedelta(days=7),
    )


def test_declining_needs_a_reason(r2, offer, supervisor):
    referral = referral_in(ReferralState.SENT, r2, offer)

    with pytest.raises(ValidationError) as error:
        referral_decline(referral=referral, by=supervisor, on=LATER, reason="  ")

    assert error.value.message_dict == {"reason": ["Enter why you are declining the referral"]}
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.SENT


def test_declining_records_the_reason_and_ends_the_follow_up(r2, offer, supervisor):
    referral = referral_in(ReferralState.SENT, r2, offer)

    declined = referral_decline(referral=referral, by=supervisor, on=LATER, reason=" We are full ")

    assert (declined.declined_reason, declined.answered_on, declined.follow_up_on) == ("We are full", LATER, None)


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (None, "Enter the date you first made contact"),
        (LATER + timedelta(days=1), "The date you first made contact must be today or in the past"),
        (
            SENT_ON - timedelta(days=1),
            "The date you first made contact must be on or after 4 January 2027, when the referral was sent",
        ),
    ],
)
def test_first_contact_is_dated_between_sending_and_today(r2, offer, supervisor, on, message):
    referral = referral_in(ReferralState.ACCEPTED, r2, offer)

    with pytest.raises(ValidationError) as error:
        referral_first_contact(referral=referral, by=supervisor, on=on, today=LATER)

    assert error.value.message_dict == {"first_contact_on": [message]}
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.ACCEPTED


@pytest.mark.parametrize("on", [SENT_ON, LATER])
def test_first_contact_on_the_day_sent_or_today_ends_the_follow_up(r2, offer, supervisor, on):
    referral = referral_in(ReferralState.ACCEPTED, r2, offer)

    contacted = referral_first_contact(referral=referral, by=supervisor, on=on, today=LATER)

    assert (contacted.state, contacted.first_contact_on, contacted.follow_up_on) == (ReferralState.IN_CONTACT, on, None)


def test_withdrawing_needs_a_reason(alice, r2, offer):
    referral = referral_in(ReferralState.SENT, r2, offer)

    with pytest.raises(ValidationError) as error:
        referral_withdraw(referral=referral, by=alice, reason="")

    assert error.value.message_dict == {"reason": ["Enter why you are withdrawing the referral"]}
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.SENT


def test_withdrawing_records_the_reason_and_ends_the_follow_up(alice, r2, offer):
    referral = referral_in(ReferralState.ACCEPTED, r2, offer)

    withdrawn = referral_withdraw(referral=referral, by=alice, reason="Order discharged")

    assert (withdrawn.state, withdrawn.withdrawn_reason, withdrawn.follow_up_on) == (
        ReferralState.WITHDRAWN,
        "Order discharged",
        None,
    )


# --- who makes each move ------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["accept", "decline", "first_contact"])
def test_another_provider_cannot_answer_a_referral(alice, r2, offer, action):
    referral = referral_in(ReferralState.SENT if action != "first_contact" else ReferralState.ACCEPTED, r2, offer)
    outsider = MembershipFactory(organisation__provider=True, role=Role.SUPERVISOR)

    with pytest.raises(PermissionDenied):
        act(action, referral, supervisor=outsider, alice=alice)

    assert not referral_events().exists()


@pytest.mark.parametrize("action", ["accept", "decline", "first_contact"])
def test_the_police_cannot_answer_for_the_provider(alice, r2, offer, action):
    referral = referral_in(ReferralState.SENT if action != "first_contact" else ReferralState.ACCEPTED, r2, offer)

    with pytest.raises(PermissionDenied):
        act(action, referral, supervisor=alice, alice=alice)


@pytest.mark.parametrize("who", ["provider", "other_force"])
def test_only_the_owning_force_can_withdraw(r2, offer, supervisor, charlie, who):
    referral = referral_in(ReferralState.SENT, r2, offer)

    with pytest.raises(PermissionDenied):
        act("withdraw", referral, supervisor=supervisor, alice=supervisor if who == "provider" else charlie)

    assert Referral.objects.get(pk=referral.pk).state == ReferralState.SENT


def test_each_side_is_offered_only_its_own_moves(alice, bob, r2, offer, supervisor):
    referral = referral_in(ReferralState.SENT, r2, offer)

    assert available_actions(referral, supervisor) == ["accept", "decline"]
    assert available_actions(referral, alice) == ["withdraw"]
    assert available_actions(referral, bob) == []


# --- the police's follow-up reminders -------------------------------------------------------------


@pytest.mark.parametrize("action", ["accept", "decline", "first_contact", "withdraw"])
def test_an_answer_closes_the_polices_open_follow_up_reminders(alice, force, r2, offer, supervisor, action):
    referral = referral_in(ReferralState.SENT if action != "first_contact" else ReferralState.ACCEPTED, r2, offer)
    reminder = ReminderFactory(
        organisation=force, target=referral, kind=ReminderKind.REFERRAL_FOLLOW_UP, due_on=referral.follow_up_on
    )

    act(action, referral, supervisor=supervisor, alice=alice)

    assert Reminder.objects.get(pk=reminder.pk).done_at is not None
