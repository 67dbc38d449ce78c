"""Referrals: the police refer a requirement of an order to a provider in the catalogue, and
the provider answers (DESIGN §2 "Referral"; the pilot lost contact details and follow-up).

The referral gives the provider what it needs to make contact and nothing else: the young
person's name, how to reach them, whose consent there is to share that, needs relevant to the
activity (never intelligence), and the requirement's wording and schedule. Never the case, the
application or the occasions.

The states are explicit and move only through the services below, by the TRANSITIONS table:

    sent ──accept──▶ accepted ──first_contact──▶ in_contact
      │                 │                            │
      └─decline─▶ declined (with a reason)           │
      └─────────────────┴─────withdraw (police)──────┴──▶ withdrawn (with a reason)

Each service locks the row, treats a repeat of the state it is already in as a no-op, refuses
any other move with ValidationError(code="conflict"), writes the audit row and closes the
police's open follow-up reminders about it (the answer is what they were chasing). Until
contact is made the police are reminded to follow up on `follow_up_on` (provision.reminders):
FOLLOW_UP_AFTER the referral was sent, then FOLLOW_UP_AFTER it was accepted."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionKind
from kcpo.access import POLICE_CASEWORK, require_role
from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.services import Operation, audit_record
from kcpo.reminders.models import ReminderKind
from kcpo.reminders.services import reminders_resolve
from orders.models import Order, OrderProvision
from provision.catalogue import is_provider_member, require_provider_member
from provision.models import ConsentBy, Offer, Referral, ReferralState

# How long the provider has to answer, and then to make contact, before the police chase it.
# The service's own allowance, not a legal period: a week, as the pilot forces worked to.
FOLLOW_UP_AFTER = timedelta(days=7)
# Still waiting for contact: the police follow these up.
AWAITING_CONTACT = frozenset({ReferralState.SENT, ReferralState.ACCEPTED})
# A referral still in play: a requirement has at most one of these per provider.
LIVE = AWAITING_CONTACT | {ReferralState.IN_CONTACT}

POLICE, PROVIDER = "police", "provider"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    side: str  # who makes it: POLICE (the owning force) or PROVIDER (the provider referred to)
    doing: str  # for the refusal: "You cannot {doing}: ..."


TRANSITIONS: dict[str, Transition] = {
    "accept": Transition(frozenset({ReferralState.SENT}), ReferralState.ACCEPTED, PROVIDER, "accept this referral"),
    "decline": Transition(frozenset({ReferralState.SENT}), ReferralState.DECLINED, PROVIDER, "decline this referral"),
    "first_contact": Transition(
        frozenset({ReferralState.ACCEPTED}), ReferralState.IN_CONTACT, PROVIDER, "record first contact on this referral"
    ),
    "withdraw": Transition(LIVE, ReferralState.WITHDRAWN, POLICE, "withdraw this referral"),
}
STATE_PHRASES = {
    ReferralState.SENT: "is waiting for the provider to accept or decline it",
    ReferralState.ACCEPTED: "has been accepted",
    ReferralState.DECLINED: "has been declined",
    ReferralState.IN_CONTACT: "already has its first contact recorded",
    ReferralState.WITHDRAWN: "has been withdrawn by the police",
}


def available_actions(referral: Referral, membership: Membership | None) -> list[str]:
    """The transitions the member could make on the referral now (the pages' buttons)."""
    side = _side(referral, membership)
    return [name for name, move in TRANSITIONS.items() if move.side == side and referral.state in move.sources]


def _side(referral: Referral, membership: Membership | None) -> str | None:
    """Which side of the referral the member acts for, if either, in a role that may act."""
    if membership is None:
        return None
    if membership.organisation_id == referral.owner_id and membership.role in POLICE_CASEWORK:
        return POLICE
    if membership.organisation_id == referral.provider_id and is_provider_member(membership):
        return PROVIDER
    return None


def _should_move(referral: Referral, action: str) -> bool:
    """False if the referral is already where `action` takes it (a repeat: nothing to do);
    True if it may move; ValidationError(code="conflict") if the table does not allow it."""
    move = TRANSITIONS[action]
    if referral.state == move.target:
        return False
    if referral.state not in move.sources:
        raise ValidationError(f"You cannot {move.doing}: it {STATE_PHRASES[referral.state]}.", code="conflict")
    return True


# --- reads --------------------------------------------------------------------------------------


def requirement_get_for_referral(*, membership: Membership | None, requirement_id: int) -> OrderProvision:
    """A requirement now in one of the member's force's orders, with the order and its subject:
    404 for anything else (a prohibition, another organisation's), 403 for a role of the force
    that does not do casework."""
    organisation_id = membership.organisation_id if membership is not None else None
    requirement = (
        OrderProvision.objects.current()
        .filter(pk=requirement_id, kind=ProvisionKind.REQUIREMENT, order__owner_id=organisation_id)
        .select_related("order__subject")
        .first()
    )
    if requirement is None:
        raise Http404
    require_role(membership, POLICE_CASEWORK)
    return requirement


def referral_get(*, membership: Membership | None, referral_id: int, action: str | None = None) -> Referral:
    """A referral as one of its two sides sees it: the owning force's police casework roles,
    or the provider's members. 404 for any other organisation (it learns nothing); 403 for a
    member of either side in another role, and, given an `action` of TRANSITIONS, for the
    side that does not make it (the police cannot accept; the provider cannot withdraw)."""
    organisation_id = membership.organisation_id if membership is not None else None
    referral = (
        Referral.objects.filter(Q(owner_id=organisation_id) | Q(provider_id=organisation_id), pk=referral_id)
        .select_related("owner", "provider", "offer", "subject", "requirement", "sent_by", "answered_by")
        .first()
    )
    if referral is None:
        raise Http404
    side = _side(referral, membership)
    if side is None or (action is not None and TRANSITIONS[action].side != side):
        raise PermissionDenied("Your role does not allow this.")
    return referral


def is_police_side(referral: Referral, membership: Membership | None) -> bool:
    """Whether the member sees the referral as the force that made it (and so may see the
    order it is for), rather than as the provider."""
    return _side(referral, membership) == POLICE


def referral_list_received(*, membership: Membership | None, state: str = "") -> QuerySet[Referral]:
    """The referrals made to the member's provider (in `state`, or all), newest first, with
    what each row shows joined in: a page of rows is one query."""
    require_provider_member(membership)
    referrals = Referral.objects.filter(provider_id=membership.organisation_id)
    if state:
        referrals = referrals.filter(state=state)
    return referrals.select_related("subject", "owner", "offer", "requirement").order_by("-sent_on", "-id")


def referral_counts_received(*, membership: Membership) -> dict[str, int]:
    """{state: count} of the referrals made to the member's provider, every state, one query."""
    rows = Referral.objects.filter(provider_id=membership.organisation_id).aggregate(
        **{state: Count("id", filter=Q(state=state)) for state in ReferralState.values}
    )
    return {state: rows[state] for state in ReferralState.values}


def referral_list_for_order(*, order: Order) -> list[Referral]:
    """The referrals made for the order's requirements, newest first: for the order page,
    which belongs to the owning force's police only (orders.selectors.order_get_for_owner).
    One query whatever the number."""
    return list(
        Referral.objects.filter(requirement__order=order)
        .select_related("provider", "offer", "requirement")
        .order_by("-sent_on", "-id")
    )


def contact_suggestion(subject) -> str:
    """What the police hold on how to reach the young person, for the officer to check and
    complete before it is shared: their address, and their parent or guardian's details."""
    lines = [f"{subject.full_name}: {subject.address}" if subject.address else subject.full_name]
    if subject.guardian_name:
        relationship = f" ({subject.guardian_relationship})" if subject.guardian_relationship else ""
        guardian = [f"{subject.guardian_name}{relationship}", subject.guardian_phone, subject.guardian_address]
        lines.append(", ".join(part for part in guardian if part))
    return "\n".join(lines)


# --- writes -------------------------------------------------------------------------------------


def _audit(referral: Referral, by: Membership, operation: str, change: str, **details) -> None:
    audit_record(
        by=by.user,
        membership=by,
        operation=operation,
        obj=referral,
        data_subject_id=referral.subject_id,
        recipient=referral.provider.name if operation == Operation.DISCLOSE else "",
        details={"change": change, "state": referral.state, **details},
    )


def _resolve_follow_ups(referral: Referral, by: Membership) -> None:
    """The answer the police were chasing has come (or they withdrew): close their reminders."""
    reminders_resolve(target=referral, kinds=[ReminderKind.REFERRAL_FOLLOW_UP], membership=by)


@transaction.atomic
def referral_send(
    *,
    by: Membership,
    requirement: OrderProvision,
    offer: Offer,
    contact_details: str,
    consent_by: str,
    consent_on: date | None,
    relevant_needs: str = "",
    on: date,
) -> Referral:
    """Refer `requirement` (of an order of the member's force, still in effect) to the
    provider of `offer` (in the catalogue now), sharing `contact_details` with the consent of
    `consent_by` given on `consent_on` (not after `on`). Sets the first follow-up day.
    Refused if the requirement already has a referral in play with that provider.
    Written to the audit log as a disclosure to the provider (DPA 2018 s62(3)(b))."""
    require_role(by, POLICE_CASEWORK)
    # The requirement's row, locked: two officers referring it to the same provider at once
    # make one referral, the second seeing the first.
    locked = (
        OrderProvision.objects.current()
        .select_for_update(of=("self",))
        .filter(pk=requirement.pk, kind=ProvisionKind.REQUIREMENT, order__owner_id=by.organisation_id)
        .select_related("order")
        .first()
    )
    if locked is None:
        raise PermissionDenied("Only the force that owns the order can refer its requirements.")
    order = locked.order
    if order.ended_on is not None and order.ended_on <= on:
        raise ValidationError("The order has ended: its requirements can no longer be referred.", code="conflict")
    offer = Offer.objects.select_related("provider").filter(pk=offer.pk).first()
    if offer is None or not (
        offer.is_active and offer.provider.is_active and offer.provider.type == Organisation.Type.PROVIDER
    ):
        raise ValidationError("This offer is no longer in the catalogue: choose another.", code="unavailable")
    errors = {}
    contact_details, relevant_needs = contact_details.strip(), relevant_needs.strip()
    if not contact_details:
        errors["contact_details"] = "Enter how the provider can contact the young person"
    if consent_by not in ConsentBy.values:
        errors["consent_by"] = "Select who agreed to share these details"
    if consent_on is None:
        errors["consent_on"] = "Enter the date consent was given"
    elif consent_on > on:
        errors["consent_on"] = "The date consent was given must be today or in the past"
    if errors:
        raise ValidationError(errors)
    live = Referral.objects.filter(requirement=locked, provider=offer.provider, state__in=LIVE)
    if live.exists():
        raise ValidationError(
            f"{locked.label} has already been referred to {offer.provider.name}: see the order’s referrals.",
            code="duplicate",
        )
    referral = Referral(
        owner_id=by.organisation_id,
        provider=offer.provider,
        offer=offer,
        subject_id=order.subject_id,
        requirement=locked,
        contact_details=contact_details,
        consent_by=consent_by,
        consent_on=consent_on,
        relevant_needs=relevant_needs,
        sent_on=on,
        sent_by=by.user,
        follow_up_on=on + FOLLOW_UP_AFTER,
    )
    referral.full_clean()
    referral.save()
    _audit(referral, by, Operation.DISCLOSE, "sent", requirement=locked.label, offer_id=offer.id)
    return referral


def _locked(referral: Referral, by: Membership, action: str) -> Referral:
    """The referral's row, locked, if `by` is on the side that makes `action`. The views have
    already answered 404 or 403 to anyone else; this is the backstop."""
    side = TRANSITIONS[action].side
    if side == PROVIDER:
        require_provider_member(by)
        scope = Q(provider_id=by.organisation_id)
    else:
        require_role(by, POLICE_CASEWORK)
        scope = Q(owner_id=by.organisation_id)
    # of=("self",): lock the referral, not the provider's organisation row joined to it.
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .filter(scope, pk=referral.pk)
        .select_related("provider")
        .first()
    )
    if locked is None:
        raise PermissionDenied(f"Only the {side} can {TRANSITIONS[action].doing}.")
    return locked


