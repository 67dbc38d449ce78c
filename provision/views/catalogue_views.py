"""The catalogue pages. For a provider's members: their offers, and adding, changing and
withdrawing one. For the police casework roles: searching the catalogue, on its own (when
drafting, to find a supervisor) or for one requirement of an order (to refer it).

Scoping goes through provision.catalogue (a provider's own offers: 404 for another's, 403
for a role that may not manage them) and provision.referrals (a requirement of the force's
own order). Every page read is written to the audit log."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from eligibility.core.dates import age_on
from kcpo.access import POLICE_CASEWORK, require_role
from kcpo.areas import area_label
from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from kcpo.pagination import paginate
from orders.checks import schedule_windows
from orders.models import Application, Provision
from orders.selectors import application_get_for_owner
from orders.workflow import EDITABLE
from provision import catalogue
from provision.forms import CatalogueSearchForm, OfferForm
from provision.models import REQUIREMENT_CATEGORY_CHOICES, Offer
from provision.referrals import requirement_get_for_referral

CATEGORY_LABELS = dict(REQUIREMENT_CATEGORY_CHOICES)
FILTER_NAMES = ("category", "area", "age", "supervisors_only")


@dataclass(frozen=True)
class OfferRow:
    """An offer with what its row shows, in words."""

    offer: Offer
    categories: list[str]
    areas: list[str]
    times: list[str]
    # Picking a supervisor for a draft requirement: the link that names this offer's provider.
    pick_href: str = ""


def offer_row(offer: Offer, draft: "DraftTarget | None" = None) -> OfferRow:
    return OfferRow(
        offer=offer,
        categories=[CATEGORY_LABELS.get(c, c) for c in offer.categories],
        areas=[area_label(a) for a in offer.areas],
        times=[str(window) for window in schedule_windows(offer.schedule)],
        pick_href=draft.pick_href(offer) if draft is not None and offer.accepts_supervisor_duty else "",
    )


def _audit_offers(request, rows: list[OfferRow], page: str, *, data_subject_id: int | None = None, **details) -> None:
    audit_read(
        request,
        object_type="provision.offer",
        data_subject_id=data_subject_id,
        details={"page": page, "offer_ids": [row.offer.id for row in rows], **details},
    )


# --- a provider's own offers ------------------------------------------------------------------


@login_required
@require_GET
def offer_list(request):
    page = paginate(request, catalogue.offer_list_for_provider(membership=request.membership))
    rows = [offer_row(offer) for offer in page]
    _audit_offers(request, rows, "our offers")
    return render(request, "provision/catalogue/offer_list.html", {"page": page, "rows": rows})


def _offer_page(request, offer: Offer | None):
    form = OfferForm(posted_data(request), offer=offer)
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            if offer is None:
                saved = catalogue.offer_create(by=request.membership, **form.changes())
                messages.success(request, f"{saved.name} has been added to the catalogue.")
            else:
                saved = catalogue.offer_update(offer=offer, by=request.membership, **form.changes())
                messages.success(request, f"{saved.name} has been saved.")
            return redirect("provision:offer_list")
    if offer is not None and request.method == "GET":
        audit_read(request, obj=offer)
    return render(request, "provision/catalogue/offer_form.html", {"offer": offer, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request):
    catalogue.require_provider_member(request.membership)
    return _offer_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, offer_id: int):
    offer = catalogue.offer_get_for_provider(membership=request.membership, offer_id=offer_id)
    return _offer_page(request, offer)


@login_required
@require_http_methods(["GET", "POST"])
def offer_deactivate(request, offer_id: int):
    offer = catalogue.offer_get_for_provider(membership=request.membership, offer_id=offer_id)
    if request.method == "POST":
        catalogue.offer_deactivate(offer=offer, by=request.membership)
        messages.success(request, f"{offer.name} has been taken out of the catalogue.")
        return redirect("provision:offer_list")
    audit_read(request, obj=offer)
    return render(request, "provision/catalogue/offer_deactivate.html", {"offer": offer})


# --- the police's search --------------------------------------------------------------------------


def _for_requirement(requirement, today: date) -> dict:
    """The filters a requirement suggests: its kind of requirement, where the young person
    lives and how old they are today."""
    subject = requirement.order.subject
    return {
        "category": requirement.category if requirement.category in CATEGORY_LABELS else "",
        "area": subject.local_authority,
        "age": str(age_on(subject.date_of_birth, today)),
    }


def _id_param(request, name: str) -> int:
    """A positive id from the query string; 0 (never an id) when it is not a number."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else 0


