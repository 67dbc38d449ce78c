"""The one way to write to the audit log."""

from __future__ import annotations

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
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    if not object_type:
        raise ValueError("An audit event needs the type of object processed.")
    if operation == Operation.DISCLOSE and not recipient:
        raise ValueError("A disclosure must name its recipient (DPA 2018 s62(3)(b)).")
    if membership is not None and by is None:
        by = membership.user
    return AuditEvent.objects.create(
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
