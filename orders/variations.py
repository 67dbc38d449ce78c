"""After an order is made: applications to vary, renew or discharge it (s27), the review hearings
the court sets (s26) and appeals (s28), each a Proceeding whose outcome may vary, renew or
discharge the order or leave it as it is.

A variation never edits a provision in place: it marks the rows it changes or deletes as removed
by the proceeding and adds the rows it makes, so the order keeps every version of its provisions
and `proceeding_comparison` can say what changed. The law's limits come from
eligibility.core.order_dates (s27(10) discharge, s27 with s23(3) renewal) and
eligibility.core.provisions (s17(4)-(5), s23(8)).

Every write locks the order's application first (orders.services.locked), as the court services
do, then the order."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from eligibility.core import blocking_checks, yot_consultation_required
from eligibility.core.dates import day_text
from eligibility.core.order_dates import (
    check_discharge,
    check_renewal,
    provision_period,
    representations_last_day,
)
from eligibility.core.provisions import OrderKind as EngineOrderKind
from eligibility.core.provisions import (
    Period,
    ProposedOrder,
    ProposedProvision,
    ProvisionKind,
    check_s17_prohibitions_only,
)
from eligibility.core.service import HearingKind
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.services import Operation
from kcpo.reminders.models import ReminderKind
from kcpo.reminders.services import reminders_resolve
from orders.models import (
    Hearing,
    Order,
    OrderKind,
    OrderProvision,
    Proceeding,
    ProceedingApplicant,
    ProceedingKind,
    ProceedingOutcome,
    ProceedingSought,
)
from orders.review import FieldChange, ProvisionChange, display_value, field_changes
from orders.services import audit_change, check_actor, locked

# What each kind of proceeding may end in. An application ends in what it sought, or not; a
# review considers whether the order "should be varied or discharged" (s26(5)); an appeal
# court may make "such orders as may be necessary" (s28(6)).
OUTCOMES = {
    (ProceedingKind.APPLICATION, ProceedingSought.VARY): {ProceedingOutcome.VARIED},
    (ProceedingKind.APPLICATION, ProceedingSought.RENEW): {ProceedingOutcome.RENEWED},
    (ProceedingKind.APPLICATION, ProceedingSought.DISCHARGE): {ProceedingOutcome.DISCHARGED},
    (ProceedingKind.REVIEW, ""): {ProceedingOutcome.VARIED, ProceedingOutcome.DISCHARGED},
    (ProceedingKind.APPEAL, ""): {ProceedingOutcome.VARIED, ProceedingOutcome.DISCHARGED},
}
ALWAYS_POSSIBLE = {ProceedingOutcome.UNCHANGED, ProceedingOutcome.WITHDRAWN}
HEARING_KIND = {ProceedingKind.APPLICATION: HearingKind.VARIATION, ProceedingKind.APPEAL: HearingKind.APPEAL}
END_REASONS = {
    ProceedingKind.APPLICATION: "Discharged on an application under s27",
    ProceedingKind.REVIEW: "Discharged at a review hearing (s26)",
    ProceedingKind.APPEAL: "Discharged on appeal (s28)",
}

# The fields a variation is compared on, with the words the officer reads.
VARIATION_FIELDS = {
    "kind": "Requirement or prohibition",
    "wording": "Wording",
    "schedule": "Days and times",
    "period_months": "Lasts for (months)",
    "ends_on": "Last day",
    "supervisor": "Supervisor",
}


def _outcomes(kind: str, sought: str) -> list[str]:
    possible = OUTCOMES[(kind, sought)] | ALWAYS_POSSIBLE
    if kind == ProceedingKind.REVIEW:
        possible = possible - {ProceedingOutcome.WITHDRAWN}  # the court's own hearing: nothing to withdraw
    return [outcome for outcome in ProceedingOutcome.values if outcome in possible]


def outcomes_for(proceeding: Proceeding) -> list[str]:
    """The outcomes the proceeding may be recorded with, in the order they are offered."""
    return _outcomes(proceeding.kind, proceeding.sought)


def review_outcomes() -> list[str]:
    """What a review hearing may decide (s26(5))."""
    return _outcomes(ProceedingKind.REVIEW, "")


def _lock_order(order: Order, membership: Membership) -> Order:
    application = locked(order.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    return Order.objects.select_for_update().select_related("application__case__subject").get(pk=order.pk)


def _in_effect_on(order: Order, day: date) -> bool:
    return order.ended_on is None or order.ended_on > day


def proceeding_start(
    *,
    order: Order,
    membership: Membership,
    kind: str,
    applicant: str,
    made_on: date,
    today: date,
    sought: str = "",
    reasons: str = "",
    proposed_changes: str = "",
    yot: Organisation | None = None,
    yot_consulted_on: date | None = None,
    yot_views: str = "",
) -> Proceeding:
    """Record an application under s27 (the police's, or the defendant's as the police received
    it) or an appeal under s28. A defendant's application starts the police's 14 days for
    representations (the guidance, chapter 11). A police application about a child needs the
    YOT's views first, as the order itself did (s15(5), s20)."""
    with transaction.atomic():
        order = _lock_order(order, membership)
        errors = {}
        if kind not in {ProceedingKind.APPLICATION, ProceedingKind.APPEAL}:
            errors["kind"] = "Choose an application under s27 or an appeal under s28"
        if applicant not in ProceedingApplicant.values:
            errors["applicant"] = "Select who made it"
        if kind == ProceedingKind.APPLICATION:
            if sought not in ProceedingSought.values:
                errors["sought"] = "Select what the application asks the court to do"
            elif sought == ProceedingSought.RENEW and order.kind != OrderKind.FULL:
                # s27(1)(b): an interim order may be varied or discharged, not renewed.
                errors["sought"] = "An interim order can be varied or discharged, not renewed (s27(1)(b))"
        else:
            sought = ""
        if made_on > today:
            errors["made_on"] = "The date must be today or in the past"
        elif made_on < order.made_on:
            errors["made_on"] = "The date cannot be before the order was made"
        elif not _in_effect_on(order, made_on):
            errors["made_on"] = f"The order ended on {day_text(order.ended_on)}"
        if not reasons.strip():
            errors["reasons"] = "Enter the reasons given"
        child = yot_consultation_required(order.application.case.subject.date_of_birth, made_on)
        police_application = kind == ProceedingKind.APPLICATION and applicant == ProceedingApplicant.POLICE
        if police_application and child and (yot is None or yot_consulted_on is None):
            errors["yot"] = (
                "The defendant is under 18: record the youth offending team consulted and when, before applying"
            )
        if yot is not None and yot.type != Organisation.Type.YOT:
            errors["yot"] = "Choose a youth offending team"
        if yot_consulted_on is not None and yot_consulted_on > today:
            errors["yot_consulted_on"] = "The date must be today or in the past"
        if errors:
            raise ValidationError(errors)
        defendants = kind == ProceedingKind.APPLICATION and applicant == ProceedingApplicant.DEFENDANT
        proceeding = Proceeding.objects.create(
            order=order,
            kind=kind,
            sought=sought,
            applicant=applicant,
            made_on=made_on,
            reasons=reasons.strip(),
            proposed_changes=proposed_changes.strip(),
            representations_due_on=representations_last_day(made_on) if defendants else None,
            yot=yot,
            yot_consulted_on=yot_consulted_on,
            yot_views=yot_views.strip(),
            created_by=membership.user,
        )
        audit_change(
            order.application,
            membership,
            Operation.COLLECT,
            reason=f"{proceeding.get_kind_display()} recorded",
            details={"order_id": order.id, "proceeding_id": proceeding.id},
        )
    return proceeding