def _answered(referral: Referral, by: Membership, action: str, fields: list[str]) -> Referral:
    """Move the locked referral to where `action` takes it, saving `fields` with the state."""
    referral.state = TRANSITIONS[action].target
    referral.save(update_fields=[*fields, "state", "updated_at"])
    _audit(referral, by, Operation.ALTER, action)
    _resolve_follow_ups(referral, by)
    return referral


@transaction.atomic
def referral_accept(*, referral: Referral, by: Membership, on: date) -> Referral:
    """The provider takes the referral on. The police's next follow-up, if contact is still
    not made, is FOLLOW_UP_AFTER from today."""
    locked = _locked(referral, by, "accept")
    if not _should_move(locked, "accept"):
        return locked
    locked.answered_on, locked.answered_by, locked.follow_up_on = on, by.user, on + FOLLOW_UP_AFTER
    return _answered(locked, by, "accept", ["answered_on", "answered_by", "follow_up_on"])


@transaction.atomic
def referral_decline(*, referral: Referral, by: Membership, on: date, reason: str) -> Referral:
    """The provider cannot take the referral on, and says why (the police then look for
    another provider: nothing more to follow up here)."""
    locked = _locked(referral, by, "decline")
    if not _should_move(locked, "decline"):
        return locked
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are declining the referral"})
    locked.answered_on, locked.answered_by, locked.follow_up_on = on, by.user, None
    locked.declined_reason = reason
    return _answered(locked, by, "decline", ["answered_on", "answered_by", "follow_up_on", "declined_reason"])


