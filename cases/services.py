"""Writes for subjects and cases. Each writes its audit row in the same transaction."""

from datetime import date
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from cases.models import Case, Conviction, Occasion, Subject, SubjectAlias, searchable_names
from cases.selectors import case_can_share, case_shared_with
from cases.validation import occasion_errors
from eligibility.core import Disposal
from kcpo.accounts.models import Membership, Organisation, User
from kcpo.audit.services import Operation, audit_record

# Organisations a force may share a case with: the CPS for on-conviction applications,
# the YOT for consultation on under-18s, a provider for supervision.
SHAREABLE_ORGANISATION_TYPES = (Organisation.Type.CPS_AREA, Organisation.Type.YOT, Organisation.Type.PROVIDER)


# The parts of a subject's record a form may set (everything but the owner and timestamps).
SUBJECT_RECORD_FIELDS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "police_area",
    "local_authority",
    "guardian_name",
    "guardian_relationship",
    "guardian_address",
    "guardian_phone",
    "special_educational_needs",
    "looked_after_child",
    "child_in_need",
    "social_worker",
    "interpreter_language",
    "cultural_needs",
)


@transaction.atomic
def subject_create(
    *,
    owner: Organisation,
    given_names: str,
    family_name: str,
    date_of_birth: date,
    by: User,
    membership=None,
    aliases=(),
    today: date | None = None,
    **record,
) -> Subject:
    """Record a person. `record` takes the other fields of SUBJECT_RECORD_FIELDS; `aliases`
    other names they are known by (blank and repeated names are dropped)."""
    unknown = set(record) - set(SUBJECT_RECORD_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a subject's record: {', '.join(sorted(unknown))}")
    subject = Subject(
        owner=owner, given_names=given_names.strip(), family_name=family_name.strip(), date_of_birth=date_of_birth
    )
    for field, value in record.items():
        setattr(subject, field, value.strip() if isinstance(value, str) else value)
    if not subject.police_area:
        subject.police_area = owner.code
    if today is not None and date_of_birth > today:
        raise ValidationError({"date_of_birth": "Date of birth must be today or in the past"})
    names = list(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != subject.full_name))
    subject.search_names = searchable_names(subject.given_names, subject.family_name, names)
    subject.full_clean()
    subject.save()
    SubjectAlias.objects.bulk_create(SubjectAlias(subject=subject, name=name) for name in names)
    audit_record(by=by, membership=membership, operation=Operation.COLLECT, obj=subject, data_subject_id=subject.id)
    return subject


@transaction.atomic
def case_open(
    *,
    subject: Subject,
    lead_officer: User | None,
    by: User,
    membership: Membership | None = None,
    reference: str | None = None,
) -> Case:
    """Open a case file for the subject, owned by the force that recorded them. Without a
    `reference` the case is numbered KCPO-<year>-<number>."""
    case = Case(
        subject=subject, owner=subject.owner, reference=reference or f"pending-{uuid4().hex}", lead_officer=lead_officer
    )
    case.full_clean()
    case.save()
    if reference is None:
        case.reference = f"KCPO-{case.created_at:%Y}-{case.id:06d}"
        case.save(update_fields=["reference"])
    audit_record(by=by, membership=membership, operation=Operation.COLLECT, obj=case, data_subject_id=subject.id)
    return case


@transaction.atomic
def case_share(*, case: Case, organisation: Organisation, by: User, membership: Membership, reason: str) -> Case:
    """Let another organisation see the case. Sharing discloses personal data, so it is
    logged as a disclosure with its recipient and reason (DPA 2018 s62(2)-(3))."""
    if not case_can_share(membership=membership, case=case):
        raise PermissionDenied("Only the force that owns the case can share it.")
    if organisation.type not in SHAREABLE_ORGANISATION_TYPES:
        raise ValidationError(
            {"organisation": "Cases can be shared only with a CPS area, a youth offending team or a provider."},
            code="invalid",
        )
    if organisation.id == case.owner_id:
        raise ValidationError({"organisation": "The case already belongs to this organisation."}, code="invalid")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the case is being shared."}, code="required")
    if case_shared_with(case=case, organisation=organisation):
        return case  # already shared: repeating it changes nothing and discloses nothing new
    assign_perm("cases.view_case", organisation.group, case)
    audit_record(
        by=by,
        membership=membership,
        operation=Operation.DISCLOSE,
        obj=case,
        data_subject_id=case.subject_id,
        recipient=organisation.name,
        reason=reason.strip(),
    )
    return case