def review_for_hearing(*, hearing: Hearing) -> Proceeding | None:
    """The review proceeding a review hearing (s26) is heard as, if its outcome was recorded."""
    return Proceeding.objects.filter(hearing=hearing).first()


def _locked_proceeding(proceeding: Proceeding, membership: Membership) -> tuple[Order, Proceeding]:
    order = _lock_order(proceeding.order, membership)
    return order, Proceeding.objects.select_for_update().get(pk=proceeding.pk)


def representations_record(
    *, proceeding: Proceeding, membership: Membership, sent_on: date, representations: str, today: date
) -> Proceeding:
    """Record the police's reply to a defendant's application: that they wish to make
    representations, and their particulars, sent to the court and the defendant. Late replies
    are recorded (and shown late), not refused."""
    with transaction.atomic():
        order, proceeding = _locked_proceeding(proceeding, membership)
        errors = {}
        if proceeding.representations_due_on is None:
            errors["__all__"] = "Representations are made on a defendant’s application only"
        if sent_on > today:
            errors["sent_on"] = "The date must be today or in the past"
        elif sent_on < proceeding.made_on:
            errors["sent_on"] = "The date cannot be before the application was received"
        if not representations.strip():
            errors["representations"] = "Enter the particulars of the representations"
        if errors:
            raise ValidationError(errors)
        proceeding.representations_sent_on = sent_on
        proceeding.representations = representations.strip()
        proceeding.save(update_fields=["representations_sent_on", "representations", "updated_at"])
        reminders_resolve(target=proceeding, kinds=[ReminderKind.REPRESENTATIONS_DUE], membership=membership)
        audit_change(
            order.application,
            membership,
            Operation.ALTER,
            reason="Representations recorded",
            details={"order_id": order.id, "proceeding_id": proceeding.id},
        )
    return proceeding


