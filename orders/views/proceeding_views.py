"""Pages for what happens in court after an order is made, for the owning force's police:
recording an application to vary, renew or discharge it (s27) or an appeal (s28), the police's
representations on a defendant's application, the hearing, and the outcome of that or of a
review hearing (s26), with what a variation changed. What is checked and written is decided in
orders/variations.py; the release an order waited for (s23(7)) in orders/lifecycle.py."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from orders import lifecycle, selectors, variations
from orders.models import ProceedingKind
from orders.order_forms import DecisionForm, ProceedingForm, ProceedingHearingForm, ReleaseForm, RepresentationsForm


def _audit_read(request, order, **details) -> None:
    application = order.application
    audit_read(
        request,
        obj=application,
        data_subject_id=application.case.subject_id,
        details={"order_id": order.id, **details},
    )


def _page(request, template: str, order, **context):
    application = order.application
    return render(
        request,
        f"orders/proceeding/{template}",
        {"order": order, "application": application, "subject": application.case.subject, **context},
    )


def _form_page(request, order, form, *, save, success: str, done, template: str, audit=None, **context):
    """A page with one form: draw it, or hand its data to `save` (a service) and go to
    `done(result)`; a refusal is shown on the form. A first view is logged as a read."""
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            result = save(**form.cleaned_data)
            messages.success(request, success)
            return redirect(done(result))
    if request.method == "GET":
        _audit_read(request, order, **(audit or {}))
    return _page(request, template, order, form=form, **context)


def _to_proceeding(proceeding) -> str:
    return reverse("orders:proceeding_detail", args=[proceeding.id])


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_new(request, order_id: int, kind: str):
    if kind not in {ProceedingKind.APPLICATION, ProceedingKind.APPEAL}:
        raise Http404
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    kind = ProceedingKind(kind)
    return _form_page(
        request,
        order,
        ProceedingForm(posted_data(request), kind=kind),
        save=partial(
            variations.proceeding_start,
            order=order,
            membership=request.membership,
            kind=kind,
            today=timezone.localdate(),
        ),
        success="The appeal has been recorded."
        if kind == ProceedingKind.APPEAL
        else "The application has been recorded.",
        done=_to_proceeding,
        template="proceeding_new.html",
        kind=kind,
    )


@login_required
@require_GET
def proceeding_detail(request, proceeding_id: int):
    proceeding = selectors.proceeding_get_for_owner(membership=request.membership, proceeding_id=proceeding_id)
    order = proceeding.order
    _audit_read(request, order, proceeding_id=proceeding.id)
    today = timezone.localdate()
    return _page(
        request,
        "proceeding_detail.html",
        order,
        proceeding=proceeding,
        comparison=variations.proceeding_comparison(proceeding) if proceeding.is_decided else (),
        representations_late=bool(
            proceeding.representations_due_on
            and (proceeding.representations_sent_on or today) > proceeding.representations_due_on
        ),
        decidable=not proceeding.is_decided and proceeding.kind != ProceedingKind.REVIEW,
    )


@login_required
@require_http_methods(["GET", "POST"])
def representations_edit(request, proceeding_id: int):
    proceeding = selectors.proceeding_get_for_owner(membership=request.membership, proceeding_id=proceeding_id)
    return _form_page(
        request,
        proceeding.order,
        RepresentationsForm(posted_data(request)),
        save=partial(
            variations.representations_record,
            proceeding=proceeding,
            membership=request.membership,
            today=timezone.localdate(),
        ),
        success="The representations have been recorded.",
        done=_to_proceeding,
        template="representations.html",
        audit={"proceeding_id": proceeding.id},
        proceeding=proceeding,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_hearing(request, proceeding_id: int):
    proceeding = selectors.proceeding_get_for_owner(membership=request.membership, proceeding_id=proceeding_id)
    return _form_page(
        request,
        proceeding.order,
        ProceedingHearingForm(posted_data(request)),
        save=partial(variations.proceeding_hearing_list, proceeding=proceeding, membership=request.membership),
        success="The hearing has been listed.",
        done=lambda _hearing: _to_proceeding(proceeding),
        template="hearing.html",
        audit={"proceeding_id": proceeding.id},
        proceeding=proceeding,
    )


def _decision_page(request, order, *, outcomes, decide, heading: str, back: str, **context):
    """The outcome form for a proceeding or a review hearing: draw it, or record what it says."""
    provisions = selectors.order_provision_list(order=order)
    form = DecisionForm(posted_data(request), outcomes=outcomes, provisions=provisions)
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            proceeding = decide(form.decision())
            messages.success(request, f"The outcome has been recorded: {proceeding.get_outcome_display().lower()}.")
            return redirect(reverse("orders:proceeding_detail", args=[proceeding.id]))
    if request.method == "GET":
        _audit_read(request, order, **context.get("audit", {}))
    return _page(request, "decision.html", order, form=form, heading=heading, back=back, **context)


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_decision(request, proceeding_id: int):
    proceeding = selectors.proceeding_get_for_owner(membership=request.membership, proceeding_id=proceeding_id)
    if proceeding.is_decided or proceeding.kind == ProceedingKind.REVIEW:
        return redirect(reverse("orders:proceeding_detail", args=[proceeding.id]))

    def decide(decision):
        return variations.proceeding_decide(
            proceeding=proceeding, membership=request.membership, decision=decision, today=timezone.localdate()
        )

    return _decision_page(
        request,
        proceeding.order,
        outcomes=variations.outcomes_for(proceeding),
        decide=decide,
        heading=f"Record the outcome: {proceeding.get_kind_display()}",
        back=reverse("orders:proceeding_detail", args=[proceeding.id]),
        proceeding=proceeding,
        audit={"proceeding_id": proceeding.id},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_decision(request, order_id: int, hearing_id: int):
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    hearings = selectors.hearing_list_for_application(application=order.application)
    today = timezone.localdate()
    due = variations.review_hearings_due(order, hearings, today=today)
    hearing = next((h for h in due if h.id == hearing_id), None)
    if hearing is None:
        raise Http404

    def decide(decision):
        return variations.review_decide(
            order=order, hearing=hearing, membership=request.membership, decision=decision, today=today
        )

    return _decision_page(
        request,
        order,
        outcomes=variations.review_outcomes(),
        decide=decide,
        heading="Record the outcome of the review hearing",
        back=reverse("orders:detail", args=[order.id]),
        hearing=hearing,
        audit={"hearing_id": hearing.id},
    )


@login_required
@require_http_methods(["GET", "POST"])
def release_record(request, order_id: int):
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    if not order.deferred_until or order.deferral_ended_on:
        return redirect(reverse("orders:detail", args=[order.id]))
    return _form_page(
        request,
        order,
        ReleaseForm(posted_data(request)),
        save=partial(
            lifecycle.order_deferral_end, order=order, membership=request.membership, today=timezone.localdate()
        ),
        success="The release has been recorded.",
        done=lambda order: reverse("orders:detail", args=[order.id]),
        template="release.html",
        review_needed=lifecycle.review_on_needed(order),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_hearing_new(request, order_id: int):
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    return _form_page(
        request,
        order,
        ProceedingHearingForm(posted_data(request)),
        save=partial(variations.review_hearing_list, order=order, membership=request.membership),
        success="The review hearing has been listed.",
        done=lambda _hearing: reverse("orders:detail", args=[order.id]) + "#proceedings",
        template="review_hearing_new.html",
    )
