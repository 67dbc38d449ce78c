"""Writes for police checks of an order's prohibitions, suspected breaches, the police's
decision on each and the court's outcome of a charge (DESIGN §3 "Non-compliance → breach").

Only the police of the force that owns the order may write here. Every write locks the order's
application first (orders.services.locked), as orders.variations does, then the order, so a
breach is never recorded against provisions a variation is changing at the same moment. Each
refusal is a ValidationError keyed by the field it is about, and nothing is written."""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from breaches.models import (
    CHARGES,
    Breach,
    BreachDecision,
    CameToLight,
    CheckKind,
    CourtOutcome,
    PoliceCheck,
)
from eligibility.core.dates import day_text
from eligibility.core.provisions import ProvisionCategory, ProvisionKind
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation
from orders.lifecycle import ProvisionState, provision_state
from orders.models import Order, OrderProvision, Proceeding, ProceedingKind
from orders.services import audit_change, check_actor, locked
from provision.models import ComplianceReport

PLACE_MAX = PoliceCheck._meta.get_field("place").max_length
OFFICER_MAX = PoliceCheck._meta.get_field("officer").max_length
# A curfew broken by more than a day is not a curfew check: a sanity bound on the number.
MINUTES_OUTSIDE_MAX = 24 * 60
# The kind of check that fits each category of prohibition (a blank category fits any).
CHECK_CATEGORY = {
    CheckKind.CURFEW: (ProvisionCategory.CURFEW, "a curfew"),
    CheckKind.PLACE: (ProvisionCategory.NOT_TO_ATTEND_LOCATION, "a place the subject must not enter"),
    CheckKind.ASSOCIATION: (ProvisionCategory.NON_ASSOCIATION, "people the subject must not associate with"),
}
ALREADY_DECIDED = "The decision on this breach is already recorded"
ALREADY_OUTCOME = "The court’s outcome is already recorded"
NOT_CHARGED = "A court outcome follows a charge under s29 or s25: record the decision to charge first"


