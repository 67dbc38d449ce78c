"""The order pages, for the owning force's police: an order as it stands (provisions in force
today, what ends when, the next hearing, the defendant's s24 notifications, its history) and
recording a notification. What is checked and written is decided in orders/lifecycle.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from breaches import selectors as breach_selectors
from eligibility.core.dates import day_text
from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from orders import lifecycle, selectors, variations
from orders.models import ProceedingKind
from orders.order_forms import NotificationForm, PncForm
from provision.referrals import referral_list_for_order

PROVISION_STATE_TEXT = {
    lifecycle.ProvisionState.WAITING: "Not in force yet: the order has not taken effect",
    lifecycle.ProvisionState.ENDED_WITH_ORDER: "Ended with the order on {day}",
    lifecycle.ProvisionState.NOT_YET: "In force from {day}",
    lifecycle.ProvisionState.ENDED: "Ended on {day}",
    lifecycle.ProvisionState.IN_FORCE: "In force today",
}


def _provision_state(provision, order, today) -> str:
    state, day = lifecycle.provision_state(provision, order, on=today)
    return PROVISION_STATE_TEXT[state].format(day=day_text(day) if day else "")


def _history(order, proceedings) -> list[tuple[object, str]]:
    """What happened to the order, in order: made, took effect, replaced, each review,
    application and appeal and what the court decided, ended."""
    events = [(order.made_on, f"Made by {order.court.name if order.court else 'the court'} ({order.court_reference})")]
    if order.replaces_id:
        events.append((order.made_on, f"Replaced the order made on {day_text(order.replaces.made_on)}"))
    if order.deferral_ended_on:
        events.append((order.deferral_ended_on, f"The defendant {order.get_deferred_until_display()}"))
    if order.takes_effect_on:
        events.append((order.takes_effect_on, "Took effect"))
    for proceeding in proceedings:
        if proceeding.kind != ProceedingKind.REVIEW:
            made_by = f" by {proceeding.get_applicant_display().lower()}" if proceeding.applicant else ""
            events.append((proceeding.made_on, f"{proceeding.get_kind_display()}{made_by}"))
        if proceeding.is_decided:
            decided = f"{proceeding.get_kind_display()}: {proceeding.get_outcome_display()}"
            events.append((proceeding.decided_on, decided))
    if order.ended_on:
        events.append((order.ended_on, f"Ended: {order.end_reason or 'no reason recorded'}"))
    return sorted(events, key=lambda event: event[0])


@login_required
@require_GET
def order_detail(request, order_id: int):
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    application = order.application
    audit_read(request, obj=application, data_subject_id=application.case.subject_id, details={"order_id": order.id})
    today = timezone.localdate()
    provisions = [(p, _provision_state(p, order, today)) for p in selectors.order_provision_list(order=order)]
    ending = sorted(
        (p for p, _state in provisions if p.ends_on and (order.ends_on is None or p.ends_on < order.ends_on)),
        key=lambda p: (p.ends_on, p.number),
    )
    hearings = list(selectors.hearing_list_for_application(application=application))
    proceedings = list(selectors.proceeding_list(order=order))
    decided_hearings = {p.hearing_id for p in proceedings if p.is_decided}
    upcoming = [h for h in hearings if h.date >= today and not h.outcome and h.id not in decided_hearings]
    notifications = list(selectors.notification_list(order=order))
    return render(
        request,
        "orders/order/order_detail.html",
        {
            "order": order,
            "application": application,
            "subject": application.case.subject,
            "provisions": provisions,
            "ending": ending,
            "next_hearing": upcoming[0] if upcoming else None,
            "notifications": notifications,
            "notification_checks": lifecycle.notification_checks(order, notifications, today=today),
            "history": _history(order, proceedings),
            "proceedings": proceedings,
            "reviews_due": variations.review_hearings_due(order, hearings, today=today),
            "in_effect": order.ended_on is None or order.ended_on > today,
            "referrals": referral_list_for_order(order=order),
            "breach_sections": breach_selectors.order_sections(order=order, request=request, today=today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_new(request, order_id: int):
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    application = order.application
    form = NotificationForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            lifecycle.notification_record(
                order=order, membership=request.membership, today=timezone.localdate(), **form.cleaned_data
            )
            messages.success(request, "The notification has been recorded.")
            return redirect(f"{reverse('orders:detail', args=[order.id])}#notifications")
    if request.method == "GET":
        audit_read(
            request, obj=application, data_subject_id=application.case.subject_id, details={"order_id": order.id}
        )
    return render(
        request,
        "orders/order/notification_new.html",
        {"order": order, "application": application, "subject": application.case.subject, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pnc_edit(request, order_id: int):
    order = selectors.order_get_for_owner(membership=request.membership, order_id=order_id)
    application = order.application
    form = PncForm(posted_data(request), initial={"sent_on": order.pnc_sent_on, "uploaded_on": order.pnc_uploaded_on})
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            lifecycle.order_pnc_record(
                order=order, membership=request.membership, today=timezone.localdate(), **form.cleaned_data
            )
            messages.success(request, "The PNC dates have been recorded.")
            return redirect(reverse("orders:detail", args=[order.id]))
    if request.method == "GET":
        audit_read(
            request, obj=application, data_subject_id=application.case.subject_id, details={"order_id": order.id}
        )
    return render(
        request,
        "orders/order/pnc_edit.html",
        {"order": order, "application": application, "subject": application.case.subject, "form": form},
    )
