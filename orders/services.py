"""Writes for applications: starting and editing one, one service per transition of the
state machine (orders/workflow.py), and the YOT consultation. Each writes its history and
audit rows in the same transaction."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import Case
from eligibility.core import blocking_checks, yot_consultation_required
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership, Organisation, Role
from kcpo.audit.services import Operation, audit_record
from orders.checks import application_provision_checks
from orders.models import Application, ApplicationEvent, YotConsultation
from orders.workflow import CPS_LAWYERS as CPS_ROLES
from orders.workflow import EDITABLE, TERMINAL, TRANSITIONS, Route

STALE = (
    "Someone else changed this application after you opened it. Nothing you entered was saved: "
    "reload the page to see their changes, then make yours again."
)
# Fields of an application the police may edit while it is editable.
EDITABLE_FIELDS = frozenset(
    {
        "application_date",
        "necessity_grounds",
        "grounds_argument",
        "proposed_duration_months",
        "without_notice_reasons",
        "conviction",  # s19 only: the prosecution it follows
    }
)


def check_actor(application: Application, membership: Membership | None, roles) -> Membership:
    """The acting organisation must be the right one for the role: the owning force for the
    police, the CPS area the application was submitted to for a CPS lawyer."""
    if membership is None or membership.role not in roles:
        raise PermissionDenied("Your role does not allow this.")
    organisation_id = application.cps_area_id if membership.role in CPS_ROLES else application.owner_id
    if membership.organisation_id != organisation_id:
        raise PermissionDenied("Your organisation cannot do this on this application.")
    return membership


def audit_change(application: Application, membership: Membership, operation: str, **fields) -> None:
    audit_record(
        by=membership.user,
        membership=membership,
        operation=operation,
        obj=application,
        data_subject_id=application.case.subject_id,
        **fields,
    )


@transaction.atomic
def application_start(*, case: Case, route: str, membership: Membership, today: date) -> Application:
    if membership.role not in POLICE_CASEWORK or membership.organisation_id != case.owner_id:
        raise PermissionDenied("Only the force that owns the case can start an application.")
    if route not in Route.values:
        raise ValidationError({"route": "Select the kind of application"})
    application = Application.objects.create(
        case=case, owner_id=case.owner_id, route=route, application_date=today, created_by=membership.user
    )
    audit_change(application, membership, Operation.COLLECT)
    return application


def locked(application_id: int) -> Application:
    return Application.objects.select_for_update().select_related("case").get(pk=application_id)


def lock_for_change(application: Application, membership: Membership, expected_version: int) -> Application:
    """The application, locked, if `membership` may change its content now and it is still the
    version the page showed (optimistic locking: no silent overwrite). Call inside a transaction."""
    current = locked(application.pk)
    check_actor(current, membership, POLICE_CASEWORK)
    if current.version != expected_version:
        raise ValidationError(STALE, code="stale")
    if current.state not in EDITABLE:
        raise ValidationError(f"The application cannot be changed while it is {current.get_state_display().lower()}.")
    return current


@transaction.atomic
def application_update(
    *, application: Application, membership: Membership, expected_version: int, **changes
) -> Application:
    """Change the application's content. Refused unless it is editable, and refused with a
    clear message if anyone changed it since `expected_version` was read (no silent overwrite)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable fields of an application: {', '.join(sorted(unknown))}")
    current = lock_for_change(application, membership, expected_version)
    # Only an application on conviction names an offence, and only one of its own subject's:
    # the defendant the prosecution follows (s19(1)). Checked under the lock, before any change.
    if (conviction := changes.get("conviction")) is not None:
        if current.route != Route.S19:
            raise ValidationError({"conviction": "Only an application on conviction (s19) follows an offence."})
        if conviction.subject_id != current.case.subject_id:
            raise ValidationError({"conviction": "Select an offence recorded for this subject"})
    for field, value in changes.items():
        setattr(current, field, value)
    current.version += 1
    current.full_clean(exclude=["case", "owner", "created_by", "cps_area"])
    current.save()
    audit_change(current, membership, Operation.ALTER, details={"fields": sorted(changes)})
    return current


# --- guards -----------------------------------------------------------------------------


def consultation_required(application: Application) -> bool:
    """s15(5) (s14 routes) and s20(1)-(2) (s19): the YOT must be consulted where the defendant
    is under 18 on the date of the application (eligibility.core.yot_consultation_required)."""
    return yot_consultation_required(application.case.subject.date_of_birth, application.application_date)


def consultation_concluded(application: Application) -> bool:
    return any(c.is_concluded for c in application.consultations.all())