def proceeding_hearing_list(
    *, proceeding: Proceeding, membership: Membership, on: date, court: Organisation | None
) -> Hearing:
    """List the hearing an application or appeal will be heard at, on the order's application,
    so it shows as the order's next hearing."""
    with transaction.atomic():
        order, proceeding = _locked_proceeding(proceeding, membership)
        errors = {}
        if proceeding.kind not in HEARING_KIND:
            errors["__all__"] = "A review hearing is listed when the order is made"
        if proceeding.is_decided:
            errors["__all__"] = "The outcome is already recorded"
        if on < proceeding.made_on:
            errors["on"] = "The hearing cannot be before the application was made"
        if court is not None and court.type != Organisation.Type.COURT:
            errors["court"] = "Choose a court"
        if errors:
            raise ValidationError(errors)
        if proceeding.hearing_id:
            hearing = proceeding.hearing
            hearing.date, hearing.court = on, court
            hearing.save(update_fields=["date", "court", "updated_at"])
        else:
            hearing = Hearing.objects.create(
                application=order.application, court=court, date=on, kind=HEARING_KIND[proceeding.kind]
            )
            proceeding.hearing = hearing
            proceeding.save(update_fields=["hearing", "updated_at"])
        audit_change(
            order.application,
            membership,
            Operation.ALTER,
            reason="Hearing listed",
            details={"order_id": order.id, "proceeding_id": proceeding.id, "hearing_id": hearing.id},
        )
    return hearing


def review_hearing_list(*, order: Order, membership: Membership, on: date, court: Organisation | None) -> Hearing:
    """List a further review hearing the court ordered (s26(2): "one or more review hearings on a
    specified date or dates"), on the order's application, so it shows as the order's next hearing
    and its outcome is recorded on the order like the s26(4) review."""
    with transaction.atomic():
        order = _lock_order(order, membership)
        errors = {}
        if order.kind != OrderKind.FULL:
            errors["__all__"] = "Review hearings are of a full order (s26(1))"
        starts = order.takes_effect_on or order.made_on
        if on <= starts:
            errors["on"] = f"The review hearing must be after the order took effect ({day_text(starts)})"
        elif not _in_effect_on(order, on) or (order.ends_on is not None and on > order.ends_on):
            errors["on"] = "The review hearing must be while the order has effect"
        if court is not None and court.type != Organisation.Type.COURT:
            errors["court"] = "Choose a court"
        if errors:
            raise ValidationError(errors)
        hearing = Hearing.objects.create(application=order.application, court=court, date=on, kind=HearingKind.REVIEW)
        audit_change(
            order.application,
            membership,
            Operation.ALTER,
            reason="Review hearing listed (s26(2))",
            details={"order_id": order.id, "hearing_id": hearing.id},
        )
    return hearing


