"""The police's drafting pages: start an application from a case, its details, provisions,
evidence and hearsay, and check your answers before sending it for authorisation.

Every page is for the police casework roles of the force that owns the application
(orders.selectors.application_get_for_owner: another organisation gets 404, another role
403). Once the application has left the editable states, reading a page takes the officer to
the application's page, and changes are refused. Every form carries the version it showed,
so a change made meanwhile by someone else is never silently overwritten."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.selectors import case_get
from eligibility.core import blocking_checks
from eligibility.core.service import HEARSAY_DAYS
from eligibility.services import subject_s14_determination
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Organisation
from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from orders import drafting
from orders.checks import application_provision_checks, interim_order_checks
from orders.drafting_forms import (
    ApplicationDetailsForm,
    ApplicationStartForm,
    EvidenceItemForm,
    HearsayItemForm,
    ProvisionForm,
    RemoveItemForm,
    VersionForm,
)
from orders.models import Application, Provision
from orders.selectors import application_get_for_owner
from orders.services import application_start, application_update
from orders.workflow import EDITABLE, TRANSITIONS

SUBMIT = TRANSITIONS["submit_for_authorisation"]


def drafting_page(*, changes_on_post: bool = True):
    """Load the application for its owning force's police and pass it to the view. If it is
    no longer editable, a read goes to the application's page with a message and a change is
    refused (403); `changes_on_post=False` leaves a POST that is a transition, not a change,
    to its service, which knows when repeating it is harmless."""

    def decorate(view):
        @login_required
        @require_http_methods(["GET", "POST"])
        @wraps(view)
        def page(request, application_id: int, **kwargs):
            application = application_get_for_owner(membership=request.membership, application_id=application_id)
            if application.state not in EDITABLE:
                if request.method == "GET":
                    state = application.get_state_display().lower()
                    messages.info(request, f"The application is {state}: it cannot be changed now.")
                    return redirect("applications:detail", application_id=application.id)
                if changes_on_post:
                    raise PermissionDenied("The application cannot be changed now.")
            return view(request, application, **kwargs)

        return page

    return decorate


def _edit_url(application: Application, anchor: str) -> str:
    return f"{reverse('applications:edit', args=[application.id])}#{anchor}"


def _read(request, application: Application) -> None:
    audit_read(request, obj=application, data_subject_id=application.case.subject_id)


def _draft(application: Application) -> dict:
    """What the edit and check pages show besides the form: the content, and the checks and
    determination re-run on it as it now stands."""
    checks = application_provision_checks(application)
    return {
        "application": application,
        # s19: the offence the application follows, as the form lists it.
        "named_offence": drafting.conviction_label(application.conviction) if application.conviction_id else "",
        "provisions": drafting.provision_list(application=application),
        "evidence_items": drafting.evidence_item_list(application=application),
        "hearsay_items": drafting.hearsay_item_list(application=application),
        "hearsay_days": HEARSAY_DAYS,
        "checks": checks,
        "blocking": blocking_checks(checks),
        # s17(4)-(5), without notice only: shown beside the checks, never blocking.
        "interim_checks": interim_order_checks(application),
        "determination": drafting.application_determination(application=application),
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request, case_id: int):
    case = case_get(membership=request.membership, case_id=case_id, roles=POLICE_CASEWORK)
    if case.owner_id != request.membership.organisation_id:
        raise PermissionDenied("Only the force that owns the case can start an application.")
    today = timezone.localdate()
    form = ApplicationStartForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            application = application_start(
                case=case, route=form.cleaned_data["route"], membership=request.membership, today=today
            )
            messages.success(request, f"Application started: {application.get_route_display()}.")
            return redirect("applications:edit", application_id=application.id)
    audit_read(request, obj=case, data_subject_id=case.subject_id)
    return render(
        request,
        "orders/application_new.html",
        {"case": case, "form": form, "determination": subject_s14_determination(subject=case.subject, on=today)},
    )


@drafting_page()
def application_edit(request, application: Application):
    form = ApplicationDetailsForm(posted_data(request), application=application)
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            application_update(
                application=application,
                membership=request.membership,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
            messages.success(request, "The application’s details have been saved.")
            return redirect("applications:edit", application_id=application.id)
    _read(request, application)
    return render(request, "orders/application_edit.html", {"form": form, **_draft(application)})


def _chosen_supervisor(request) -> Organisation | None:
    """The provider picked in the provision catalogue (`?supervisor=<id>` on a GET), if it may
    be named as a supervisor (drafting.supervisor_organisations); anything else is ignored."""
    chosen = request.GET.get("supervisor", "") if request.method == "GET" else ""
    if not chosen.isdigit():
        return None
    return drafting.supervisor_organisations().filter(pk=int(chosen)).first()


def _provision_page(request, application: Application, provision: Provision | None):
    form = ProvisionForm(
        posted_data(request),
        application=application,
        provision=provision,
        chosen_supervisor=_chosen_supervisor(request),
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            saved = drafting.provision_save(
                application=application,
                membership=request.membership,
                expected_version=form.cleaned_data["version"],
                provision=provision,
                **form.changes(),
            )
            messages.success(request, f"{saved.label} has been {'added' if provision is None else 'saved'}.")
            return redirect(_edit_url(application, "provisions"))
    _read(request, application)
    return render(
        request, "orders/provision_form.html", {"application": application, "provision": provision, "form": form}
    )


@drafting_page()
def provision_new(request, application: Application):
    return _provision_page(request, application, None)


@drafting_page()
def provision_edit(request, application: Application, provision_id: int):
    provision = get_object_or_404(application.provisions.select_related("supervisor_organisation"), pk=provision_id)
    return _provision_page(request, application, provision)


@drafting_page()
def provision_delete(request, application: Application, provision_id: int):
    provision = get_object_or_404(application.provisions, pk=provision_id)
    form = VersionForm(posted_data(request), initial={"version": application.version})
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            drafting.provision_delete(
                application=application,
                membership=request.membership,
                expected_version=form.cleaned_data["version"],
                provision=provision,
            )
            messages.success(request, f"{provision.label} has been removed.")
            return redirect(_edit_url(application, "provisions"))
    _read(request, application)
    return render(
        request, "orders/provision_delete.html", {"application": application, "provision": provision, "form": form}
    )


# The evidence page's buttons. Adding: the form (its prefix is also the anchor to return
# to), the service and what to say when done. Removing: which of the application's items,
# the service and what to say.
ADD_ACTIONS = {
    "add_evidence": (EvidenceItemForm, "evidence", drafting.evidence_item_add, "The evidence has been added."),
    "add_hearsay": (HearsayItemForm, "hearsay", drafting.hearsay_item_add, "The hearsay item has been added."),
}
REMOVE_ACTIONS = {
    "remove_evidence": ("evidence_items", drafting.evidence_item_delete, "The evidence has been removed."),
    "remove_hearsay": ("hearsay_items", drafting.hearsay_item_delete, "The hearsay item has been removed."),
}


@drafting_page()
def evidence(request, application: Application):
    """The evidence list (lead MG11, PNC print, statements, CCTV/BWV, YOT report, maps) and
    the hearsay items, each added or removed by its own form on this one page."""
    initial = {"version": application.version}
    forms = {
        "evidence_form": EvidenceItemForm(prefix="evidence", initial=initial),
        "hearsay_form": HearsayItemForm(prefix="hearsay", initial=initial),
    }
    posted = None  # the form that was sent, shown with its errors
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ADD_ACTIONS:
            form_class, prefix, service, done = ADD_ACTIONS[action]
            posted = forms[f"{prefix}_form"] = form_class(request.POST, prefix=prefix)
            anchor = f"#{prefix}"
        elif action in REMOVE_ACTIONS:
            related, service, done = REMOVE_ACTIONS[action]
            posted = RemoveItemForm(request.POST, items=getattr(application, related).all())
            anchor = ""
        else:
            return HttpResponseBadRequest("Unknown action")
        if posted.is_valid():
            with refusal_shown_on(posted):
                service(
                    application=application,
                    membership=request.membership,
                    expected_version=posted.cleaned_data["version"],
                    **posted.changes(),
                )
                messages.success(request, done)
                return redirect(reverse("applications:evidence", args=[application.id]) + anchor)
    _read(request, application)
    return render(
        request,
        "orders/evidence.html",
        {
            "application": application,
            "form": posted,  # base.html draws the error summary for it
            **forms,
            "evidence_items": drafting.evidence_item_list(application=application),
            "hearsay_items": drafting.hearsay_item_list(application=application),
            "hearsay_days": HEARSAY_DAYS,
        },
    )


@drafting_page(changes_on_post=False)
def check_answers(request, application: Application):
    """Everything the authorising officer will see, with the checks, and the button that
    sends it. The transition's guards refuse it while a check fails (s21, s22, s23)."""
    form = VersionForm(posted_data(request), initial={"version": application.version})
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            drafting.application_send_for_authorisation(
                application=application, membership=request.membership, expected_version=form.cleaned_data["version"]
            )
            messages.success(request, "The application has been sent for authorisation.")
            return redirect("applications:detail", application_id=application.id)
    _read(request, application)
    return render(
        request,
        "orders/check_answers.html",
        {
            "form": form,
            "can_send": application.state in SUBMIT.sources,
            "send_label": SUBMIT.label,
            **_draft(application),
        },
    )
