"""The documents of an application: draft previews, issuing, and downloads of what was issued.
PDFs are served only through these views (never a public media URL), each logged as a
disclosure by documents.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from documents import bundles, selectors, services
from documents.models import DocumentKind
from documents.registry import forms_for
from kcpo.audit.services import audit_read


def _pdf(content: bytes, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def document_index(request, application_id: int):
    application = selectors.application_get_for_documents(membership=request.membership, application_id=application_id)
    audit_read(request, obj=application, data_subject_id=application.case.subject_id)
    issued = list(selectors.document_list(application=application))
    forms = [(spec, [d for d in issued if d.kind == spec.kind]) for spec in forms_for(application)]
    return render(
        request,
        "documents/document_index.html",
        {
            "application": application,
            "subject": application.case.subject,
            "forms": forms,
            "bundle_applies": bundles.bundle_applies(application),
            "bundles": [d for d in issued if d.kind == DocumentKind.BUNDLE],
            "bundle_job": selectors.bundle_job_unfinished(application=application),
        },
    )


@login_required
@require_GET
def document_draft(request, application_id: int, kind: str):
    application = selectors.application_get_for_documents(membership=request.membership, application_id=application_id)
    try:
        pdf = services.document_draft(application=application, kind=kind, membership=request.membership)
    except ValidationError as error:
        raise Http404 from error
    return _pdf(pdf, f"DRAFT-{kind}-{application.case.reference}.pdf", inline=True)


@login_required
@require_POST
def document_issue(request, application_id: int, kind: str):
    application = selectors.application_get_for_documents(membership=request.membership, application_id=application_id)
    try:
        document = services.document_issue(application=application, kind=kind, membership=request.membership)
    except ValidationError as error:
        raise Http404 from error
    messages.success(request, f"Issued: {document.get_kind_display()}, version {document.version}.")
    return redirect("documents:index", application_id=application.id)


@login_required
@require_GET
def document_download(request, document_id: int):
    document = selectors.document_get(membership=request.membership, document_id=document_id)
    pdf = services.document_download(document=document, membership=request.membership)
    return _pdf(pdf, document.filename, inline=False)


@login_required
@require_POST
def bundle_request(request, application_id: int):
    application = selectors.application_get_for_documents(membership=request.membership, application_id=application_id)
    try:
        job = bundles.bundle_request(application=application, membership=request.membership)
    except ValidationError as error:
        raise Http404 from error
    return redirect("documents:bundle", job_id=job.id)


@login_required
@require_GET
def bundle_detail(request, job_id: int):
    """The bundle's progress while it is prepared, then the link to it. The page names the
    case and the person, so each read is logged."""
    job = selectors.bundle_job_get(membership=request.membership, job_id=job_id)
    audit_read(request, obj=job.application, data_subject_id=job.application.case.subject_id)
    steps = [
        {"label": label, "done": index < job.steps_done, "current": index == job.steps_done and not job.is_finished}
        for index, label in enumerate(bundles.STEPS)
    ]
    return render(
        request,
        "documents/bundle_detail.html",
        {
            "job": job,
            "application": job.application,
            "subject": job.application.case.subject,
            "steps": steps,
            "step_count": len(bundles.STEPS),
            "refresh": not job.is_finished,
        },
    )