# --- the outcome ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VariedProvision:
    """One provision as the variation leaves it: an existing one (`number`) kept, reworded,
    given a new period, or removed; or a new one (number None) with its kind."""

    number: int | None
    wording: str
    kind: str = ""
    period_months: int | None = None
    remove: bool = False


@dataclass(frozen=True)
class Decision:
    outcome: str
    decided_on: date
    notes: str = ""
    # A variation: every provision of the order now, as varied, and any added.
    provisions: tuple[VariedProvision, ...] = ()
    # A renewal: the order's new last day.
    renewed_ends_on: date | None = None
    # A discharge in the first 6 months (s27(10)).
    defendant_consents: bool = False
    police_consent: bool = False


def _variation(order: Order, current: list[OrderProvision], decision: Decision) -> tuple[dict, list, list]:
    """The rows a variation removes and the ones it adds, or the errors that stop it."""
    by_number = {p.number: p for p in current}
    errors, removed, added = {}, [], []
    next_number = (order.provisions.aggregate(last=Max("number"))["last"] or 0) + 1
    for varied in decision.provisions:
        if varied.number is not None and varied.number not in by_number:
            errors["provisions"] = "Those requirements and prohibitions are not this order’s"
            continue
        if not varied.remove and not varied.wording.strip():
            errors["provisions"] = "Enter the wording of every requirement and prohibition, or remove it"
            continue
        old = by_number.get(varied.number)
        if old is None:
            if varied.kind not in {kind.value for kind in ProvisionKind}:
                errors["provisions"] = "Select whether the added condition is a requirement or a prohibition"
                continue
            added.append(_new_provision(order, None, number=next_number, varied=varied))
            next_number += 1
        elif varied.remove:
            removed.append(old)
        elif varied.wording.strip() != old.wording or varied.period_months != old.period_months:
            removed.append(old)
            added.append(_new_provision(order, old, number=old.number, varied=varied))
    if errors:
        return errors, [], []
    if not removed and not added:
        return {"provisions": "Nothing was changed: change, remove or add a requirement or prohibition"}, [], []
    kept = [p for p in current if p not in removed]
    if not kept and not added:
        return (
            {"provisions": "A variation must leave at least one requirement or prohibition: record a discharge"},
            [],
            [],
        )
    rules = ProposedOrder(
        kind=EngineOrderKind(order.kind),
        provisions=tuple(
            ProposedProvision(label=p.label, kind=ProvisionKind(p.kind), wording=p.wording) for p in kept + added
        ),
        period=Period(months=order.duration_months) if order.duration_months else None,
    )
    failed = blocking_checks((check_s17_prohibitions_only(rules),))
    if failed:
        return {"provisions": [f"{c.section}: {c.explanation}" for c in failed]}, [], []
    return {}, removed, added


def _new_provision(order: Order, old: OrderProvision | None, *, number: int, varied: VariedProvision) -> OrderProvision:
    """The row a variation makes: the old one's terms with the court's new wording and period,
    or a new one; its own period counted from the day the order took effect (s23(8))."""
    terms = old.terms_besides("id", "number", "wording", "period_months", "starts_on", "ends_on") if old else {}
    terms.pop("order_id", None)
    terms.pop("added_by_id", None)
    terms.pop("removed_by_id", None)
    provision = OrderProvision(
        order=order,
        number=number,
        wording=varied.wording.strip(),
        period_months=varied.period_months,
        **({"kind": varied.kind} if old is None else {}),
        **terms,
    )
    if order.takes_effect_on is not None:
        provision.starts_on, provision.ends_on = provision_period(
            order.takes_effect_on,
            starts_after_months=provision.starts_after_months,
            period_months=provision.period_months,
            order_ends=order.ends_on,
        )
    return provision


