"""The referral pages. The police refer a requirement of their order to an offer in the
catalogue, follow it on the order's page and on the referral's page, and may withdraw it. The
provider sees the referrals made to it, by state, and accepts, declines (saying why) or records
first contact.

A referral's page is the one both sides see (provision.referrals.referral_get: 404 for any
other organisation, 403 for another role). The provider sees only what the referral gives it:
never the case, the application or the order's page. Every read is written to the audit log."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from kcpo.pagination import paginate
from orders.checks import schedule_windows
from provision import referrals
from provision.catalogue import offer_get_for_referral
from provision.forms import ReferralDeclineForm, ReferralFirstContactForm, ReferralForm, ReferralWithdrawForm
from provision.models import Referral, ReferralState
from provision.views.catalogue_views import offer_row

# The provider's list: one tab per state, new referrals first.
TABS = (
    (ReferralState.SENT, "New"),
    (ReferralState.ACCEPTED, "Accepted"),
    (ReferralState.IN_CONTACT, "In contact"),
    (ReferralState.DECLINED, "Declined"),
    (ReferralState.WITHDRAWN, "Withdrawn"),
)
EMPTY = {
    ReferralState.SENT: "No new referrals are waiting for your answer.",
    ReferralState.ACCEPTED: "No accepted referral is waiting for first contact.",
    ReferralState.IN_CONTACT: "You have not recorded first contact on any referral.",
    ReferralState.DECLINED: "You have not declined any referral.",
    ReferralState.WITHDRAWN: "The police have not withdrawn any referral made to you.",
}


@dataclass(frozen=True)
class Tab:
    text: str
    href: str
    current: bool


def _detail_url(referral: Referral) -> str:
    return reverse("provision:referral_detail", args=[referral.id])


# --- the police: refer a requirement ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request, offer_id: int, requirement_id: int):
    requirement = referrals.requirement_get_for_referral(membership=request.membership, requirement_id=requirement_id)
    offer = offer_get_for_referral(offer_id=offer_id)
    subject = requirement.order.subject
    form = ReferralForm(posted_data(request), initial={"contact_details": referrals.contact_suggestion(subject)})
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            referral = referrals.referral_send(
                by=request.membership,
                requirement=requirement,
                offer=offer,
                on=timezone.localdate(),
                **form.cleaned_data,
            )
            messages.success(request, f"{requirement.label} has been referred to {offer.provider.name}.")
            return redirect(_detail_url(referral))
    if request.method == "GET":
        audit_read(request, obj=requirement, data_subject_id=subject.id, details={"offer_id": offer.id})
    return render(
        request,
        "provision/referrals/referral_new.html",
        {
            "form": form,
            "requirement": requirement,
            "subject": subject,
            "row": offer_row(offer),
            "schedule": [str(window) for window in schedule_windows(requirement.schedule)],
        },
    )


# --- both sides: the referral --------------------------------------------------------------------


@login_required
@require_GET
def referral_detail(request, referral_id: int):
    referral = referrals.referral_get(membership=request.membership, referral_id=referral_id)
    audit_read(request, obj=referral, data_subject_id=referral.subject_id)
    requirement = referral.requirement
    return render(
        request,
        "provision/referrals/referral_detail.html",
        {
            "referral": referral,
            "requirement": requirement,
            "schedule": [str(window) for window in schedule_windows(requirement.schedule)] if requirement else [],
            "is_police": referrals.is_police_side(referral, request.membership),
            "actions": referrals.available_actions(referral, request.membership),
        },
    )


# --- the provider: referrals received and the answers ---------------------------------------------


@login_required
@require_GET
def referral_list(request):
    states = [state for state, _text in TABS]
    state = request.GET.get("state", ReferralState.SENT)
    if state not in states:
        state = ReferralState.SENT
    page = paginate(request, referrals.referral_list_received(membership=request.membership, state=state))
    counts = referrals.referral_counts_received(membership=request.membership)
    base = reverse("provision:referral_list")
    tabs = [Tab(f"{text} ({counts[value]})", f"{base}?state={value}", value == state) for value, text in TABS]
    audit_read(
        request,
        object_type="provision.referral",
        details={
            "page": "referrals received",
            "state": state,
            "referral_ids": [r.id for r in page],
            "subject_ids": sorted({r.subject_id for r in page}),
        },
    )
    return render(
        request,
        "provision/referrals/referral_list.html",
        {"page": page, "tabs": tabs, "state": state, "heading": dict(TABS)[state], "empty": EMPTY[state]},
    )


@login_required
@require_POST
def referral_accept(request, referral_id: int):
    referral = referrals.referral_get(membership=request.membership, referral_id=referral_id, action="accept")
    try:
        referrals.referral_accept(referral=referral, by=request.membership, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You have accepted the referral. Record first contact when you have made it.")
    return redirect(_detail_url(referral))


# The answers that need a form: the form, the page's title (and button), the service, what to say.
ANSWERS = {
    "decline": (
        ReferralDeclineForm,
        "Decline the referral",
        lambda referral, request, data: referrals.referral_decline(
            referral=referral, by=request.membership, on=timezone.localdate(), reason=data["reason"]
        ),
        "You have declined the referral. The police have been told why.",
    ),
    "first_contact": (
        ReferralFirstContactForm,
        "Record first contact",
        lambda referral, request, data: referrals.referral_first_contact(
            referral=referral, by=request.membership, on=data["first_contact_on"], today=timezone.localdate()
        ),
        "First contact has been recorded.",
    ),
    "withdraw": (
        ReferralWithdrawForm,
        "Withdraw the referral",
        lambda referral, request, data: referrals.referral_withdraw(
            referral=referral, by=request.membership, reason=data["reason"]
        ),
        "The referral has been withdrawn. The provider has been told why.",
    ),
}


def _answer(request, referral_id: int, action: str):
    form_class, title, service, done = ANSWERS[action]
    referral = referrals.referral_get(membership=request.membership, referral_id=referral_id, action=action)
    if request.method == "GET" and action not in referrals.available_actions(referral, request.membership):
        # Already answered (or withdrawn) meanwhile: the referral's page says where it is.
        messages.info(request, f"You cannot {referrals.TRANSITIONS[action].doing} now.")
        return redirect(_detail_url(referral))
    form = form_class(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service(referral, request, form.cleaned_data)
            messages.success(request, done)
            return redirect(_detail_url(referral))
    if request.method == "GET":
        audit_read(request, obj=referral, data_subject_id=referral.subject_id, details={"action": action})
    return render(
        request,
        "provision/referrals/referral_answer.html",
        {"referral": referral, "form": form, "title": title, "action": action},
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_decline(request, referral_id: int):
    return _answer(request, referral_id, "decline")


@login_required
@require_http_methods(["GET", "POST"])
def referral_first_contact(request, referral_id: int):
    return _answer(request, referral_id, "first_contact")


@login_required
@require_http_methods(["GET", "POST"])
def referral_withdraw(request, referral_id: int):
    return _answer(request, referral_id, "withdraw")
