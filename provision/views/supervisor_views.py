"""The supervisor's pages: the requirements their organisation supervises, one requirement
with its sessions (generated from the schedule or added one at a time), and the report of a
session. Each reads through provision.supervision (404 for anything the organisation does not
supervise, 403 for a member who is not a supervisor) and logs the read of personal data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcpo.audit.services import audit_read
from kcpo.forms import posted_data, refusal_shown_on
from kcpo.pagination import paginate
from provision import compliance, sessions, supervision
from provision.supervision_forms import AppointmentForm, ComplianceReportForm, GenerateSessionsForm

SESSIONS_PER_PAGE = 10
DEFAULT_WEEKS = 4


@login_required
@require_GET
def requirement_list(request):
    today = timezone.localdate()
    page = paginate(request, supervision.supervised_requirement_list(membership=request.membership, today=today))
    rows = [(requirement, supervision.schedule_text(requirement)) for requirement in page]
    audit_read(
        request,
        object_type="orders.orderprovision",
        details={
            "page": "requirements supervised",
            "requirement_ids": [r.id for r, _s in rows],
            "subject_ids": sorted({r.order.subject_id for r, _s in rows}),
        },
    )
    return render(request, "provision/supervisor/requirement_list.html", {"page": page, "rows": rows})


def _requirement_page(request, requirement, *, form=None):
    """The requirement's page; `form` is the generate form, with its errors after a bad POST."""
    now = timezone.now()
    audit_read(request, obj=requirement, data_subject_id=requirement.order.subject_id)
    first, last = sessions.requirement_days(requirement)
    return render(
        request,
        "provision/supervisor/requirement_detail.html",
        {
            "requirement": requirement,
            "contact": supervision.requirement_contact(requirement=requirement),
            "schedule": supervision.schedule_text(requirement),
            "first_day": first,
            "last_day": last,
            "past": paginate(
                request,
                supervision.past_session_list(requirement=requirement, now=now),
                per_page=SESSIONS_PER_PAGE,
                param="past",
            ),
            "upcoming": paginate(
                request,
                supervision.upcoming_session_list(requirement=requirement, now=now),
                per_page=SESSIONS_PER_PAGE,
                param="upcoming",
            ),
            "form": form or GenerateSessionsForm(initial={"weeks": DEFAULT_WEEKS}),
        },
    )


@login_required
@require_GET
def requirement_detail(request, requirement_id: int):
    requirement = supervision.supervised_requirement_get(
        membership=request.membership, requirement_id=requirement_id, today=timezone.localdate()
    )
    return _requirement_page(request, requirement)


@login_required
@require_POST
def sessions_generate(request, requirement_id: int):
    today = timezone.localdate()
    requirement = supervision.supervised_requirement_get(
        membership=request.membership, requirement_id=requirement_id, today=today
    )
    form = GenerateSessionsForm(request.POST)
    if form.is_valid():
        with refusal_shown_on(form):
            made = sessions.sessions_generate(
                requirement=requirement, membership=request.membership, weeks=form.cleaned_data["weeks"], today=today
            )
            if made:
                messages.success(request, f"{made} session{'s' if made != 1 else ''} added from the schedule.")
            else:
                messages.info(request, "No sessions added: every session in those weeks is already planned.")
            return redirect(reverse("supervision:requirement_detail", args=[requirement.id]))
    return _requirement_page(request, requirement, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def appointment_new(request, requirement_id: int):
    requirement = supervision.supervised_requirement_get(
        membership=request.membership, requirement_id=requirement_id, today=timezone.localdate()
    )
    form = AppointmentForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            sessions.session_add(requirement=requirement, membership=request.membership, **form.cleaned_data)
            messages.success(request, "The appointment has been added.")
            return redirect(reverse("supervision:requirement_detail", args=[requirement.id]))
    if request.method == "GET":
        audit_read(request, obj=requirement, data_subject_id=requirement.order.subject_id)
    return render(request, "provision/supervisor/appointment_new.html", {"requirement": requirement, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request, session_id: int):
    now = timezone.now()
    session = supervision.supervised_session_get(
        membership=request.membership, session_id=session_id, today=timezone.localdate(now)
    )
    requirement = session.requirement
    form = ComplianceReportForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            report = compliance.report_record(
                session=session, membership=request.membership, now=now, **form.cleaned_data
            )
            messages.success(
                request, f"Your report of the session has been recorded: {report.get_attendance_display()}."
            )
            return redirect(reverse("supervision:requirement_detail", args=[requirement.id]))
    if request.method == "GET":
        audit_read(request, obj=session, data_subject_id=requirement.order.subject_id)
    report = getattr(session, "report", None)
    return render(
        request,
        "provision/supervisor/report_new.html",
        {
            "session": session,
            "requirement": requirement,
            "report": report,
            "started": session.starts_at <= now,
            "form": form,
        },
    )