@transaction.atomic
def referral_first_contact(*, referral: Referral, by: Membership, on: date | None, today: date) -> Referral:
    """The provider records the day it first made contact with the young person (from the
    day the referral was sent up to `today`). No more follow-ups."""
    locked = _locked(referral, by, "first_contact")
    if not _should_move(locked, "first_contact"):
        return locked
    if on is None:
        raise ValidationError({"first_contact_on": "Enter the date you first made contact"})
    if on > today:
        raise ValidationError({"first_contact_on": "The date you first made contact must be today or in the past"})
    if on < locked.sent_on:
        raise ValidationError(
            {
                "first_contact_on": f"The date you first made contact must be on or after {day_text(locked.sent_on)}, "
                "when the referral was sent"
            }
        )
    locked.first_contact_on, locked.follow_up_on = on, None
    return _answered(locked, by, "first_contact", ["first_contact_on", "follow_up_on"])


@transaction.atomic
def referral_withdraw(*, referral: Referral, by: Membership, reason: str) -> Referral:
    """The owning force's police withdraw the referral (the order was discharged, the young
    person moved, another provider was found), saying why. No more follow-ups."""
    locked = _locked(referral, by, "withdraw")
    if not _should_move(locked, "withdraw"):
        return locked
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are withdrawing the referral"})
    locked.withdrawn_reason, locked.follow_up_on = reason, None
    return _answered(locked, by, "withdraw", ["withdrawn_reason", "follow_up_on"])
