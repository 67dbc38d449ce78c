"""Subject search, recording a person (likely duplicates shown first), the subject page,
and the forms that add occasions, convictions and cases to a person's record."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cases.forms import ConvictionForm, OccasionForm, SubjectForm, SubjectSearchForm
from cases.selectors import (
    conviction_list_for_subject,
    occasion_list_for_subject,
    owner_casework,
    subject_cases,
    subject_get,
    subject_get_for_recording,
    subject_likely_duplicates,
    subject_search,
)
from cases.services import case_open, conviction_record, occasion_record, subject_create
from cases.timeline import timeline_context
from eligibility.services import subject_s14_determination
from kcpo.access import CASE_READERS, POLICE_CASEWORK, require_role
from kcpo.audit.services import audit_read
from kcpo.forms import add_service_errors
from kcpo.pagination import paginate


@login_required
def subject_search_view(request):
    require_role(request.membership, CASE_READERS)
    form = SubjectSearchForm(request.GET or None)
    page = None
    if form.is_valid():
        subjects = subject_search(
            membership=request.membership,
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
        page = paginate(request, subjects)
        audit_read(
            request,
            object_type="cases.subject",
            details={
                "page": "subject search",
                "searched_for": {
                    "name": form.cleaned_data["name"],
                    "date_of_birth": str(form.cleaned_data["date_of_birth"] or ""),
                },
                "subject_ids": [s.id for s in page],
            },
        )
    return render(
        request,
        "cases/subject_search.html",
        {"form": form, "page": page, "can_record": request.membership.role in POLICE_CASEWORK},
    )


@login_required
@require_http_methods(["GET", "POST"])
def subject_new(request):
    membership = require_role(request.membership, POLICE_CASEWORK)
    form = SubjectForm(request.POST or None, force=membership.organisation)
    matches = None
    if request.method == "POST" and form.is_valid():
        matches = list(
            subject_likely_duplicates(
                owner=membership.organisation,
                given_names=form.cleaned_data["given_names"],
                family_name=form.cleaned_data["family_name"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                aliases=form.alias_list(),
            )
        )
        if matches and form.cleaned_data["checked_for"] != form.identity():
            # Show the likely matches first; submitting again unchanged creates the record.
            form.data = form.data.copy()
            form.data["checked_for"] = form.identity()
            audit_read(
                request,
                object_type="cases.subject",
                details={"page": "likely duplicates", "subject_ids": [s.id for s in matches]},
            )
        else:
            try:
                subject = subject_create(
                    owner=membership.organisation,
                    by=request.user,
                    membership=membership,
                    aliases=form.alias_list(),
                    today=timezone.localdate(),
                    **form.record(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{subject.full_name} has been recorded.")
                return redirect("subjects:detail", subject_id=subject.id)
    return render(request, "cases/subject_new.html", {"form": form, "matches": matches})


# The timeline uses "page"; occasions, on the same page, have their own.
OCCASIONS_PAGE_PARAM = "occasions_page"


def subject_record_context(request, *, subject) -> dict:
    """What both the subject page and the case page show of a person's record: a page of
    their occasions (templates/cases/_occasions.html), the s14 determination today, and a
    page of their timeline (templates/cases/_timeline.html).

    Occasions are paginated, since an import can add thousands to one person; the
    determination still weighs them all."""
    today = timezone.localdate()
    return {
        "today": today,
        "occasions": paginate(request, occasion_list_for_subject(subject=subject), param=OCCASIONS_PAGE_PARAM),
        "determination": subject_s14_determination(subject=subject, on=today),
        **timeline_context(request, subject_id=subject.id),
    }


@login_required
def subject_detail(request, subject_id: int):
    subject = subject_get(membership=request.membership, subject_id=subject_id)
    audit_read(request, obj=subject, data_subject_id=subject.id)
    return render(
        request,
        "cases/subject_detail.html",
        {
            "subject": subject,
            # Not paginated: a person's cases and convictions are casework and court events, a
            # handful each, never a bulk import; each list is one query however long it is.
            "cases": subject_cases(membership=request.membership, subject=subject),
            "convictions": conviction_list_for_subject(subject=subject),
            "can_record": owner_casework(membership=request.membership, owner_id=subject.owner_id),
            **subject_record_context(request, subject=subject),
        },
    )


@dataclass(frozen=True)
class RecordPage:
    """A page that adds one kind of record to a person: its form, its service, its words."""

    form_class: type
    service: Callable
    heading: str
    button: str
    done: str


OCCASION_PAGE = RecordPage(
    OccasionForm,
    occasion_record,
    "Record an occasion with a bladed article",
    "Save occasion",
    "The occasion has been recorded.",
)
CONVICTION_PAGE = RecordPage(
    ConvictionForm, conviction_record, "Record a conviction", "Save conviction", "The conviction has been recorded."
)


def _record_page(request, subject_id: int, page: RecordPage):
    subject = subject_get_for_recording(membership=request.membership, subject_id=subject_id)
    form = page.form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page.service(
                subject=subject,
                today=timezone.localdate(),
                by=request.user,
                membership=request.membership,
                **form.record(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, page.done)
            return redirect("subjects:detail", subject_id=subject.id)
    audit_read(request, obj=subject, data_subject_id=subject.id)
    return render(
        request,
        "cases/subject_record_form.html",
        {"subject": subject, "form": form, "heading": page.heading, "button": page.button},
    )


@login_required
@require_http_methods(["GET", "POST"])
def occasion_new(request, subject_id: int):
    return _record_page(request, subject_id, OCCASION_PAGE)


@login_required
@require_http_methods(["GET", "POST"])
def conviction_new(request, subject_id: int):
    return _record_page(request, subject_id, CONVICTION_PAGE)


@login_required
@require_POST
def case_new(request, subject_id: int):
    subject = subject_get_for_recording(membership=request.membership, subject_id=subject_id)
    case = case_open(subject=subject, lead_officer=request.user, by=request.user, membership=request.membership)
    messages.success(request, f"Case {case.reference} opened with you as lead officer.")
    return redirect("cases:detail", case_id=case.id)
