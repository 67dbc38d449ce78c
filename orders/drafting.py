"""Drafting an application's content beyond its own fields: the proposed provisions (s21),
the evidence list and the hearsay items, and sending the checked draft for authorisation.

Every write here works like orders.services.application_update: it takes the application
through orders.services.lock_for_change (the lock, the actor, a stale `expected_version`,
the editable states) and bumps the version. A provision or an evidence item is part
of the application, so a page opened before someone else's change to any of them cannot
overwrite it or act on what it no longer shows."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from eligibility.core import Determination, NecessityGround, assess
from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionKind
from eligibility.services import subject_s14_facts, subject_s19_facts
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.services import Operation
from orders.models import Application, EvidenceItem, EvidenceKind, HearsayItem, Provision
from orders.services import (
    STALE,
    application_submit_for_authorisation,
    audit_change,
    check_actor,
    lock_for_change,
    locked,
)
from orders.workflow import S14_ROUTES, TRANSITIONS, Route
from provision.models import Offer

PROVISION_FIELDS = frozenset(
    {
        "kind",
        "category",
        "wording",
        "place",
        "persons",
        "articles",
        "activity",
        "schedule",
        "starts_after_months",
        "period_months",
        "exceptions",
        "purposes",
        "rationale",
        "evidence",
        "supervisor_organisation",
        "supervisor_name",
        "suitability_evidence",
        "blocks_attendance",
        "restricts_contact_with_adults",
    }
)
TEXT_FIELDS = frozenset(
    {
        "wording",
        "place",
        "persons",
        "articles",
        "activity",
        "exceptions",
        "rationale",
        "evidence",
        "supervisor_name",
        "suitability_evidence",
    }
)
SUPERVISOR_NOT_BOTH = "Choose a provider organisation or enter a named individual, not both"

# 24-hour clock times as officers type them: 19:00, 7:00, 19.00.
CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def clock_parse(text: str) -> str:
    """`text` as "HH:MM", or ValueError if it is not a 24-hour time (or not text at all)."""
    match = CLOCK.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"Not a 24-hour time: {text!r}")
    return f"{int(match[1]):02d}:{match[2]}"


def schedule_clean(schedule) -> list[dict]:
    """A provision's schedule in its stored form ([{"days": [0, 4], "start": "19:00",
    "end": "07:00"}], Monday = 0), or ValidationError. Forms give friendlier messages per
    field; this keeps anything else from storing what the checks could not read."""
    if not isinstance(schedule, list):
        raise ValidationError({"schedule": "The times it applies must be a list of weekly windows."})
    cleaned = []
    for window in schedule:
        try:
            days = sorted({int(day) for day in window["days"]})
            start, end = clock_parse(window["start"]), clock_parse(window["end"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError({"schedule": "Each time window needs days and a start and end time."}) from None
        if not days or not all(0 <= day <= 6 for day in days):
            raise ValidationError({"schedule": "Each time window needs at least one day of the week."})
        cleaned.append({"days": days, "start": start, "end": end})
    return cleaned


# --- reads --------------------------------------------------------------------------------


def provision_list(*, application: Application) -> QuerySet[Provision]:
    return application.provisions.select_related("supervisor_organisation").order_by("number", "id")


def evidence_item_list(*, application: Application) -> QuerySet[EvidenceItem]:
    return application.evidence_items.order_by("id")


def hearsay_item_list(*, application: Application) -> QuerySet[HearsayItem]:
    return application.hearsay_items.order_by("id")


def supervisor_organisations(*, keep_id: int | None = None) -> QuerySet[Organisation]:
    """Who may be named as a requirement's supervising organisation (s22): active providers
    with an active catalogue offer that accepts the supervisor's duties (provision.catalogue;
    the guidance ch. 9: the police use only providers willing to take the duty). `keep_id`:
    the organisation already named on the provision being changed, kept as a choice even if it
    no longer qualifies, so that changing something else does not silently drop it.
    Note: one EXISTS subquery on the offers' (is_active, accepts_supervisor_duty) index."""
    willing = Offer.objects.filter(provider=OuterRef("pk"), is_active=True, accepts_supervisor_duty=True)
    qualifies = Q(Exists(willing), type=Organisation.Type.PROVIDER, is_active=True)
    if keep_id is not None:
        qualifies |= Q(pk=keep_id)
    return Organisation.objects.filter(qualifies).order_by("name", "id")


