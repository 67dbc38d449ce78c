"""Writes and disclosures of documents: a draft render (not stored), issuing a version (stored,
never changed), and downloading an issued one. Every PDF that leaves the service is logged as
a disclosure to the organisation of the person who downloaded it."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from documents.models import Document
from documents.registry import FORMS, FormSpec, sources
from documents.rendering import render_pdf
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation, audit_record
from orders.models import Application
from orders.services import check_actor, locked


def form_for(application: Application, kind: str) -> FormSpec:
    spec = FORMS.get(kind)
    if spec is None or not spec.applies(application):
        raise ValidationError(f"That document does not apply to {application.get_route_display().lower()}.")
    return spec


def _disclosed(application: Application, membership: Membership, *, reason: str, **details) -> None:
    audit_record(
        by=membership.user,
        membership=membership,
        operation=Operation.DISCLOSE,
        obj=application,
        data_subject_id=application.case.subject_id,
        recipient=membership.organisation.name,
        reason=reason,
        details=details,
    )


def document_draft(*, application: Application, kind: str, membership: Membership) -> bytes:
    """A DRAFT-watermarked render of the form as the records stand now; not stored."""
    check_actor(application, membership, POLICE_CASEWORK)
    spec = form_for(application, kind)
    pdf = render_pdf(spec.template, spec.context(application), draft=True, title=f"DRAFT {spec.title}")
    _disclosed(application, membership, reason=f"Draft downloaded: {spec.kind.label}", kind=kind)
    return pdf


@transaction.atomic
def document_issue(*, application: Application, kind: str, membership: Membership) -> Document:
    """Issue the next version of the form: rendered from the records as they stand, stored with
    its hash, template version and sources. Versions of one application are issued one at a
    time (the application row is locked), so two issues never take the same number."""
    current = locked(application.pk)
    check_actor(current, membership, POLICE_CASEWORK)
    spec = form_for(current, kind)
    version = 1 + (current.documents.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0)
    pdf = render_pdf(spec.template, spec.context(current), draft=False, title=spec.title)
    document = Document.objects.create(
        application=current,
        kind=kind,
        version=version,
        template_version=spec.template_version,
        sources=sources(current),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        issued_by=membership.user,
    )
    audit_record(
        by=membership.user,
        membership=membership,
        operation=Operation.COLLECT,
        obj=current,
        data_subject_id=current.case.subject_id,
        reason=f"Issued: {spec.kind.label}, version {version}",
        details={"document_id": document.id, "kind": kind, "version": version},
    )
    return document


def document_download(*, document: Document, membership: Membership) -> bytes:
    """The issued bytes, exactly as issued, logged as a disclosure."""
    if not document.verifies():
        raise PermissionDenied("This document no longer matches its hash: report it, and issue a new version.")
    _disclosed(
        document.application,
        membership,
        reason=f"Downloaded: {document.get_kind_display()}, version {document.version}",
        document_id=document.id,
    )
    return bytes(document.pdf)
