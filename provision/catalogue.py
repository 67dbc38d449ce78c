"""The provision catalogue: what providers offer, searched by the police when they draft a
requirement and when they refer one (DESIGN §2 "Supervisor / Provider").

A provider's members (its supervisors and administrator) list, change and withdraw their own
offers; the police casework roles search every active offer. Whether a provider accepts the
supervisor's duties under s22(5) is said per offer, and only a provider with an active offer
that does can be named as a requirement's supervising organisation
(orders.drafting.supervisor_organisations reads the offers here). The guidance, ch. 9: the
police "will only utilise providers willing to undertake that duty".

Offers are made by organisations of type PROVIDER only. The model would also take a youth
offending team, but a requirement's supervising organisation must be a provider
(orders.drafting.provision_save), so a YOT's offer could never be picked: a YOT worker who
supervises is named as an individual instead."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from kcpo.accounts.models import Membership, Organisation, Role
from kcpo.areas import area_key
from kcpo.audit.services import Operation, audit_record
from orders.drafting import schedule_clean
from provision.models import REQUIREMENT_CATEGORIES, Funding, Offer

# The members of a provider who manage its offers and answer its referrals.
PROVIDER_MEMBERS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
# Ages an offer can give: the youngest a KCPO can be made against is 12 (s14(1), s19(1)), but
# providers often work with younger siblings too; 99 only keeps the numbers sane.
AGE_RANGE = (0, 99)
OFFER_FIELDS = frozenset(
    {
        "name",
        "description",
        "categories",
        "areas",
        "named_supervisor",
        "min_age",
        "max_age",
        "schedule",
        "capacity",
        "funding",
        "accepts_supervisor_duty",
    }
)
TEXT_FIELDS = frozenset({"name", "description", "named_supervisor"})


def is_provider_member(membership: Membership | None) -> bool:
    """Whether `membership` acts for a provider in a role that manages its offers and referrals."""
    return (
        membership is not None
        and membership.organisation.type == Organisation.Type.PROVIDER
        and membership.role in PROVIDER_MEMBERS
    )


def require_provider_member(membership: Membership | None) -> Membership:
    """403 unless the member acts for a provider as one of PROVIDER_MEMBERS."""
    if not is_provider_member(membership):
        raise PermissionDenied("Only a provider’s supervisors and administrator can do this.")
    return membership


# --- reads --------------------------------------------------------------------------------------


def offer_search(
    *, category: str = "", area: str = "", age: int | None = None, supervisors_only: bool = False
) -> QuerySet[Offer]:
    """The catalogue as the police search it: active offers of active providers, with the
    provider joined in (a page of results is one query). Each filter is optional: `category`
    one of REQUIREMENT_CATEGORIES, `area` a local authority or borough served (any case),
    `age` within the offer's ages, `supervisors_only` offers that take the s22(5) duty.
    Ordered by provider, then offer name."""
    offers = Offer.objects.filter(
        is_active=True, provider__is_active=True, provider__type=Organisation.Type.PROVIDER
    ).select_related("provider")
    if category:
        offers = offers.filter(categories__contains=[category])
    if area and area_key(area):
        offers = offers.filter(areas__contains=[area_key(area)])
    if age is not None:
        offers = offers.filter(min_age__lte=age, max_age__gte=age)
    if supervisors_only:
        offers = offers.filter(accepts_supervisor_duty=True)
    return offers.order_by("provider__name", "name", "id")


def offer_get_for_referral(*, offer_id: int) -> Offer:
    """An offer the police may refer to: in the catalogue now (404 otherwise)."""
    offer = offer_search().filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    return offer


def offer_list_for_provider(*, membership: Membership | None) -> QuerySet[Offer]:
    """The member's provider's own offers, active first, then by name."""
    require_provider_member(membership)
    return Offer.objects.filter(provider_id=membership.organisation_id).order_by("-is_active", "name", "id")


def offer_get_for_provider(*, membership: Membership | None, offer_id: int) -> Offer:
    """One of the member's provider's offers: 404 for another organisation's (so it learns
    nothing), 403 for a member in another role."""
    organisation_id = membership.organisation_id if membership is not None else None
    offer = Offer.objects.filter(pk=offer_id, provider_id=organisation_id).first()
    if offer is None:
        raise Http404
    require_provider_member(membership)
    return offer


# --- writes -------------------------------------------------------------------------------------


def _clean_fields(fields: dict) -> dict:
    """`fields` with text trimmed and areas normalised, or ValidationError naming each field
    at fault, in the words the offer form shows."""
    unknown = set(fields) - OFFER_FIELDS
    if unknown:
        raise TypeError(f"Not fields of an offer: {', '.join(sorted(unknown))}")
    cleaned = {name: value.strip() if name in TEXT_FIELDS else value for name, value in fields.items()}
    errors = {}
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = "Enter the name of what you offer"
    if "categories" in cleaned:
        categories = list(dict.fromkeys(cleaned["categories"] or []))
        allowed = {c.value for c in REQUIREMENT_CATEGORIES}
        if not categories:
            errors["categories"] = "Select at least one kind of requirement you provide"
        elif not set(categories) <= allowed:
            errors["categories"] = "Select kinds of requirement from the list"
        cleaned["categories"] = categories
    if "areas" in cleaned:
        areas = list(dict.fromkeys(area_key(a) for a in cleaned["areas"] or [] if area_key(a)))
        if not areas:
            errors["areas"] = "Enter at least one area you work in"
        cleaned["areas"] = areas
    low, high = AGE_RANGE
    for name in ("min_age", "max_age"):
        if name in cleaned and not (isinstance(cleaned[name], int) and low <= cleaned[name] <= high):
            errors[name] = f"Enter an age from {low} to {high}"
    if "funding" in cleaned and cleaned["funding"] not in Funding.values:
        errors["funding"] = "Select how it is funded"
    capacity = cleaned.get("capacity")
    if capacity is not None and not (isinstance(capacity, int) and capacity >= 1):
        errors["capacity"] = "Enter the number of places as a whole number, 1 or more, or leave it blank"
    if "schedule" in cleaned:
        try:
            cleaned["schedule"] = schedule_clean(cleaned["schedule"] or [])
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_ages(offer: Offer) -> None:
    if offer.min_age > offer.max_age:
        raise ValidationError({"max_age": "The oldest age must be the same as or more than the youngest"})


def _audit(offer: Offer, by: Membership, operation: str, change: str) -> None:
    audit_record(by=by.user, membership=by, operation=operation, obj=offer, details={"change": change})


@transaction.atomic
def offer_create(*, by: Membership, **fields) -> Offer:
    """Add an offer to the catalogue for the member's provider. Every field of OFFER_FIELDS may
    be given; name, categories, areas and funding must be."""
    require_provider_member(by)
    cleaned = _clean_fields({"name": "", "categories": [], "areas": [], "funding": "", **fields})
    offer = Offer(provider_id=by.organisation_id, **cleaned)
    _check_ages(offer)
    offer.full_clean()
    offer.save()
    _audit(offer, by, Operation.COLLECT, "added")
    return offer


def _locked_own(offer: Offer, by: Membership) -> Offer:
    """The offer's row, locked, if it is the member's provider's (the views have answered 404
    to anyone else already; this is the backstop)."""
    require_provider_member(by)
    locked = Offer.objects.select_for_update().filter(pk=offer.pk, provider_id=by.organisation_id).first()
    if locked is None:
        raise PermissionDenied("Only the provider can change its offers.")
    return locked


@transaction.atomic
def offer_update(*, offer: Offer, by: Membership, **fields) -> Offer:
    """Change an offer: only the fields given. A withdrawn offer can be changed too (the
    provider may be preparing to offer it again), but it stays out of the catalogue."""
    locked = _locked_own(offer, by)
    for name, value in _clean_fields(fields).items():
        setattr(locked, name, value)
    _check_ages(locked)
    locked.full_clean()
    locked.save()
    _audit(locked, by, Operation.ALTER, "changed")
    return locked


@transaction.atomic
def offer_deactivate(*, offer: Offer, by: Membership) -> Offer:
    """Take an offer out of the catalogue. Referrals already made to it and requirements that
    already name the provider are unaffected. Deactivating an inactive offer changes nothing."""
    locked = _locked_own(offer, by)
    if not locked.is_active:
        return locked
    locked.is_active = False
    locked.save(update_fields=["is_active", "updated_at"])
    _audit(locked, by, Operation.ALTER, "deactivated")
    return locked
