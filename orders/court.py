"""Service and court: hearings, their outcomes (which move the application through the
state machine and, when the court makes an order, record the order as made), service
records and the service deadline checks (eligibility.core.service), and the defendant's
notices (Appendix D)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from eligibility.core import (
    CheckResult,
    HearingKind,
    ServiceFacts,
    Status,
    assess_service,
    blocking_checks,
    call_witness_notice_last_day,
)
from eligibility.core import Hearing as HearingFact
from eligibility.core import Route as EngineRoute
from eligibility.core import ServiceRecord as ServiceFact
from eligibility.core.order_dates import CODE_REVIEW, check_review_hearing, provision_end_months
from eligibility.core.provisions import (
    OrderKind as EngineOrderKind,
)
from eligibility.core.provisions import (
    Period,
    ProposedOrder,
    ProposedProvision,
    ProvisionKind,
    check_s17_prohibitions_only,
    check_s23_duration,
    check_s23_provision_periods,
)
from eligibility.core.service import DocumentKind, RecipientKind, ServiceMethod
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.services import Operation
from orders import lifecycle, services
from orders.models import (
    INTERIM_ORDER_KINDS,
    Application,
    DefendantNotice,
    DefendantNoticePurpose,
    DeferredUntil,
    Hearing,
    HearingOutcome,
    Order,
    OrderKind,
    OrderProvision,
    Provision,
    RefusalReason,
    ServiceRecord,
    provision_label,
)
from orders.services import audit_change, check_actor, locked
from orders.workflow import CPS_LAWYERS, TERMINAL, Route

# What each recorded outcome does to the application (orders.workflow); adjourned: nothing.
OUTCOME_SERVICES = {
    HearingOutcome.GRANTED: services.application_grant,
    HearingOutcome.REFUSED: services.application_refuse,
    HearingOutcome.INTERIM_ORDER: services.application_record_interim_order,
    HearingOutcome.WITHDRAWN: services.application_withdraw,
    HearingOutcome.ENDED: services.application_end_on_acquittal,
}


# An outcome that makes an order, and which order it makes on each route.
ORDER_OUTCOMES = frozenset({HearingOutcome.GRANTED, HearingOutcome.INTERIM_ORDER})
INTERIM_KIND = {Route.S14_WITHOUT_NOTICE: OrderKind.INTERIM_S17, Route.S14_WITH_INTERIM: OrderKind.INTERIM_S18}


@dataclass(frozen=True)
class MadeProvision:
    """A provision as the court made it: a proposed one (perhaps reworded or with a shorter
    period), or one the court added (proposed=None)."""

    kind: str
    wording: str
    proposed: Provision | None = None
    period_months: int | None = None


@dataclass(frozen=True)
class OrderTerms:
    """What the court made: its reference, the provisions as made and, for a full order, its
    fixed period (s23(3)); an interim order has none (s23(4)-(5))."""

    court_reference: str
    provisions: tuple[MadeProvision, ...]
    duration_months: int | None = None
    # s26: the review hearing the order sets (required where a provision runs beyond a year).
    review_on: date | None = None
    # s23(6)-(7): what the order waits for before it takes effect (orders.models.DeferredUntil), if anything.
    deferred_until: str = ""

    @classmethod
    def as_proposed(
        cls,
        application: Application,
        *,
        court_reference: str,
        duration_months: int | None,
        review_on: date | None = None,
        deferred_until: str = "",
        **wording_by_label,
    ) -> "OrderTerms":
        """Every proposed provision made as proposed, except for the wording given by label
        (P1="…"): what the demo records, and where the court's changes start from."""
        return cls(
            court_reference=court_reference,
            provisions=tuple(
                MadeProvision(kind=p.kind, wording=wording_by_label.get(p.label, p.wording), proposed=p)
                for p in application.provisions.order_by("number")
            ),
            duration_months=duration_months,
            review_on=review_on,
            deferred_until=deferred_until,
        )


def order_kind_for(application: Application, outcome: str) -> str:
    return OrderKind.FULL if outcome == HearingOutcome.GRANTED else INTERIM_KIND.get(application.route, "")