def conviction_label(conviction) -> str:
    """A subject's conviction (cases.models.Conviction) as the application names it: the
    offence, its date, and the conviction or that there is none yet."""
    convicted = f"convicted on {day_text(conviction.convicted_on)}" if conviction.convicted_on else "not yet convicted"
    return f"{conviction.offence}, {day_text(conviction.offence_date)}, {convicted}"


def application_determination(*, application: Application) -> Determination | None:
    """The engine's determination for the application's route, with the grounds it argues,
    re-run on every read so it follows the facts: s14 for the subject on the application
    date; s19 on the conviction the application follows (None until it names one)."""
    grounds = frozenset(NecessityGround(g) for g in application.necessity_grounds) or None
    subject = application.case.subject
    if application.route == Route.S19:
        if application.conviction_id is None:
            return None
        return assess(
            subject_s19_facts(
                subject=subject,
                conviction=application.conviction,
                on=application.application_date,
                necessity_grounds=grounds,
            )
        )
    if application.route not in S14_ROUTES:
        return None
    return assess(subject_s14_facts(subject=subject, on=application.application_date, necessity_grounds=grounds))


# --- writes -------------------------------------------------------------------------------


def _changed(application: Application, membership: Membership, **details) -> None:
    """Record a change to the application's content: a new version (under the lock taken by
    lock_for_change) and an audit row."""
    application.version += 1
    application.save(update_fields=["version", "updated_at"])
    audit_change(application, membership, Operation.ALTER, details=details)


def _own_provision(application: Application, provision: Provision) -> Provision:
    """`provision` as it is now, if it belongs to `application` (locked by the caller)."""
    current = application.provisions.filter(pk=provision.pk).first()
    if current is None:
        raise PermissionDenied("That provision is not part of this application.")
    return current


def _item_added(application: Application, membership: Membership, item, *, audit_key: str):
    """Save a new evidence or hearsay item of `application` (locked by the caller)."""
    item.full_clean(exclude=["application"])
    item.save()
    _changed(application, membership, **{audit_key: item.id, "action": "added"})
    return item


def _item_removed(application: Application, membership: Membership, item, *, audit_key: str, refusal: str) -> None:
    """Delete an evidence or hearsay item of `application` (locked by the caller); an item of
    another application is refused."""
    deleted, _ = type(item).objects.filter(application=application, pk=item.pk).delete()
    if not deleted:
        raise PermissionDenied(refusal)
    _changed(application, membership, **{audit_key: item.pk, "action": "removed"})


@transaction.atomic
def provision_save(
    *,
    application: Application,
    membership: Membership,
    expected_version: int,
    provision: Provision | None = None,
    **fields,
) -> Provision:
    """Add a provision (numbered next on the application) or change `provision`. What the law
    says about the draft as a whole (s21, s22, s23) is left to the provision checks; this
    refuses only what cannot be a provision at all."""
    unknown = set(fields) - PROVISION_FIELDS
    if unknown:
        raise TypeError(f"Not fields of a provision: {', '.join(sorted(unknown))}")
    current = lock_for_change(application, membership, expected_version)
    if provision is None:
        # Safe from a concurrent add: every provision write holds the application's lock.
        last = current.provisions.aggregate(last=Max("number"))["last"] or 0
        provision, action = Provision(application=current, number=last + 1), "added"
    else:
        provision, action = _own_provision(current, provision), "changed"
    for field, value in fields.items():
        setattr(provision, field, value.strip() if field in TEXT_FIELDS else value)
    errors = {}
    if provision.kind not in {kind.value for kind in ProvisionKind}:
        errors["kind"] = "Select whether it is a requirement or a prohibition"
    if not provision.wording:
        errors["wording"] = "Enter the exact wording of the provision"
    if not provision.purposes:
        errors["purposes"] = "Select at least one purpose the provision serves"
    organisation = provision.supervisor_organisation
    if organisation is not None and (organisation.type != Organisation.Type.PROVIDER or not organisation.is_active):
        errors["supervisor_organisation"] = "Choose a provider organisation"
    if organisation is not None and provision.supervisor_name:
        errors["supervisor_name"] = SUPERVISOR_NOT_BOTH
    if errors:
        raise ValidationError(errors)
    provision.schedule = schedule_clean(provision.schedule)
    if provision.kind == ProvisionKind.PROHIBITION:  # s22 supervises requirements only
        provision.supervisor_organisation, provision.supervisor_name, provision.suitability_evidence = None, "", ""
    provision.full_clean(exclude=["application"])
    provision.save()
    _changed(current, membership, provision=provision.label, action=action)
    return provision


