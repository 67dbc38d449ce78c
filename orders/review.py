"""The CPS review of an s19 submission (Appendix E): what the police sent in each round, the
CPS lawyer's comments per condition, and what changed between one round and the next.

Submitting and resubmitting go through the transition services of orders.services; the
wrappers here add the snapshot of what was sent in the same transaction, so a submission
can never exist without the record of its content; `TRANSITION_SERVICES` puts them in
place of the bare transitions for anything that moves an application by name.
`submission_changes` is pure: two snapshots in, the differences out."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kcpo.accounts.models import Membership, Organisation
from kcpo.audit.services import Operation
from orders import services
from orders.models import (
    NECESSITY_GROUND_CHOICES,
    PROVISION_CATEGORY_CHOICES,
    PROVISION_KIND_CHOICES,
    Application,
    ApplicationSubmission,
    Provision,
    ProvisionComment,
)
from orders.workflow import CPS_LAWYERS, State

SUBMITTING_TRANSITIONS = ("submit_to_cps", "resubmit_to_cps")

# The fields of the snapshot a resubmission is compared on, with the words the CPS sees.
APPLICATION_FIELDS = {
    "necessity_grounds": "Necessity grounds",
    "grounds_argument": "Why the order is necessary",
    "proposed_duration_months": "Proposed duration (months)",
}
PROVISION_FIELDS = {
    "label": "Number",
    "kind": "Requirement or prohibition",
    "category": "Category",
    "wording": "Wording",
    "place": "Place",
    "persons": "Persons",
    "articles": "Articles",
    "activity": "Activity",
    "schedule": "Days and times",
    "starts_after_months": "Starts after (months)",
    "period_months": "Lasts for (months)",
    "exceptions": "Exceptions",
    "purposes": "Purposes",
    "rationale": "Rationale",
    "evidence": "Evidence",
    "supervisor": "Supervisor",
    "suitability_evidence": "Supervisor’s suitability and enforceability",
}
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KIND_LABELS = dict(PROVISION_KIND_CHOICES)
CATEGORY_LABELS = dict(PROVISION_CATEGORY_CHOICES)
GROUND_LABELS = dict(NECESSITY_GROUND_CHOICES)


# --- the snapshot -----------------------------------------------------------------------


def submission_content(application: Application) -> dict:
    """What the police send the CPS (Appendix E), as JSON: the defendant, the grounds and
    argument, the duration, each condition with its rationale, evidence and supervisor, the
    evidence list, hearsay, and the YOT's reply (guidance: the police include the YOT's views
    in the package to the CPS). Note: reads the application's case, subject, provisions,
    evidence, hearsay and consultations."""
    subject = application.case.subject
    provisions = application.provisions.select_related("supervisor_organisation").order_by("number", "id")
    consultations = application.consultations.select_related("yot").order_by("sent_at", "id")
    return {
        "defendant": {
            "name": subject.full_name,
            "date_of_birth": subject.date_of_birth.isoformat(),
            "address": subject.address,
        },
        "case_reference": application.case.reference,
        "police_force": application.owner.name,
        "application_date": application.application_date.isoformat(),
        "necessity_grounds": list(application.necessity_grounds),
        "grounds_argument": application.grounds_argument,
        "proposed_duration_months": application.proposed_duration_months,
        "provisions": [provision_content(p) for p in provisions],
        "evidence_items": [
            {"kind": item.get_kind_display(), "description": item.description, "reference": item.reference}
            for item in application.evidence_items.order_by("id")
        ],
        "hearsay_items": [
            {"description": item.description, "maker": item.maker, "reason_not_called": item.reason_not_called}
            for item in application.hearsay_items.order_by("id")
        ],
        "consultations": [
            {
                "yot": c.yot.name,
                "replied": c.replied_at is not None,
                "deadline_passed": c.deadline_passed_recorded_at is not None,
                "views": c.views,
                "suggestions": c.suggestions,
                "developmental_needs": c.developmental_needs,
                "safeguarding_context": c.safeguarding_context,
                "police_consideration": c.police_consideration,
            }
            for c in consultations
        ],
    }


def provision_content(provision: Provision) -> dict:
    return {
        "id": provision.id,
        "label": provision.label,
        "number": provision.number,
        "kind": provision.kind,
        "category": provision.category,
        "wording": provision.wording,
        "place": provision.place,
        "persons": provision.persons,
        "articles": provision.articles,
        "activity": provision.activity,
        "schedule": provision.schedule,
        "starts_after_months": provision.starts_after_months,
        "period_months": provision.period_months,
        "exceptions": provision.exceptions,
        "purposes": list(provision.purposes),
        "rationale": provision.rationale,
        "evidence": provision.evidence,
        "supervisor": provision.supervisor,
        "suitability_evidence": provision.suitability_evidence,
    }


def submission_round(application: Application) -> int:
    """Which submission the application is on: 1 after the first, 2 after a resubmission…
    (0 if never submitted). Counted from the history, which the transitions write."""
    return application.events.filter(transition__in=SUBMITTING_TRANSITIONS).count()


def _record_submission(application: Application, membership: Membership) -> ApplicationSubmission | None:
    # The transition locked the application row (select_for_update) and the lock is held
    # until our transaction ends, so counting the rounds and inserting cannot race with
    # another submission of the same application.
    round_ = submission_round(application)
    if round_ == 0 or application.submissions.filter(round=round_).exists():
        return None  # the transition was a repeat: its round is already recorded
    return ApplicationSubmission.objects.create(
        application=application,
        round=round_,
        submitted_by=membership.user,
        content=submission_content(application),
    )


@transaction.atomic
def cps_submit(*, application: Application, membership: Membership, cps_area: Organisation) -> Application:
    """Submit to the CPS area (s19, Appendix E) and record what was sent."""
    submitted = services.application_submit_to_cps(application=application, membership=membership, cps_area=cps_area)
    _record_submission(submitted, membership)
    return submitted


@transaction.atomic
def cps_resubmit(*, application: Application, membership: Membership) -> Application:
    """Resubmit after the CPS returned it, and record what is sent this time."""
    submitted = services.application_resubmit_to_cps(application=application, membership=membership)
    _record_submission(submitted, membership)
    return submitted


# The one service for each transition (orders.workflow.TRANSITIONS), for everything that
# moves an application by name (the transition buttons, the demo). Submitting to the CPS
# goes through the wrappers above, so every submission has its snapshot.
TRANSITION_SERVICES = {
    "submit_for_authorisation": services.application_submit_for_authorisation,
    "authorise": services.application_authorise,
    "return_for_changes": services.application_return_for_changes,
    "submit_to_cps": cps_submit,
    "resubmit_to_cps": cps_resubmit,
    "cps_return": services.application_cps_return,
    "cps_accept": services.application_cps_accept,
    "cps_decline": services.application_cps_decline,
    "lay_complaint": services.application_lay_complaint,
    "withdraw": services.application_withdraw,
    "end_on_acquittal": services.application_end_on_acquittal,
}


# --- comments ---------------------------------------------------------------------------


@transaction.atomic
def provision_comment_add(
    *, application: Application, membership: Membership, provision: Provision | None, text: str
) -> ProvisionComment:
    """A CPS lawyer's comment on one condition (or, with no provision, on the submission), on
    the round under review. Only the area it was submitted to, and only while it is with the
    CPS: once returned, the comments are what the police act on."""
    current = services.locked(application.pk)
    services.check_actor(current, membership, CPS_LAWYERS)  # a lawyer of the area it was submitted to
    if current.state != State.SUBMITTED_TO_CPS:
        raise ValidationError(
            f"You can comment only while the application is with the CPS; it is {current.get_state_display().lower()}."
        )
    if provision is not None and provision.application_id != current.id:
        raise ValidationError("That condition is not part of this application.")
    if not text.strip():
        raise ValidationError({"text": "Enter your comment"})
    comment = ProvisionComment.objects.create(
        application=current,
        provision=provision,
        provision_label=provision.label if provision is not None else "",
        round=max(submission_round(current), 1),
        text=text.strip(),
        by=membership.user,
    )
    services.audit_change(
        current,
        membership,
        Operation.COLLECT,
        reason="CPS comment on the submission",
        details={"provision_comment_id": comment.id, "provision": comment.provision_label},
    )
    return comment


# --- what changed between rounds (pure) -------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ProvisionChange:
    id: int  # the provision's record
    label: str  # as numbered now, or as it was if removed
    status: str  # "added", "removed" or "changed"
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class SubmissionChanges:
    application: tuple[FieldChange, ...]
    provisions: tuple[ProvisionChange, ...]

    def __bool__(self) -> bool:
        return bool(self.application or self.provisions)


def display_value(field: str, value) -> str:
    """A snapshot value as the CPS reads it ("" for nothing)."""
    if value in (None, "", []):
        return ""
    if field in {"necessity_grounds", "purposes"}:
        return "; ".join(GROUND_LABELS.get(v, v) for v in value)
    if field == "kind":
        return KIND_LABELS.get(value, value)
    if field == "category":
        return CATEGORY_LABELS.get(value, value)
    if field == "schedule":
        return "; ".join(
            f"{', '.join(DAY_NAMES[d] for d in window['days'])} {window['start']}–{window['end']}" for window in value
        )
    return str(value)


def field_changes(before: dict, after: dict, fields: dict[str, str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(field, label, display_value(field, before.get(field)), display_value(field, after.get(field)))
        for field, label in fields.items()
        if before.get(field) != after.get(field)
    )


def submission_changes(previous: dict, current: dict) -> SubmissionChanges:
    """What changed from one submission's content to the next: the grounds, argument and
    duration, and each condition added, removed or changed (matched by its record, so a
    renumbered condition shows as changed, not as removed and added)."""
    before = {p["id"]: p for p in previous.get("provisions", [])}
    after = {p["id"]: p for p in current.get("provisions", [])}
    provisions = []
    for provision in current.get("provisions", []):
        old = before.get(provision["id"])
        if old is None:
            provisions.append(ProvisionChange(provision["id"], provision["label"], "added"))
        elif changes := field_changes(old, provision, PROVISION_FIELDS):
            provisions.append(ProvisionChange(provision["id"], provision["label"], "changed", changes))
    provisions += [
        ProvisionChange(p["id"], p["label"], "removed") for p in previous.get("provisions", []) if p["id"] not in after
    ]
    return SubmissionChanges(
        application=field_changes(previous, current, APPLICATION_FIELDS), provisions=tuple(provisions)
    )