def _guard_problems(application: Application, name: str) -> list[str]:
    """Why the transition may not happen now, beyond state, route and role."""
    problems = []
    # The content must pass its checks whenever it leaves the police: to the authorising
    # officer, and back to the CPS after changes made on its return.
    if name in {"submit_for_authorisation", "resubmit_to_cps"}:
        if not application.necessity_grounds:
            problems.append("Choose at least one necessity ground (s14(6), s19).")
        if not application.grounds_argument.strip():
            problems.append("Explain why the order is necessary.")
        if application.proposed_duration_months is None:
            problems.append("Propose how long the order should last (s23(3)).")
        if application.route == Route.S14_WITHOUT_NOTICE and not application.without_notice_reasons.strip():
            problems.append("Record why the application must be made without notice (s16).")
        if application.route == Route.S19:
            if application.conviction_id is None:
                problems.append("Name the offence this application follows (s19).")
            elif application.conviction.subject_id != application.case.subject_id:
                # Refused on the way in (application_update); this keeps any other writer honest.
                problems.append("The offence named is not this subject’s: name one of theirs (s19).")
        if not application.provisions.exists():
            problems.append("Propose at least one requirement or prohibition (s21).")
        problems += [
            f"{check.section}: {check.explanation}"
            for check in blocking_checks(application_provision_checks(application))
        ]
    needs_consultation = name in {"lay_complaint", "submit_to_cps"} and application.route != Route.S14_WITHOUT_NOTICE
    # Without notice, the YOT is consulted before the full hearing, not the interim one.
    needs_consultation |= name == "grant" and application.route == Route.S14_WITHOUT_NOTICE
    if needs_consultation and consultation_required(application) and not consultation_concluded(application):
        problems.append(
            "The youth offending team must be consulted first: record its reply, or that its deadline passed "
            "(s15(5), s20(2))."
        )
    if name == "submit_to_cps" and application.cps_area_id is None:
        problems.append("Choose the CPS area to submit to.")
    return problems


# --- transitions ------------------------------------------------------------------------


@transaction.atomic
def _transition(
    *, application: Application, name: str, membership: Membership, reason: str = "", **changes
) -> Application:
    """Move the application along `name` (orders.workflow.TRANSITIONS). Repeating the
    transition that brought it to its current state changes nothing."""
    transition = TRANSITIONS[name]
    current = locked(application.pk)
    check_actor(current, membership, transition.roles)
    last = current.events.order_by("-occurred_at", "-id").first()
    if current.state == transition.target and last is not None and last.transition == name:
        return current  # repeated: already done, and what it would have changed is left as it is
    for field, value in changes.items():
        setattr(current, field, value)
    if current.route not in transition.routes:
        raise ValidationError(f"“{transition.label}” does not apply to {current.get_route_display().lower()}.")
    if current.state not in transition.sources:
        raise ValidationError(
            f"“{transition.label}” is not possible while the application is {current.get_state_display().lower()}."
        )
    if transition.needs_reason and not reason.strip():
        raise ValidationError({"reason": "Enter the reason"})
    problems = _guard_problems(current, name)
    if problems:
        raise ValidationError(problems)
    from_state = current.state
    current.state = transition.target
    current.version += 1
    current.save()
    ApplicationEvent.objects.create(
        application=current,
        transition=name,
        from_state=from_state,
        to_state=current.state,
        by=membership.user,
        organisation_id=membership.organisation_id,
        role=membership.role,
        reason=reason.strip(),
    )
    moved = {"transition": name, "state": current.state}
    if name in {"submit_to_cps", "resubmit_to_cps"}:
        audit_change(
            current,
            membership,
            Operation.DISCLOSE,
            recipient=current.cps_area.name,
            reason=transition.label,
            details=moved,
        )
    else:
        audit_change(current, membership, Operation.ALTER, reason=reason.strip() or transition.label, details=moved)
    return current


def application_submit_for_authorisation(*, application, membership):
    return _transition(application=application, name="submit_for_authorisation", membership=membership)


def application_authorise(*, application, membership):
    return _transition(application=application, name="authorise", membership=membership)


def application_return_for_changes(*, application, membership, reason: str):
    return _transition(application=application, name="return_for_changes", membership=membership, reason=reason)


def application_submit_to_cps(*, application, membership, cps_area: Organisation):
    if cps_area.type != Organisation.Type.CPS_AREA:
        raise ValidationError({"cps_area": "Choose a CPS area"})
    return _transition(application=application, name="submit_to_cps", membership=membership, cps_area=cps_area)


def application_resubmit_to_cps(*, application, membership):
    return _transition(application=application, name="resubmit_to_cps", membership=membership)


def application_cps_return(*, application, membership, reason: str):
    return _transition(application=application, name="cps_return", membership=membership, reason=reason)


def application_cps_accept(*, application, membership):
    return _transition(application=application, name="cps_accept", membership=membership)


def application_cps_decline(*, application, membership, reason: str):
    return _transition(application=application, name="cps_decline", membership=membership, reason=reason)


def application_lay_complaint(*, application, membership):
    return _transition(application=application, name="lay_complaint", membership=membership)


def application_record_interim_order(*, application, membership):
    return _transition(application=application, name="record_interim_order", membership=membership)