@transaction.atomic
def case_unshare(*, case: Case, organisation: Organisation, by: User, membership: Membership, reason: str) -> Case:
    if case_shared_with(case=case, organisation=organisation):
        remove_perm("cases.view_case", organisation.group, case)
        audit_record(
            by=by,
            membership=membership,
            operation=Operation.ALTER,
            obj=case,
            data_subject_id=case.subject_id,
            recipient=organisation.name,
            reason=f"Access withdrawn: {reason.strip()}",
        )
    return case


@transaction.atomic
def occasion_record(
    *,
    subject: Subject,
    occurred_on: date,
    place: str,
    location: str,
    article: str,
    source: str,
    today: date,
    by: User,
    membership: Membership | None = None,
    place_description: str = "",
    source_reference: str = "",
    outcome: str = "",
    good_reason: str = "",
    good_reason_details: str = "",
    evidence: str = "",
) -> Occasion:
    """Record one occasion of having a bladed article (s14(3)), if it meets the rules in
    cases.validation (no future date, none before birth, details where required)."""
    occasion = Occasion(
        subject=subject,
        occurred_on=occurred_on,
        place=place,
        place_description=place_description,
        location=location,
        article=article,
        source=source,
        source_reference=source_reference,
        outcome=outcome,
        good_reason=good_reason,
        good_reason_details=good_reason_details,
        evidence=evidence,
    )
    errors = occasion_errors(
        date_of_birth=subject.date_of_birth,
        occurred_on=occurred_on,
        place=place,
        place_description=place_description,
        good_reason=good_reason,
        good_reason_details=good_reason_details,
        today=today,
    )
    if errors:
        raise ValidationError(errors)
    occasion.full_clean()
    occasion.save()
    audit_record(by=by, membership=membership, operation=Operation.COLLECT, obj=occasion, data_subject_id=subject.id)
    return occasion


@transaction.atomic
def conviction_record(
    *,
    subject: Subject,
    offence: str,
    offence_date: date,
    today: date,
    by: User,
    membership: Membership | None = None,
    court: str = "",
    charged_on: date | None = None,
    convicted_on: date | None = None,
    sentenced_on: date | None = None,
    violence_or_threat: bool = False,
    bladed_article_used: bool = False,
    bladed_article_had: bool = False,
    disposal: str = Disposal.PENDING.value,
) -> Conviction:
    """Record a conviction for the on-conviction route (s19). The dates must run in order
    (offence, charge, conviction, sentence), none in the future or before birth; a disposal
    other than 'not yet sentenced' needs the date of sentence, and a sentence date needs one."""
    errors = {}
    dates = {
        "offence_date": offence_date,
        "charged_on": charged_on,
        "convicted_on": convicted_on,
        "sentenced_on": sentenced_on,
    }
    for field, day in dates.items():
        if day is not None and day > today:
            errors[field] = "The date must be today or in the past"
    if offence_date < subject.date_of_birth:
        errors.setdefault("offence_date", "The date of the offence must be on or after the subject’s date of birth")
    in_order = [(f, d) for f, d in dates.items() if d is not None]
    for (earlier_field, earlier), (field, day) in zip(in_order, in_order[1:], strict=False):
        if day < earlier:
            errors.setdefault(field, f"The date must be on or after the {DATE_NAMES[earlier_field]}")
    if sentenced_on is not None and convicted_on is None:
        errors.setdefault("convicted_on", "Enter the date of conviction, as the subject has been sentenced")
    if disposal != Disposal.PENDING.value and sentenced_on is None:
        errors.setdefault("sentenced_on", "Enter the date of sentence for this disposal")
    if disposal == Disposal.PENDING.value and sentenced_on is not None:
        errors.setdefault("disposal", "Select the sentence or discharge given")
    if errors:
        raise ValidationError(errors)
    conviction = Conviction(
        subject=subject,
        offence=offence.strip(),
        offence_date=offence_date,
        court=court.strip(),
        charged_on=charged_on,
        convicted_on=convicted_on,
        sentenced_on=sentenced_on,
        violence_or_threat=violence_or_threat,
        bladed_article_used=bladed_article_used,
        bladed_article_had=bladed_article_had,
        disposal=disposal,
    )
    conviction.full_clean()
    conviction.save()
    audit_record(by=by, membership=membership, operation=Operation.COLLECT, obj=conviction, data_subject_id=subject.id)
    return conviction


DATE_NAMES = {
    "offence_date": "date of the offence",
    "charged_on": "date of charge",
    "convicted_on": "date of conviction",
}