def proceeding_decide(*, proceeding: Proceeding, membership: Membership, decision: Decision, today: date) -> Proceeding:
    """Record what the court decided, once, and apply it to the order in the same transaction:
    a variation makes a new version of the provisions, a renewal a new last day (s27 with
    s23(3)), a discharge ends the order (not in its first 6 months without both consents,
    s27(10)). Nothing is written if any part is refused."""
    with transaction.atomic():
        order, proceeding = _locked_proceeding(proceeding, membership)
        errors = {}
        outcome = decision.outcome
        if proceeding.is_decided:
            errors["outcome"] = "The outcome is already recorded"
        elif outcome not in outcomes_for(proceeding):
            errors["outcome"] = "Select what the court decided"
        if decision.decided_on > today:
            errors["decided_on"] = "The date of the decision must be today or in the past"
        elif decision.decided_on < proceeding.made_on:
            errors["decided_on"] = "The decision cannot be before the application or review"
        elif not _in_effect_on(order, decision.decided_on):
            errors["decided_on"] = f"The order ended on {day_text(order.ended_on)}"
        if errors:
            raise ValidationError(errors)
        removed, added = [], []
        if outcome == ProceedingOutcome.VARIED:
            current = list(order.provisions.current().order_by("number"))
            errors, removed, added = _variation(order, current, decision)
        elif outcome == ProceedingOutcome.RENEWED:
            if decision.renewed_ends_on is None:
                errors["renewed_ends_on"] = "Enter the order’s new last day"
            else:
                check = check_renewal(
                    ends_on=order.ends_on, renewed_on=decision.decided_on, renewed_ends_on=decision.renewed_ends_on
                )
                if blocking_checks((check,)):
                    errors["renewed_ends_on"] = f"{check.section}: {check.explanation}"
        elif outcome == ProceedingOutcome.DISCHARGED and order.kind == OrderKind.FULL:
            check = check_discharge(
                takes_effect=order.takes_effect_on,
                decided_on=decision.decided_on,
                defendant_consents=decision.defendant_consents,
                police_consent=decision.police_consent,
            )
            if blocking_checks((check,)):
                errors["defendant_consents"] = f"{check.section}: {check.explanation}"
        if errors:
            raise ValidationError(errors)
        proceeding.outcome = outcome
        proceeding.decided_on = decision.decided_on
        proceeding.outcome_notes = decision.notes.strip()
        proceeding.defendant_consents = decision.defendant_consents
        proceeding.police_consent = decision.police_consent
        proceeding.decided_by = membership.user
        if outcome == ProceedingOutcome.RENEWED:
            proceeding.previous_ends_on, proceeding.renewed_ends_on = order.ends_on, decision.renewed_ends_on
        proceeding.save()
        # Removed first: the new version of a provision takes its number (unique among current rows).
        OrderProvision.objects.filter(pk__in=[p.pk for p in removed]).update(removed_by=proceeding)
        for provision in added:
            provision.added_by = proceeding
        OrderProvision.objects.bulk_create(added)
        if outcome == ProceedingOutcome.RENEWED:
            _renew(order, renewed_ends_on=decision.renewed_ends_on)
        if outcome == ProceedingOutcome.DISCHARGED:
            order.ended_on, order.end_reason = decision.decided_on, END_REASONS[proceeding.kind]
            order.save(update_fields=["ended_on", "end_reason", "updated_at"])
        _reminders_resolve(order, proceeding, membership)
        audit_change(
            order.application,
            membership,
            Operation.ALTER,
            reason=f"{proceeding.get_kind_display()}: {proceeding.get_outcome_display()}",
            details={"order_id": order.id, "proceeding_id": proceeding.id, "outcome": outcome},
        )
    return proceeding