def application_grant(*, application, membership):
    return _transition(application=application, name="grant", membership=membership)


def application_refuse(*, application, membership, reason: str):
    return _transition(application=application, name="refuse", membership=membership, reason=reason)


def application_withdraw(*, application, membership, reason: str):
    return _transition(application=application, name="withdraw", membership=membership, reason=reason)


def application_end_on_acquittal(*, application, membership, reason: str):
    return _transition(application=application, name="end_on_acquittal", membership=membership, reason=reason)


# --- YOT consultation -------------------------------------------------------------------


def _locked_consultation(consultation_id: int) -> YotConsultation:
    return YotConsultation.objects.select_for_update().select_related("application__case").get(pk=consultation_id)


@transaction.atomic
def consultation_send(
    *,
    application: Application,
    yot: Organisation,
    membership: Membership,
    reply_due_on: date,
    reason_for_application: str,
    today: date,
    offending_history: str = "",
    hearsay_and_intelligence: str = "",
    proposed_provisions: str = "",
) -> YotConsultation:
    """Send the YOT what the guidance says it needs. Sending discloses personal data to the
    YOT, so it is logged as a disclosure with the YOT as recipient."""
    current = locked(application.pk)
    check_actor(current, membership, POLICE_CASEWORK)
    errors = {}
    if yot.type != Organisation.Type.YOT:
        errors["yot"] = "Choose a youth offending team"
    if reply_due_on < today:
        errors["reply_due_on"] = "The reply date must be today or later"
    if not reason_for_application.strip():
        errors["reason_for_application"] = "Explain why the order is being sought"
    if current.state in TERMINAL:
        errors["__all__"] = "The application has ended."
    if errors:
        raise ValidationError(errors)
    consultation, created = YotConsultation.objects.get_or_create(
        application=current,
        yot=yot,
        defaults={
            "sent_by": membership.user,
            "reply_due_on": reply_due_on,
            "reason_for_application": reason_for_application.strip(),
            "offending_history": offending_history.strip(),
            "hearsay_and_intelligence": hearsay_and_intelligence.strip(),
            "proposed_provisions": proposed_provisions.strip(),
        },
    )
    if created:
        audit_change(
            current, membership, Operation.DISCLOSE, recipient=yot.name, reason="YOT consultation (s15(5), s20(2))"
        )
    return consultation


@transaction.atomic
def consultation_reply(
    *,
    consultation: YotConsultation,
    membership: Membership,
    views: str,
    suggestions: str = "",
    developmental_needs: str = "",
    safeguarding_context: str = "",
) -> YotConsultation:
    """The YOT's reply, by a YOT worker of the consulted YOT. A second reply is refused: the
    police may already have relied on the first."""
    consultation = _locked_consultation(consultation.pk)
    if membership.role != Role.YOT_WORKER or membership.organisation_id != consultation.yot_id:
        raise PermissionDenied("Only the consulted youth offending team can reply.")
    if consultation.replied_at is not None:
        raise ValidationError("The youth offending team has already replied.")
    if not views.strip():
        raise ValidationError({"views": "Enter the youth offending team’s views"})
    consultation.views = views.strip()
    consultation.suggestions = suggestions.strip()
    consultation.developmental_needs = developmental_needs.strip()
    consultation.safeguarding_context = safeguarding_context.strip()
    consultation.replied_by = membership.user
    consultation.replied_at = timezone.now()
    consultation.save()
    audit_change(consultation.application, membership, Operation.COLLECT, details={"consultation_id": consultation.id})
    return consultation


@transaction.atomic
def consultation_record_deadline_passed(
    *, consultation: YotConsultation, membership: Membership, today: date
) -> YotConsultation:
    consultation = _locked_consultation(consultation.pk)
    check_actor(consultation.application, membership, POLICE_CASEWORK)
    if consultation.replied_at is not None:
        raise ValidationError("The youth offending team has replied.")
    if today <= consultation.reply_due_on:
        raise ValidationError(f"The reply is due by {consultation.reply_due_on:%-d %B %Y}: wait until after then.")
    if consultation.deadline_passed_recorded_at is None:
        consultation.deadline_passed_recorded_at = timezone.now()
        consultation.save()
        audit_change(consultation.application, membership, Operation.ALTER, reason="YOT reply deadline passed")
    return consultation


@transaction.atomic
def consultation_record_consideration(
    *, consultation: YotConsultation, membership: Membership, consideration: str
) -> YotConsultation:
    consultation = _locked_consultation(consultation.pk)
    check_actor(consultation.application, membership, POLICE_CASEWORK)
    if consultation.replied_at is None:
        raise ValidationError("The youth offending team has not replied yet.")
    if not consideration.strip():
        raise ValidationError({"consideration": "Record how the reply was considered"})
    consultation.police_consideration = consideration.strip()
    consultation.save()
    audit_change(consultation.application, membership, Operation.ALTER, reason="YOT reply considered")
    return consultation
