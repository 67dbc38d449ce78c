"""Compliance and breach pages, for the owning force's police: recording a police check of a
prohibition, recording a suspected breach, and the breach's page with its evidence, the
"more than trivial" assessment for a child, the decision and the court's outcome. The order
page's "Compliance" and "Breaches" sections come from breaches.selectors.order_sections.
What is checked and written is decided in breaches/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from breaches import selectors, services
from breaches.forms import BreachForm, CheckForm, CourtOutcomeForm, DecisionForm
from breaches.models import CHARGES, BreachDecision
from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from orders import selectors as order_selectors


def _audit_order_read(request, order) -> None:
    application = order.application
    audit_read(request, obj=application, data_subject_id=application.case.subject_id, details={"order_id": order.id})


def _order_page(request, template: str, order, **context):
    application = order.application
    return render(
        request,
        f"breaches/{template}",
        {"order": order, "application": application, "subject": application.case.subject, **context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_new(request, order_id: int):
    order = order_selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    form = CheckForm(posted_data(request), prohibitions=selectors.current_prohibitions(order=order))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            services.check_record(order=order, membership=request.membership, now=timezone.now(), **form.values())
            messages.success(request, "The check has been recorded.")
            return redirect(f"{reverse('orders:detail', args=[order.id])}#compliance")
    if request.method == "GET":
        _audit_order_read(request, order)
    return _order_page(request, "check_new.html", order, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def breach_new(request, order_id: int):
    order = order_selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    form = BreachForm(
        posted_data(request),
        provisions=selectors.breachable_provisions(order=order),
        reports=selectors.evidence_reports(order=order),
        checks=selectors.evidence_checks(order=order),
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            breach = services.breach_record(
                order=order, membership=request.membership, today=timezone.localdate(), **form.values()
            )
            messages.success(request, "The suspected breach has been recorded.")
            return redirect(reverse("breaches:detail", args=[breach.id]))
    if request.method == "GET":
        _audit_order_read(request, order)
    return _order_page(request, "breach_new.html", order, form=form)


def _breach(request, breach_id: int):
    return selectors.breach_get_with_evidence(membership=request.membership, breach_id=breach_id)


def _breach_page(request, breach, *, decision_form=None, outcome_form=None):
    """The breach page: what, when, how, the evidence and the records it rests on, the "more
    than trivial" test, then the decision form or the decision, then after a charge the court
    outcome form or the outcome."""
    order = breach.order
    charged = breach.decision in CHARGES
    if not breach.decision and decision_form is None:
        decision_form = DecisionForm(breach=breach, applications=selectors.variation_applications(order=order))
    if charged and not breach.court_outcome and outcome_form is None:
        outcome_form = CourtOutcomeForm()
    shown_with_errors = next((f for f in (decision_form, outcome_form) if f is not None and f.errors), None)
    return _order_page(
        request,
        "breach_detail.html",
        order,
        breach=breach,
        facts=selectors.breach_facts(breach),
        assessment=selectors.triviality_for(breach),
        decision_form=decision_form if not breach.decision else None,
        outcome_form=outcome_form if charged and not breach.court_outcome else None,
        consider_variation=breach.decision == BreachDecision.CONSIDER_VARIATION,
        in_effect=order.ended_on is None or order.ended_on > timezone.localdate(),
        # base.html's error summary reads `form`.
        form=shown_with_errors,
    )


@login_required
@require_GET
def breach_detail(request, breach_id: int):
    breach = _breach(request, breach_id)
    audit_read(request, obj=breach, data_subject_id=breach.order.subject_id, details={"order_id": breach.order_id})
    return _breach_page(request, breach)


@login_required
@require_POST
def breach_decide(request, breach_id: int):
    breach = _breach(request, breach_id)
    if breach.decision:
        messages.info(request, "The decision on this breach was already recorded: nothing was changed.")
        return redirect(reverse("breaches:detail", args=[breach.id]))
    form = DecisionForm(request.POST, breach=breach, applications=selectors.variation_applications(order=breach.order))
    if form.is_valid():
        with refusal_shown_on(form):
            breach = services.breach_decide(
                breach=breach, membership=request.membership, today=timezone.localdate(), **form.values()
            )
            messages.success(request, f"The decision has been recorded: {breach.get_decision_display().lower()}.")
            return redirect(reverse("breaches:detail", args=[breach.id]))
    return _breach_page(request, breach, decision_form=form)


@login_required
@require_POST
def breach_outcome(request, breach_id: int):
    breach = _breach(request, breach_id)
    if breach.decision not in CHARGES or breach.court_outcome:
        messages.info(request, "A court outcome follows a charge, and is recorded once: nothing was changed.")
        return redirect(reverse("breaches:detail", args=[breach.id]))
    form = CourtOutcomeForm(request.POST)
    if form.is_valid():
        with refusal_shown_on(form):
            breach = services.breach_court_outcome(
                breach=breach, membership=request.membership, today=timezone.localdate(), **form.values()
            )
            messages.success(request, f"The court’s outcome has been recorded: {breach.get_court_outcome_display()}.")
            return redirect(reverse("breaches:detail", args=[breach.id]))
    return _breach_page(request, breach, outcome_form=form)