def _reminders_resolve(order: Order, proceeding: Proceeding, membership: Membership) -> None:
    """Close the reminders the decision answers: its own representations (moot once decided),
    the review it was heard at, and — once the order is renewed or discharged — the reminder to
    consider renewing it, and on a discharge its review hearings."""
    reminders_resolve(target=proceeding, kinds=[ReminderKind.REPRESENTATIONS_DUE], membership=membership)
    if proceeding.kind == ProceedingKind.REVIEW and proceeding.hearing_id:
        reminders_resolve(
            target=order, kinds=[ReminderKind.REVIEW_HEARING], membership=membership, due_on=proceeding.hearing.date
        )
    if proceeding.outcome in {ProceedingOutcome.RENEWED, ProceedingOutcome.DISCHARGED}:
        kinds = [ReminderKind.ORDER_EXPIRING]
        if proceeding.outcome == ProceedingOutcome.DISCHARGED:
            kinds.append(ReminderKind.REVIEW_HEARING)
        reminders_resolve(target=order, kinds=kinds, membership=membership)


def _renew(order: Order, *, renewed_ends_on: date) -> None:
    """The order's new last day; the provisions that ran until the old one now run until the
    new one (those with a shorter period of their own keep it, s23(8))."""
    old_ends_on = order.ends_on
    order.ends_on = renewed_ends_on
    order.save(update_fields=["ends_on", "updated_at"])
    order.provisions.current().filter(ends_on=old_ends_on, period_months__isnull=True).update(ends_on=renewed_ends_on)


def review_hearings_due(order: Order, hearings, *, today: date) -> list[Hearing]:
    """The order's review hearings (s26) that have been held and whose outcome is not recorded."""
    decided = set(order.proceedings.exclude(outcome="").values_list("hearing_id", flat=True))
    return [h for h in hearings if h.kind == HearingKind.REVIEW and h.date <= today and h.id not in decided]


@transaction.atomic
def review_decide(
    *, order: Order, hearing: Hearing, membership: Membership, decision: Decision, today: date
) -> Proceeding:
    """Record the outcome of a review hearing of the order (s26(5): whether it should be varied
    or discharged), as a review proceeding made for it; nothing is kept if the outcome is refused."""
    if hearing.kind != HearingKind.REVIEW or hearing.application_id != order.application_id:
        raise ValidationError("That is not a review hearing of this order.")
    if hearing.date > today:
        raise ValidationError({"decided_on": "The review hearing has not happened yet"})
    locked_order = _lock_order(order, membership)
    proceeding, _created = Proceeding.objects.get_or_create(
        hearing=hearing,
        defaults={
            "order": locked_order,
            "kind": ProceedingKind.REVIEW,
            "made_on": hearing.date,
            "reasons": "The review hearing the court ordered (s26)",
            "created_by": membership.user,
        },
    )
    return proceeding_decide(proceeding=proceeding, membership=membership, decision=decision, today=today)


# --- what changed ----------------------------------------------------------------------------


def provision_content(provision: OrderProvision) -> dict:
    return {
        "kind": provision.kind,
        "wording": provision.wording,
        "schedule": provision.schedule,
        "period_months": provision.period_months,
        "ends_on": day_text(provision.ends_on) if provision.ends_on else "",
        "supervisor": provision.supervisor,
    }


def proceeding_comparison(proceeding: Proceeding) -> tuple[ProvisionChange, ...]:
    """What a variation changed, provision by provision: each added, removed, or changed (the
    fields before and after), matched by number. Two queries."""
    removed = {p.number: p for p in proceeding.provisions_removed.select_related("supervisor_organisation")}
    added = {p.number: p for p in proceeding.provisions_added.select_related("supervisor_organisation")}
    changes = []
    for number in sorted(set(removed) | set(added)):
        old, new = removed.get(number), added.get(number)
        if old is None:
            content = provision_content(new)
            fields = tuple(
                FieldChange(field, label, "", display_value(field, content[field]))
                for field, label in VARIATION_FIELDS.items()
                if content[field] not in (None, "", [])
            )
            changes.append(ProvisionChange(new.id, new.label, "added", fields))
        elif new is None:
            wording = FieldChange("wording", VARIATION_FIELDS["wording"], old.wording, "")
            changes.append(ProvisionChange(old.id, old.label, "removed", (wording,)))
        else:
            fields = field_changes(provision_content(old), provision_content(new), VARIATION_FIELDS)
            changes.append(ProvisionChange(new.id, new.label, "changed", fields))
    return tuple(changes)
