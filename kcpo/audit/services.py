"""The one way to write to the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models

from kcpo.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.http import HttpRequest

    from kcpo.accounts.models import Membership, User

Operation = AuditEvent.Operation


def audit_record(
    *,
    by: User | None,
    membership: Membership | None,
    operation: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    data_subject_id: int | None = None,
    reason: str = "",
    recipient: str = "",
    path: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append one row. Pass `obj`, or `object_type` (and `object_id`) for lists and searches."""
    event = _audit_event(
        by=by,
        membership=membership,
        operation=operation,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        data_subject_id=data_subject_id,
        reason=reason,
        recipient=recipient,
        path=path,
        details=details,
    )
    event.save(force_insert=True)
    return event


def audit_record_many(
    *,
    by: User | None,
    membership: Membership | None,
    operation: str,
    events: Iterable[dict],
    batch_size: int = 1000,
) -> list[AuditEvent]:
    """Append one row per item of `events`, all by the same actor and operation, in batched
    INSERTs. Each item holds the other keyword arguments of `audit_record` (`obj` or
    `object_type`, `object_id`, `data_subject_id`, `details`, ...), and each row is built
    exactly as `audit_record` builds it. For set-based writes, e.g. a row per data subject
    touched by a bulk import."""
    rows = [_audit_event(by=by, membership=membership, operation=operation, **event) for event in events]
    return AuditEvent.objects.bulk_create(rows, batch_size=batch_size)


def _audit_event(
    *,
    by: User | None,
    membership: Membership | None,
    operation: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    data_subject_id: int | None = None,
    reason: str = "",
    recipient: str = "",
    path: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """The unsaved row: the one mapping from our arguments to the log's columns."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    if not object_type:
        raise ValueError("An audit event needs the type of object processed.")
    if operation == Operation.DISCLOSE and not recipient:
        raise ValueError("A disclosure must name its recipient (DPA 2018 s62(3)(b)).")
    if membership is not None and by is None:
        by = membership.user
    return AuditEvent(
        user=by,
        user_email=getattr(by, "email", "") or "",
        organisation_id=membership.organisation_id if membership else None,
        organisation_name=membership.organisation.name if membership else "",
        role=membership.role if membership else "",
        operation=operation,
        object_type=object_type,
        object_id=str(object_id),
        data_subject_id=data_subject_id,
        reason=reason,
        recipient=recipient,
        path=path[:500],
        details=details or {},
    )


def audit_read(
    request: HttpRequest,
    *,
    obj: models.Model | None = None,
    object_type: str = "",
    data_subject_id: int | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Log that the signed-in user consulted personal data on this page (s62(1)(c))."""
    return audit_record(
        by=request.user,
        membership=getattr(request, "membership", None),
        operation=Operation.CONSULT,
        obj=obj,
        object_type=object_type,
        data_subject_id=data_subject_id,
        path=request.get_full_path(),
        details=details,
    )
