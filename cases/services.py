"""Writes for subjects and cases. Each writes its audit row in the same transaction."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from cases.models import Case, Occasion, Subject
from cases.selectors import case_can_share, case_shared_with
from cases.validation import occasion_errors
from kcpo.accounts.models import Membership, Organisation, User
from kcpo.audit.services import Operation, audit_record

# Organisations a force may share a case with: the CPS for on-conviction applications,
# the YOT for consultation on under-18s, a provider for supervision.
SHAREABLE_ORGANISATION_TYPES = (Organisation.Type.CPS_AREA, Organisation.Type.YOT, Organisation.Type.PROVIDER)


@transaction.atomic
def subject_create(
    *, owner: Organisation, given_names: str, family_name: str, date_of_birth: date, by: User, membership=None
) -> Subject:
    subject = Subject(owner=owner, given_names=given_names, family_name=family_name, date_of_birth=date_of_birth)
    subject.full_clean()
    subject.save()
    audit_record(by=by, membership=membership, operation=Operation.COLLECT, obj=subject, data_subject_id=subject.id)
    return subject


@transaction.atomic
def case_open(
    *, subject: Subject, reference: str, lead_officer: User | None, by: User, membership: Membership | None = None
) -> Case:
    case = Case(subject=subject, owner=subject.owner, reference=reference, lead_officer=lead_officer)
    case.full_clean()
    case.save()
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