def _numbered(terms: OrderTerms) -> list[tuple[int, MadeProvision]]:
    """Numbers for the provisions as made: a proposed one keeps its number, one the court
    added takes the next free number (numbers run across requirements and prohibitions)."""
    highest = max((m.proposed.number for m in terms.provisions if m.proposed is not None), default=0)
    numbered = []
    for made in terms.provisions:
        if made.proposed is not None:
            numbered.append((made.proposed.number, made))
        else:
            highest += 1
            numbered.append((highest, made))
    return numbered


def made_order_checks(kind: str, terms: OrderTerms, *, made_on: date) -> tuple[CheckResult, ...]:
    """The law's limits on what a court can make, checked on what is recorded as made so a
    slip of the keyboard is caught: prohibitions only in an s17 interim order (s17(4)-(5)),
    a full order's period of 6 months to 2 years (s23(3)), provision periods within it (s23(8)),
    and a full order's review hearing in the last 4 weeks of its first year where a provision
    runs beyond it (s26(3)-(4); a full order takes effect on the day made, s23(1))."""
    order = ProposedOrder(
        kind=EngineOrderKind(kind),
        provisions=tuple(
            ProposedProvision(
                label=provision_label(made.kind, number),
                kind=ProvisionKind(made.kind),
                wording=made.wording,
                starts_after=Period(months=made.proposed.starts_after_months if made.proposed else 0),
                period=Period(months=made.period_months) if made.period_months else None,
            )
            for number, made in _numbered(terms)
        ),
        period=Period(months=terms.duration_months) if terms.duration_months else None,
    )
    checks = (check_s17_prohibitions_only(order), check_s23_duration(order), check_s23_provision_periods(order))
    if kind != OrderKind.FULL or terms.duration_months is None:
        return checks
    if terms.deferred_until and terms.review_on is None:
        # s23(7): the order waits for a release no one can date yet, so the review's window is
        # not known either; it is set when the release is recorded (lifecycle.order_deferral_end).
        return checks
    # Months after taking effect at which each provision stops (s23(8)): its own end, or the order's.
    end_months = [
        provision_end_months(
            starts_after_months=made.proposed.starts_after_months if made.proposed else 0,
            period_months=made.period_months,
            order_months=terms.duration_months,
        )
        for made in terms.provisions
    ]
    review = check_review_hearing(takes_effect=made_on, provision_end_months=end_months, review_on=terms.review_on)
    return (*checks, review)


def _order_problems(application: Application, outcome: str, terms: OrderTerms | None, *, made_on: date) -> dict:
    if terms is None:
        return {"court_reference": "Enter what the court made"}
    errors = {}
    kind = order_kind_for(application, outcome)
    if not kind:
        errors["outcome"] = "An interim order can be made only on an application for one (s17, s18)"
        return errors
    if not terms.court_reference.strip():
        errors["court_reference"] = "Enter the court’s reference for the order"
    if not terms.provisions:
        errors["provisions"] = "Select the requirements and prohibitions the court made"
    if any(not made.wording.strip() for made in terms.provisions):
        errors["provisions"] = "Enter the wording of every requirement and prohibition the court made"
    if any(made.proposed is not None and made.proposed.application_id != application.id for made in terms.provisions):
        errors["provisions"] = "Those requirements and prohibitions are not this application’s"
    if kind == OrderKind.FULL and terms.duration_months is None:
        errors["duration_months"] = "Enter how many months the order lasts"
    if terms.deferred_until and terms.deferred_until not in DeferredUntil.values:
        errors["deferred_until"] = "Select what the order waits for, or that it takes effect now"
    if errors:
        return errors
    failed = blocking_checks(made_order_checks(kind, terms, made_on=made_on))
    for check in failed:
        # The review date has its own field on the outcome form; the rest are about the whole order.
        field = "review_on" if check.code == CODE_REVIEW else "__all__"
        errors.setdefault(field, []).append(f"{check.section}: {check.explanation}")
    return errors