@transaction.atomic
def provision_delete(
    *, application: Application, membership: Membership, expected_version: int, provision: Provision
) -> None:
    """Remove a provision. The others keep their numbers: the labels people have written
    down (R2, P3) still mean the same thing."""
    current = lock_for_change(application, membership, expected_version)
    provision = _own_provision(current, provision)
    label = provision.label
    provision.delete()
    _changed(current, membership, provision=label, action="removed")


@transaction.atomic
def evidence_item_add(
    *,
    application: Application,
    membership: Membership,
    expected_version: int,
    kind: str,
    description: str,
    reference: str = "",
) -> EvidenceItem:
    current = lock_for_change(application, membership, expected_version)
    errors = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = "Select the kind of evidence"
    if not description.strip():
        errors["description"] = "Describe the evidence"
    if errors:
        raise ValidationError(errors)
    item = EvidenceItem(application=current, kind=kind, description=description.strip(), reference=reference.strip())
    return _item_added(current, membership, item, audit_key="evidence_item")


@transaction.atomic
def evidence_item_delete(
    *, application: Application, membership: Membership, expected_version: int, item: EvidenceItem
) -> None:
    current = lock_for_change(application, membership, expected_version)
    _item_removed(
        current,
        membership,
        item,
        audit_key="evidence_item",
        refusal="That evidence is not part of this application.",
    )


@transaction.atomic
def hearsay_item_add(
    *,
    application: Application,
    membership: Membership,
    expected_version: int,
    maker: str,
    description: str,
    reason_not_called: str,
) -> HearsayItem:
    """A piece of evidence whose maker will not be called, for the hearsay notice: the notice
    must say why (Civil Evidence Act 1995 s2; CrimPR Part 20)."""
    current = lock_for_change(application, membership, expected_version)
    errors = {}
    if not maker.strip():
        errors["maker"] = "Enter who made the statement"
    if not description.strip():
        errors["description"] = "Describe the hearsay evidence"
    if not reason_not_called.strip():
        errors["reason_not_called"] = "Enter why the maker will not be called as a witness"
    if errors:
        raise ValidationError(errors)
    item = HearsayItem(
        application=current,
        maker=maker.strip(),
        description=description.strip(),
        reason_not_called=reason_not_called.strip(),
    )
    return _item_added(current, membership, item, audit_key="hearsay_item")


@transaction.atomic
def hearsay_item_delete(
    *, application: Application, membership: Membership, expected_version: int, item: HearsayItem
) -> None:
    current = lock_for_change(application, membership, expected_version)
    _item_removed(
        current,
        membership,
        item,
        audit_key="hearsay_item",
        refusal="That hearsay item is not part of this application.",
    )


@transaction.atomic
def application_send_for_authorisation(
    *, application: Application, membership: Membership, expected_version: int
) -> Application:
    """Send the draft the officer checked for authorisation (s15(1)): refused if it changed
    since their check-your-answers page was drawn, so nobody sends what they have not seen.
    The transition's own guards (grounds, duration, provisions, failing checks) apply."""
    current = locked(application.pk)
    check_actor(current, membership, POLICE_CASEWORK)
    # Sending twice (a double click) is the transition's no-op, not a stale page.
    already_sent = current.state == TRANSITIONS["submit_for_authorisation"].target
    if current.version != expected_version and not already_sent:
        raise ValidationError(STALE, code="stale")
    return application_submit_for_authorisation(application=current, membership=membership)
