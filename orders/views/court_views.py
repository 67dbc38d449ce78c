"""Service and court pages for the owning force's police: list a hearing, record its
outcome (and the order as made), record service of a document, and record a defendant's
notice (Appendix D). What is checked and written is decided in orders/court.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from orders import court, selectors
from orders.court_forms import DefendantNoticeForm, HearingForm, HearingOutcomeForm, ServiceRecordForm
from orders.models import Application, HearingOutcome


def _page(request, template: str, application: Application, form, **context):
    """Draw a form page; a first look (GET) is a read of the application's personal data."""
    if request.method == "GET":
        audit_read(request, obj=application, data_subject_id=application.case.subject_id)
    context.update({"application": application, "subject": application.case.subject, "form": form})
    return render(request, template, context)


def _done(request, application: Application, message: str, anchor: str):
    messages.success(request, message)
    return redirect(f"{reverse('applications:detail', args=[application.id])}#{anchor}")


@login_required
@require_http_methods(["GET", "POST"])
def hearing_new(request, application_id: int):
    application = selectors.application_get_for_owner(membership=request.membership, application_id=application_id)
    form = HearingForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            court.hearing_list(
                application=application,
                membership=request.membership,
                court=form.cleaned_data["court"],
                on=form.cleaned_data["date"],
                kind=form.cleaned_data["kind"],
            )
            return _done(request, application, "The hearing has been listed.", "hearings")
    return _page(request, "orders/court/hearing_new.html", application, form)


@login_required
@require_http_methods(["GET", "POST"])
def hearing_outcome(request, hearing_id: int):
    hearing = selectors.hearing_get_for_owner(membership=request.membership, hearing_id=hearing_id)
    application = hearing.application
    provisions = selectors.application_provisions(application=application)
    form = HearingOutcomeForm(posted_data(request), application=application, provisions=provisions)
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            court.hearing_record_outcome(
                hearing=hearing,
                membership=request.membership,
                outcome=form.cleaned_data["outcome"],
                refusal_reason=form.cleaned_data.get("refusal_reason") or "",
                notes=form.cleaned_data.get("notes") or "",
                order_terms=form.order_terms(),
                today=timezone.localdate(),
            )
            outcome = HearingOutcome(form.cleaned_data["outcome"])
            return _done(request, application, f"Outcome recorded: {outcome.label.lower()}.", "hearings")
    checks = court.service_checks(application, today=timezone.localdate())
    return _page(
        request,
        "orders/court/hearing_outcome.html",
        application,
        form,
        hearing=hearing,
        service_warnings=court.service_warnings(checks),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_new(request, application_id: int):
    application = selectors.application_get(
        membership=request.membership, application_id=application_id, roles=court.SERVICE_RECORDERS
    )
    if not court.may_record_service(application, request.membership):
        raise PermissionDenied("Your organisation cannot record service on this application.")
    form = ServiceRecordForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            court.service_record(
                application=application, membership=request.membership, today=timezone.localdate(), **form.cleaned_data
            )
            return _done(request, application, "Service has been recorded.", "service")
    return _page(request, "orders/court/service_new.html", application, form)


@login_required
@require_http_methods(["GET", "POST"])
def defendant_notice_new(request, application_id: int):
    application = selectors.application_get_for_owner(membership=request.membership, application_id=application_id)
    form = DefendantNoticeForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            court.defendant_notice_record(
                application=application, membership=request.membership, today=timezone.localdate(), **form.cleaned_data
            )
            return _done(request, application, "The defendant’s notice has been recorded.", "defendant-notices")
    return _page(request, "orders/court/defendant_notice_new.html", application, form)