def _order_make(
    *, application: Application, hearing: Hearing, membership: Membership, outcome: str, terms: OrderTerms
) -> Order:
    kind = order_kind_for(application, outcome)
    order = Order.objects.create(
        application=application,
        hearing=hearing,
        subject_id=application.case.subject_id,
        owner_id=application.owner_id,
        kind=kind,
        court_id=hearing.court_id,
        court_reference=terms.court_reference.strip(),
        made_on=hearing.date,
        duration_months=terms.duration_months if kind == OrderKind.FULL else None,
        deferred_until=terms.deferred_until,
        created_by=membership.user,
    )
    OrderProvision.objects.bulk_create(_order_provision(order, number, made) for number, made in _numbered(terms))
    if kind == OrderKind.FULL and terms.review_on is not None:
        # s26: the review the order sets is listed like any hearing of the application.
        Hearing.objects.create(
            application=application, court_id=hearing.court_id, date=terms.review_on, kind=HearingKind.REVIEW
        )
    takes_effect = lifecycle.takes_effect_when_made(order)
    if takes_effect is not None:
        # Read before the interim orders end below: s24(1)(a) asks whether this replaces one.
        replaces_interim = lifecycle.interim_in_effect(order)
        lifecycle.order_take_effect(order, on=takes_effect, replaces_interim=replaces_interim)
    if kind == OrderKind.FULL:
        # s23(4)-(5): an interim order has effect until the application is determined.
        _interim_orders_end(application, on=hearing.date, reason="The application was determined")
        lifecycle.order_replace_existing(order)
    audit_change(
        application,
        membership,
        Operation.COLLECT,
        reason=f"{order.get_kind_display()} recorded",
        details={"order_id": order.id, "hearing_id": hearing.id},
    )
    return order


def _order_provision(order: Order, number: int, made: MadeProvision) -> OrderProvision:
    proposed = made.proposed
    # The court's number, kind, wording and period; the rest as proposed.
    terms = proposed.terms_besides("number", "kind", "wording", "period_months") if proposed else {}
    return OrderProvision(
        order=order,
        proposed=proposed,
        number=number,
        kind=made.kind,
        wording=made.wording.strip(),
        period_months=made.period_months,
        **terms,
    )


def _interim_orders_end(application: Application, *, on: date, reason: str) -> None:
    application.orders.filter(kind__in=INTERIM_ORDER_KINDS, ended_on__isnull=True).update(
        ended_on=on, end_reason=reason
    )


@transaction.atomic
def hearing_list(
    *, application: Application, membership: Membership, court: Organisation | None, on: date, kind: str
) -> Hearing:
    current = locked(application.pk)
    check_actor(current, membership, POLICE_CASEWORK)
    if current.state in TERMINAL:
        raise ValidationError("The application has ended.")
    if court is not None and court.type != Organisation.Type.COURT:
        raise ValidationError({"court": "Choose a court"})
    hearing = Hearing(application=current, court=court, date=on, kind=kind)
    hearing.full_clean()
    hearing.save()
    audit_change(current, membership, Operation.ALTER, reason="Hearing listed", details={"hearing_id": hearing.id})
    return hearing


# Hearings about an order once made: their outcome is recorded on the order (orders.variations).
ORDER_HEARING_KINDS = frozenset({HearingKind.REVIEW, HearingKind.VARIATION, HearingKind.APPEAL})


def outcome_recordable(hearing: Hearing, *, today: date) -> bool:
    """A hearing's outcome can be recorded once, on or after the day of the hearing; that of a
    review, variation or appeal hearing on the order it concerns."""
    return not hearing.outcome and hearing.date <= today and hearing.kind not in ORDER_HEARING_KINDS


