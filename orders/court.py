"""Service and court: hearings, their outcomes (which move the application through the
state machine), service records, and the service deadline checks (eligibility.core.service)
for an application."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from eligibility.core import CheckResult, HearingKind, ServiceFacts, assess_service
from eligibility.core import Hearing as HearingFact
from eligibility.core import Route as EngineRoute
from eligibility.core import ServiceRecord as ServiceFact
from eligibility.core.service import DocumentKind, RecipientKind, ServiceMethod
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.services import Operation
from orders import services
from orders.models import Application, Hearing, HearingOutcome, RefusalReason, ServiceRecord
from orders.services import audit_change, check_actor, locked
from orders.workflow import TERMINAL, Route

# What each recorded outcome does to the application (orders.workflow); adjourned: nothing.
OUTCOME_SERVICES = {
    HearingOutcome.GRANTED: services.application_grant,
    HearingOutcome.REFUSED: services.application_refuse,
    HearingOutcome.INTERIM_ORDER: services.application_record_interim_order,
    HearingOutcome.WITHDRAWN: services.application_withdraw,
}


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


@transaction.atomic
def hearing_record_outcome(
    *,
    hearing: Hearing,
    membership: Membership,
    outcome: str,
    today: date,
    refusal_reason: str = "",
    notes: str = "",
) -> Hearing:
    """Record what the court decided and move the application on accordingly, in one
    transaction: if the move is refused (say the YOT was not consulted), nothing is recorded."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    application = locked(hearing.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    errors = {}
    if hearing.outcome:
        errors["outcome"] = "The outcome of this hearing is already recorded"
    if hearing.date > today:
        errors["outcome"] = "The hearing has not happened yet"
    if outcome not in HearingOutcome.values:
        errors["outcome"] = "Select what the court decided"
    if outcome == HearingOutcome.REFUSED and refusal_reason not in RefusalReason.values:
        errors["refusal_reason"] = "Select why the court refused"
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
        move(**kwargs)
    return hearing


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
    check_actor(current, membership, POLICE_CASEWORK)
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