@dataclass(frozen=True)
class DraftTarget:
    """The draft requirement a supervisor is being picked for: `?draft=<application id>` (and
    `&provision=<id>` when changing one), from the provision form."""

    application: Application
    provision: Provision | None

    @property
    def form_href(self) -> str:
        """The provision form the officer came from."""
        if self.provision is None:
            return reverse("applications:provision_new", args=[self.application.id])
        return reverse("applications:provision_edit", args=[self.application.id, self.provision.id])

    def pick_href(self, offer: Offer) -> str:
        """The provision form, with the offer's provider chosen as supervisor (not yet saved)."""
        return f"{self.form_href}?{urlencode({'supervisor': offer.provider_id})}"


def _draft_target(request) -> DraftTarget | None:
    """The draft the officer is picking a supervisor for, if any: an application of their
    force's that can still be changed (404 for another organisation's, 403 for a role that may
    not draft, as the drafting pages answer), and one of its provisions if named."""
    if "draft" not in request.GET:
        return None
    application = application_get_for_owner(membership=request.membership, application_id=_id_param(request, "draft"))
    if application.state not in EDITABLE:
        raise PermissionDenied("The application cannot be changed now.")
    provision = None
    if "provision" in request.GET:
        provision = application.provisions.filter(pk=_id_param(request, "provision")).first()
        if provision is None:
            raise Http404
    return DraftTarget(application=application, provision=provision)


def _clear_query(requirement, draft: DraftTarget | None) -> str:
    """The query string that clears the filters but keeps what the search is for."""
    if requirement is not None:
        return f"?requirement={requirement.id}&category="
    if draft is not None:
        keep = {"draft": draft.application.id, "supervisors_only": "yes"}
        if draft.provision is not None:
            keep["provision"] = draft.provision.id
        return f"?{urlencode(keep)}"
    return ""


@login_required
@require_GET
def catalogue_search(request):
    """The catalogue, filtered by GET. With `?requirement=<id>` (a requirement of one of the
    force's orders, from the order page) each result can be referred, and until the officer
    filters, the filters start from the requirement. With `?draft=<application id>` (from the
    provision form) each result that takes the s22(5) duty can be named as the supervisor."""
    requirement = None
    draft = _draft_target(request)
    if request.GET.get("requirement"):
        requirement = requirement_get_for_referral(
            membership=request.membership, requirement_id=_id_param(request, "requirement")
        )
    else:
        require_role(request.membership, POLICE_CASEWORK)
    filtered = any(name in request.GET for name in FILTER_NAMES)
    data = request.GET if filtered or requirement is None else _for_requirement(requirement, timezone.localdate())
    form = CatalogueSearchForm(data)
    offers = catalogue.offer_search(**form.filters()) if form.is_valid() else Offer.objects.none()
    page = paginate(request, offers)
    rows = [offer_row(offer, draft) for offer in page]
    _audit_offers(
        request,
        rows,
        "catalogue",
        filters={name: form.data.get(name, "") for name in FILTER_NAMES if name != "supervisors_only"},
        # For a requirement the page names the young person: a consultation of their data.
        data_subject_id=requirement.order.subject_id if requirement else None,
        requirement_id=requirement.id if requirement else None,
        application_id=draft.application.id if draft else None,
    )
    return render(
        request,
        "provision/catalogue/search.html",
        {
            "form": form if form.errors else None,
            "search_form": form,
            "page": page,
            "rows": rows,
            "requirement": requirement,
            "draft": draft,
            "clear_href": reverse("provision:catalogue") + _clear_query(requirement, draft),
        },
    )