def _lock_order(order: Order, membership: Membership) -> Order:
    application = locked(order.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    return Order.objects.select_for_update().select_related("application__case").get(pk=order.pk)


def _in_effect_problem(order: Order, day: date, *, what: str) -> str | None:
    """Why the order did not have effect on `day`, if it did not: it had not taken effect
    (s23(1)-(2), (7)), or it had ended (expired, discharged or replaced)."""
    if order.takes_effect_on is None:
        return "The order has not taken effect yet"
    if day < order.takes_effect_on:
        return f"{what} cannot be before the order took effect ({day_text(order.takes_effect_on)})"
    if order.ended_on is not None and order.ended_on <= day:
        return f"The order ended on {day_text(order.ended_on)}"
    if order.ends_on is not None and day > order.ends_on:
        return f"The order’s last day was {day_text(order.ends_on)} (s23(3))"
    return None


def provision_in_force_problem(provision: OrderProvision, order: Order, day: date) -> str | None:
    """Why `provision` (one version of a requirement or prohibition of `order`) did not bind the
    subject on `day`, if it did not: outside its own period (s23(8)), or a version a variation
    made later or had already replaced (s27). A variation has effect from the day the court
    decided it. Note: reads the proceedings that added or removed the version."""
    label = provision.label
    state, when = provision_state(provision, order, on=day)
    if state == ProvisionState.NOT_YET:
        return f"{label} was not in force until {day_text(when)} (s23(8))"
    if state == ProvisionState.ENDED:
        return f"{label} ended on {day_text(when)} (s23(8))"
    if state != ProvisionState.IN_FORCE:
        return f"{label} was not in force on {day_text(day)}"
    added, removed = provision.added_by, provision.removed_by
    if added is not None and (added.decided_on is None or added.decided_on > day):
        return f"This version of {label} was not made until a later variation"
    if removed is not None and removed.decided_on is not None and removed.decided_on <= day:
        return (
            f"This version of {label} was replaced or removed on {day_text(removed.decided_on)}: "
            "choose the version in force then"
        )
    return None


def _locked_provision(order: Order, provision: OrderProvision | None) -> OrderProvision | None:
    """The provision as the database has it, read under the order's lock, or None if it is not
    one of this order's."""
    if provision is None:
        return None
    return (
        OrderProvision.objects.select_related("added_by", "removed_by")
        .filter(pk=provision.pk, order_id=order.id)
        .first()
    )


# --- police checks --------------------------------------------------------------------------


def check_record(
    *,
    order: Order,
    membership: Membership,
    kind: str,
    checked_at: datetime,
    place: str,
    complied: bool,
    officer: str,
    prohibition: OrderProvision | None = None,
    minutes_outside: int | None = None,
    notes: str = "",
    now: datetime,
) -> PoliceCheck:
    """Record an officer's check of a prohibition (the guidance, ch. 9: prohibitions have no
    supervisor and are monitored by standard police checks, e.g. curfew checks). A curfew,
    place or association check names the prohibition it checked; a curfew found broken says by
    how many minutes, which the "more than trivial" test reads (more than 15)."""
    with transaction.atomic():
        order = _lock_order(order, membership)
        errors = {}
        place, officer, notes = (place or "").strip(), (officer or "").strip(), (notes or "").strip()
        if kind not in CheckKind.values:
            errors["kind"] = "Select the kind of check"
        if checked_at > now:
            errors["checked_at"] = "The check must be now or in the past"
        elif problem := _in_effect_problem(order, timezone.localdate(checked_at), what="The check"):
            errors["checked_at"] = problem
        checked = _locked_provision(order, prohibition)
        if prohibition is not None and (checked is None or checked.kind != ProvisionKind.PROHIBITION):
            errors["prohibition"] = "Choose a prohibition of this order"
        elif checked is not None:
            fits = CHECK_CATEGORY.get(kind)
            if fits is not None and checked.category and checked.category != fits[0]:
                errors["prohibition"] = (
                    f"{checked.label} is not about {fits[1]}: choose the prohibition checked, or “Other check”"
                )
            elif "checked_at" not in errors and (
                problem := provision_in_force_problem(checked, order, timezone.localdate(checked_at))
            ):
                errors["prohibition"] = problem
        elif kind in CHECK_CATEGORY:
            errors["prohibition"] = "Select the prohibition that was checked"
        if not place:
            errors["place"] = "Enter where the check was made"
        elif len(place) > PLACE_MAX:
            errors["place"] = f"The place must be {PLACE_MAX} characters or fewer"
        if not officer:
            errors["officer"] = "Enter the officer who made the check"
        elif len(officer) > OFFICER_MAX:
            errors["officer"] = f"The officer’s name must be {OFFICER_MAX} characters or fewer"
        broken_curfew = kind == CheckKind.CURFEW and complied is False
        if complied not in (True, False):
            errors["complied"] = "Select whether the subject complied"
        elif minutes_outside is not None and not broken_curfew:
            errors["minutes_outside"] = "Minutes outside the curfew are recorded only for a curfew found broken"
        elif broken_curfew and minutes_outside is None:
            errors["minutes_outside"] = "Enter how many minutes outside the curfew the subject was"
        elif broken_curfew and not 1 <= minutes_outside <= MINUTES_OUTSIDE_MAX:
            errors["minutes_outside"] = (
                f"Minutes outside the curfew must be a whole number from 1 to {MINUTES_OUTSIDE_MAX}"
            )
        if errors:
            raise ValidationError(errors, code="invalid")
        check = PoliceCheck.objects.create(
            order=order,
            prohibition=checked,
            kind=kind,
            checked_at=checked_at,
            place=place,
            complied=complied,
            minutes_outside=minutes_outside,
            officer=officer,
            notes=notes,
            recorded_by=membership.user,
        )
        audit_change(
            order.application,
            membership,
            Operation.COLLECT,
            reason=f"{check.get_kind_display()} recorded",
            details={"order_id": order.id, "check_id": check.id},
        )
    return check


# --- suspected breaches ---------------------------------------------------------------------


def _evidence_problems(
    order: Order,
    provision: OrderProvision | None,
    reports: list[ComplianceReport],
    checks: list[PoliceCheck],
) -> dict:
    """Why the reports and checks linked cannot be evidence of this breach, if they cannot: a
    supervisor's report is of one session of one requirement, so evidence of that requirement
    only; a check must be of this order, and of the prohibition breached or of none."""
    errors = {}
    is_requirement = provision is not None and provision.kind == ProvisionKind.REQUIREMENT
    if reports and not is_requirement:
        errors["reports"] = "A supervisor’s report is evidence of a breach of its own requirement only"
    elif any(report.session.requirement_id != provision.id for report in reports):
        errors["reports"] = (
            f"Choose reports of sessions of {provision.label}: a report is evidence of its own requirement"
        )
    if any(check.order_id != order.id for check in checks):
        errors["checks"] = "Choose checks of this order"
    elif any(check.prohibition_id not in (None, provision.id if provision else None) for check in checks):
        breached = provision.label if provision else "the duty to notify"
        errors["checks"] = f"A check of another prohibition is not evidence of a breach of {breached}"
    return errors


def breach_record(
    *,
    order: Order,
    membership: Membership,
    occurred_on: date,
    came_to_light: str,
    evidence: str,
    provision: OrderProvision | None = None,
    notification_duty: bool = False,
    reports: Iterable[ComplianceReport] = (),
    checks: Iterable[PoliceCheck] = (),
    today: date,
) -> Breach:
    """Record a suspected breach: of one requirement or prohibition of this order in force on
    the day (s29), or of the duty to notify the police (s24, an offence under s25); when, how it
    came to light, the evidence, and the supervisors' reports and police checks it rests on."""
    with transaction.atomic():
        order = _lock_order(order, membership)
        errors = {}
        evidence = (evidence or "").strip()
        breached = _locked_provision(order, provision)
        if provision is not None and notification_duty:
            errors["provision"] = "Choose a requirement or prohibition, or the duty to notify, not both"
        elif provision is None and not notification_duty:
            errors["provision"] = "Select what was breached"
        elif provision is not None and breached is None:
            errors["provision"] = "Choose a requirement or prohibition of this order"
        if came_to_light not in CameToLight.values:
            errors["came_to_light"] = "Select how it came to light"
        if not evidence:
            errors["evidence"] = "Enter the evidence of the breach"
        if occurred_on > today:
            errors["occurred_on"] = "The date must be today or in the past"
        elif problem := _in_effect_problem(order, occurred_on, what="The breach"):
            errors["occurred_on"] = problem
        elif breached is not None and (problem := provision_in_force_problem(breached, order, occurred_on)):
            errors["provision"] = problem
        reports = list(ComplianceReport.objects.select_related("session").filter(pk__in=[r.pk for r in reports]))
        checks = list(PoliceCheck.objects.filter(pk__in=[c.pk for c in checks]))
        if "provision" not in errors:
            errors.update(_evidence_problems(order, breached, reports, checks))
        if errors:
            raise ValidationError(errors, code="invalid")
        breach = Breach.objects.create(
            order=order,
            provision=breached,
            notification_duty=breached is None,
            occurred_on=occurred_on,
            came_to_light=came_to_light,
            evidence=evidence,
            recorded_by=membership.user,
        )
        breach.reports.set(reports)
        breach.checks.set(checks)
        audit_change(
            order.application,
            membership,
            Operation.COLLECT,
            reason="Suspected breach recorded",
            details={"order_id": order.id, "breach_id": breach.id},
        )
    return breach


def _locked_breach(breach: Breach, membership: Membership) -> tuple[Order, Breach]:
    order = _lock_order(breach.order, membership)
    return order, Breach.objects.select_for_update().get(pk=breach.pk, order_id=order.id)


def breach_decide(
    *,
    breach: Breach,
    membership: Membership,
    decision: str,
    decided_on: date,
    reason: str,
    variation: Proceeding | None = None,
    today: date,
) -> Breach:
    """Record the police's decision on a suspected breach, once: no further action, words of
    advice, consider varying the order (s27; it may name the application to vary already made),
    arrest, or charge — under s29 for a requirement or prohibition, under s25 for the duty to
    notify. For a child the "more than trivial" test informs the decision; it does not bar one,
    because the guidance's list is not exhaustive."""
    with transaction.atomic():
        order, breach = _locked_breach(breach, membership)
        if breach.decision:
            raise ValidationError({"decision": ValidationError(ALREADY_DECIDED, code="conflict")})
        errors = {}
        reason = (reason or "").strip()
        if decision not in BreachDecision.values:
            errors["decision"] = "Select the decision"
        elif decision == BreachDecision.CHARGE_S25 and not breach.notification_duty:
            errors["decision"] = "A breach of a requirement or prohibition is charged under s29, not s25"
        elif decision == BreachDecision.CHARGE_S29 and breach.notification_duty:
            errors["decision"] = "A failure to notify the police is charged under s25, not s29"
        if decided_on > today:
            errors["decided_on"] = "The date of the decision must be today or in the past"
        elif decided_on < breach.occurred_on:
            errors["decided_on"] = f"The decision cannot be before the breach ({day_text(breach.occurred_on)})"
        if not reason:
            errors["reason"] = "Enter the reasons for the decision"
        if variation is not None:
            if decision != BreachDecision.CONSIDER_VARIATION:
                errors["variation"] = "Name an application to vary only when the decision is to consider varying"
            elif not Proceeding.objects.filter(
                pk=variation.pk, order_id=order.id, kind=ProceedingKind.APPLICATION
            ).exists():
                errors["variation"] = "Choose an application to vary, renew or discharge this order"
        if errors:
            raise ValidationError(errors, code="invalid")
        breach.decision, breach.decided_on, breach.decision_reason = decision, decided_on, reason
        breach.decided_by, breach.variation = membership.user, variation
        breach.save(
            update_fields=["decision", "decided_on", "decision_reason", "decided_by", "variation", "updated_at"]
        )
        audit_change(
            order.application,
            membership,
            Operation.ALTER,
            reason=f"Breach decision recorded: {breach.get_decision_display()}",
            details={"order_id": order.id, "breach_id": breach.id},
        )
    return breach


def breach_court_outcome(
    *, breach: Breach, membership: Membership, outcome: str, outcome_on: date, notes: str = "", today: date
) -> Breach:
    """Record, once, what the court decided on a charge under s29 or s25 (the guidance, ch. 12:
    triable either way; the court may also be asked to vary the order)."""
    with transaction.atomic():
        order, breach = _locked_breach(breach, membership)
        if breach.court_outcome:
            raise ValidationError({"outcome": ValidationError(ALREADY_OUTCOME, code="conflict")})
        if breach.decision not in CHARGES:
            raise ValidationError({"outcome": ValidationError(NOT_CHARGED, code="conflict")})
        errors = {}
        if outcome not in CourtOutcome.values:
            errors["outcome"] = "Select the court’s outcome"
        if outcome_on > today:
            errors["outcome_on"] = "The date must be today or in the past"
        elif outcome_on < breach.decided_on:
            errors["outcome_on"] = f"The outcome cannot be before the charge ({day_text(breach.decided_on)})"
        if errors:
            raise ValidationError(errors, code="invalid")
        breach.court_outcome, breach.court_outcome_on = outcome, outcome_on
        breach.court_outcome_notes = (notes or "").strip()
        breach.save(update_fields=["court_outcome", "court_outcome_on", "court_outcome_notes", "updated_at"])
        audit_change(
            order.application,
            membership,
            Operation.ALTER,
            reason=f"Court outcome of a breach recorded: {breach.get_court_outcome_display()}",
            details={"order_id": order.id, "breach_id": breach.id},
        )
    return breach
