"""Writes and disclosures of documents: a draft render (not stored), issuing a version (stored,
never changed), and downloading an issued one. Every PDF that leaves the service is logged as
a disclosure to the organisation of the person who downloaded it."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from documents.models import Document, DocumentKind
from documents.registry import FORMS, FormSpec, document_roles, forms_for, sources
from documents.rendering import render_pdf
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
    check_actor(application, membership, document_roles(application))
    spec = form_for(application, kind)
    pdf = render_pdf(spec.template, spec.context(application), draft=True, title=f"DRAFT {spec.title}")
    _disclosed(application, membership, reason=f"Draft downloaded: {spec.kind.label}", kind=kind)
    return pdf


def document_store(
    *, application: Application, kind: DocumentKind, template_version: str, pdf: bytes, membership: Membership
) -> Document:
    """Store `pdf` as the next version of `kind` for the application, with its hash and
    sources, and log it. The caller holds the application's row lock (orders.services.locked),
    so two issues never take the same number."""
    version = 1 + (application.documents.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0)
    document = Document.objects.create(
        application=application,
        kind=kind,
        version=version,
        template_version=template_version,
        sources=sources(application),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        issued_by=membership.user,
    )
    audit_record(
        by=membership.user,
        membership=membership,
        operation=Operation.COLLECT,
        obj=application,
        data_subject_id=application.case.subject_id,
        reason=f"Issued: {DocumentKind(kind).label}, version {version}",
        details={"document_id": document.id, "kind": kind, "version": version},
    )
    return document


@transaction.atomic
def document_issue(*, application: Application, kind: str, membership: Membership) -> Document:
    """Issue the next version of the form, rendered from the records as they stand."""
    current = locked(application.pk)
    check_actor(current, membership, document_roles(current))
    spec = form_for(current, kind)
    pdf = render_pdf(spec.template, spec.context(current), draft=False, title=spec.title)
    return document_store(
        application=current, kind=spec.kind, template_version=spec.template_version, pdf=pdf, membership=membership
    )


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


def document_drafts_for_export(*, application: Application, reason: str) -> dict[str, bytes]:
    """DRAFT renders of every form that applies to the application, by file name, for writing
    out from the command line (render_forms). Not stored, so watermarked like any draft; the
    export is logged as one disclosure, with no user, since none is signed in."""
    pdfs = {
        spec.filename: render_pdf(spec.template, spec.context(application), draft=True, title=f"DRAFT {spec.title}")
        for spec in forms_for(application)
    }
    audit_record(
        by=None,
        membership=None,
        operation=Operation.DISCLOSE,
        obj=application,
        data_subject_id=application.case.subject_id,
        recipient="render_forms (command line)",
        reason=reason,
        details={"files": sorted(pdfs)},
    )
    return pdfs