@transaction.atomic
def hearing_record_outcome(
    *,
    hearing: Hearing,
    membership: Membership,
    outcome: str,
    today: date,
    refusal_reason: str = "",
    notes: str = "",
    order_terms: OrderTerms | None = None,
) -> Hearing:
    """Record what the court decided and move the application on accordingly, in one
    transaction: if the move is refused (say the YOT was not consulted), nothing is recorded.
    An order made (granted, or an interim order) needs `order_terms`, and is recorded as made."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    application = locked(hearing.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    errors = {}
    if hearing.kind in ORDER_HEARING_KINDS:
        errors["outcome"] = "Record the outcome of a review, variation or appeal hearing on the order’s page"
    elif not outcome_recordable(hearing, today=today):
        already = "The outcome of this hearing is already recorded"
        errors["outcome"] = already if hearing.outcome else "The hearing has not happened yet"
    if outcome not in HearingOutcome.values:
        errors["outcome"] = "Select what the court decided"
    if outcome == HearingOutcome.REFUSED and refusal_reason not in RefusalReason.values:
        errors["refusal_reason"] = "Select why the court refused"
    if not errors and outcome in ORDER_OUTCOMES:
        errors = _order_problems(application, outcome, order_terms, made_on=hearing.date)
    if errors:
        raise ValidationError(errors)
    hearing.outcome = outcome
    hearing.refusal_reason = refusal_reason if outcome == HearingOutcome.REFUSED else ""
    hearing.outcome_notes = notes.strip()
    hearing.outcome_recorded_by = membership.user
    hearing.save()
    # Its own row: an adjournment moves nothing, and a move's row does not name the hearing.
    audit_change(
        application,
        membership,
        Operation.ALTER,
        reason="Hearing outcome recorded",
        details={"hearing_id": hearing.id, "outcome": outcome},
    )
    move = OUTCOME_SERVICES.get(HearingOutcome(outcome))
    if move is not None:
        kwargs = {"application": application, "membership": membership}
        if outcome == HearingOutcome.REFUSED:
            kwargs["reason"] = f"{RefusalReason(refusal_reason).label}. {notes}".strip()
        elif outcome == HearingOutcome.WITHDRAWN:
            kwargs["reason"] = notes.strip() or "Withdrawn at the hearing"
        elif outcome == HearingOutcome.ENDED:
            kwargs["reason"] = notes.strip() or HearingOutcome.ENDED.label
        move(**kwargs)
    if outcome in ORDER_OUTCOMES:
        _order_make(application=application, hearing=hearing, membership=membership, outcome=outcome, terms=order_terms)
    elif outcome in {HearingOutcome.REFUSED, HearingOutcome.WITHDRAWN, HearingOutcome.ENDED}:
        _interim_orders_end(application, on=hearing.date, reason="The application was determined")
    return hearing


# Who records service: the owning force's police; on conviction also the CPS area the
# submission went to, which serves the notice of intention (Appendix B).
SERVICE_RECORDERS = POLICE_CASEWORK | CPS_LAWYERS


def may_record_service(application: Application, membership: Membership) -> bool:
    if membership.role in CPS_LAWYERS:
        return application.route == Route.S19 and membership.organisation_id == application.cps_area_id
    return membership.role in POLICE_CASEWORK and membership.organisation_id == application.owner_id


@transaction.atomic
def service_record(
    *,
    application: Application,
    membership: Membership,
    document: str,
    recipient: str,
    recipient_name: str,
    method: str,
    served_on: date,
    served_by: str,
    today: date,
) -> ServiceRecord:
    current = locked(application.pk)
    check_actor(current, membership, SERVICE_RECORDERS)
    if not may_record_service(current, membership):
        raise PermissionDenied("Your organisation cannot record service on this application.")
    if current.state in TERMINAL:
        raise ValidationError("The application has ended.")
    if served_on > today:
        raise ValidationError({"served_on": "The date of service must be today or in the past"})
    record = ServiceRecord(
        application=current,
        document=document,
        recipient=recipient,
        recipient_name=recipient_name.strip(),
        method=method,
        served_on=served_on,
        served_by=served_by.strip(),
        recorded_by=membership.user,
    )
    record.full_clean()
    record.save()
    audit_change(
        current, membership, Operation.ALTER, reason="Service recorded", details={"service_record_id": record.id}
    )
    if document == DocumentKind.ORDER and recipient == RecipientKind.DEFENDANT:
        for order in lifecycle.order_served(current, served_on=served_on):
            audit_change(
                current,
                membership,
                Operation.ALTER,
                reason="Interim order took effect on service (s23(2))",
                details={"order_id": order.id, "service_record_id": record.id},
            )
    return record


def service_checks(application: Application, *, today: date) -> tuple[CheckResult, ...]:
    """The service deadlines for the application's hearings, as of `today` (late or missing
    service shows as a warning on the case and the hearing)."""
    facts = ServiceFacts(
        route=EngineRoute.S19 if application.route == Route.S19 else EngineRoute.S14,
        hearings=tuple(HearingFact(date=h.date, kind=HearingKind(h.kind)) for h in application.hearings.all()),
        services=tuple(
            ServiceFact(
                document=DocumentKind(r.document),
                recipient=RecipientKind(r.recipient),
                served_on=r.served_on,
                method=ServiceMethod(r.method),
            )
            for r in application.service_records.all()
        ),
        defendant_date_of_birth=application.case.subject.date_of_birth,
        relies_on_hearsay=application.hearsay_items.exists(),
    )
    return assess_service(facts, today=today)


def application_service_warnings(applications, *, today: date) -> list[tuple[Application, tuple[CheckResult, ...]]]:
    """Each live application with a hearing listed whose service is late or missing, with the
    warnings (for the case page: `applications` should come with their hearings, service
    records and hearsay items prefetched)."""
    warned = []
    for application in applications:
        if application.state in TERMINAL or not application.hearings.all():
            continue
        found = service_warnings(service_checks(application, today=today))
        if found:
            warned.append((application, found))
    return warned


def service_warnings(checks) -> tuple[CheckResult, ...]:
    """The service checks that need action: late or missing service (FAIL), or service due
    soon and not yet recorded (WARNING)."""
    return tuple(check for check in checks if check.status in {Status.FAIL, Status.WARNING})


@transaction.atomic
def defendant_notice_record(
    *,
    application: Application,
    membership: Membership,
    served_on: date,
    purposes: list[str],
    today: date,
    evidence_relied_on: str = "",
    witnesses_to_cross_examine: str = "",
    cross_examination_reasons: str = "",
    witnesses_challenged: str = "",
    challenge_material: str = "",
    defendant_contact: str = "",
) -> DefendantNotice:
    """Record a defendant's notice in response to the application (Appendix D), served on the
    police or the prosecutor. Each purpose ticked needs what the form asks for it."""
    current = locked(application.pk)
    check_actor(current, membership, POLICE_CASEWORK)
    errors = {}
    if served_on > today:
        errors["served_on"] = "The date it was served must be today or in the past"
    if not purposes or not set(purposes) <= set(DefendantNoticePurpose.values):
        errors["purposes"] = "Select what the notice is about"
    needs = {
        DefendantNoticePurpose.OWN_EVIDENCE: ("evidence_relied_on", evidence_relied_on, "List the evidence"),
        DefendantNoticePurpose.CROSS_EXAMINE: (
            "witnesses_to_cross_examine",
            witnesses_to_cross_examine,
            "Name the witnesses the defendant wants to cross-examine",
        ),
        DefendantNoticePurpose.CHALLENGE_CREDIBILITY: (
            "witnesses_challenged",
            witnesses_challenged,
            "Name the witnesses whose credibility is challenged",
        ),
    }
    for purpose in purposes:
        if purpose in needs:
            field, value, message = needs[purpose]
            if not value.strip():
                errors[field] = message
    if errors:
        raise ValidationError(errors)
    notice = DefendantNotice.objects.create(
        application=current,
        served_on=served_on,
        purposes=sorted(set(purposes)),
        evidence_relied_on=evidence_relied_on.strip(),
        witnesses_to_cross_examine=witnesses_to_cross_examine.strip(),
        cross_examination_reasons=cross_examination_reasons.strip(),
        witnesses_challenged=witnesses_challenged.strip(),
        challenge_material=challenge_material.strip(),
        defendant_contact=defendant_contact.strip(),
        recorded_by=membership.user,
    )
    audit_change(
        current,
        membership,
        Operation.COLLECT,
        reason="Defendant’s notice recorded (Appendix D)",
        details={"defendant_notice_id": notice.id},
    )
    return notice


# The purposes of a defendant's notice that concern the prosecution's hearsay (Appendix D, 1).
HEARSAY_PURPOSES = frozenset({DefendantNoticePurpose.CROSS_EXAMINE, DefendantNoticePurpose.CHALLENGE_CREDIBILITY})


def call_witness_notice_due(notice: DefendantNotice) -> date | None:
    """Where the defendant's notice concerns the prosecution's hearsay (to cross-examine the
    witness, or to challenge their credibility: Appendix D prints the rule after both), the last
    day to serve notice of calling the witness (eligibility.core.call_witness_notice_last_day)."""
    if not HEARSAY_PURPOSES & set(notice.purposes):
        return None
    return call_witness_notice_last_day(notice.served_on)
