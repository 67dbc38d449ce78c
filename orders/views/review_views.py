"""The application page (what it proposes, its history, and what the viewer can do next),
the transitions as POST actions, the YOT consultation (s15(5), s20(2)) and the CPS review of
an s19 submission (Appendix E).

Who sees what: the owning force's police see their applications; a CPS lawyer sees what was
submitted to their area; a YOT worker sees only the consultations sent to their YOT, and
is sent there from the application page (orders.models.ApplicationQuerySet)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.selectors import conviction_list_for_subject, occasion_list_for_subject
from documents.selectors import documents_visible
from eligibility.core.dates import age_on
from kcpo.access import POLICE_CASEWORK, require_role
from kcpo.accounts.models import Role
from kcpo.audit.services import audit_read
from kcpo.forms import add_service_errors
from kcpo.pagination import paginate
from orders import court, review, selectors, services
from orders.models import Application, ProvisionComment, YotConsultation
from orders.review_forms import (
    ConsiderationForm,
    ConsultationForm,
    ConsultationReplyForm,
    DeadlinePassedForm,
    ProvisionCommentForm,
    TransitionForm,
)
from orders.workflow import CPS_LAWYERS, TERMINAL, TRANSITIONS, Route, State

DONE_MESSAGES = {
    "submit_for_authorisation": "The application has been sent for authorisation.",
    "authorise": "The application has been authorised.",
    "return_for_changes": "The application has been returned for changes.",
    "submit_to_cps": "The application has been submitted to the CPS.",
    "resubmit_to_cps": "The application has been resubmitted to the CPS.",
    "cps_return": "The submission has been returned to the police.",
    "cps_accept": "The submission has been accepted.",
    "cps_decline": "The submission has been declined.",
    "lay_complaint": "Recorded: the complaint was laid.",
    "withdraw": "The application has been withdrawn.",
    "end_on_acquittal": "Recorded: the application has ended.",
}
TRANSITION_ACTORS = POLICE_CASEWORK | CPS_LAWYERS
# The CPS lawyer's decisions, offered on the review page under the submission.
CPS_DECISIONS = ("cps_accept", "cps_return", "cps_decline")


def _transition_forms(application: Application, membership, *, back_to: str, only=None, failed=None) -> list:
    """A form per transition the viewer could make now; the one that failed keeps its errors."""
    transitions = selectors.application_actions(application=application, membership=membership)
    if only is not None:
        transitions = sorted((t for t in transitions if t.name in only), key=lambda t: only.index(t.name))
    forms = []
    for transition in transitions:
        if failed is not None and failed.transition.name == transition.name:
            forms.append(failed)
        else:
            forms.append(TransitionForm(transition=transition, initial={"back_to": back_to}))
    return forms


# --- the application page -----------------------------------------------------------------


@login_required
@require_GET
def application_detail(request, application_id: int):
    application = selectors.application_get(membership=request.membership, application_id=application_id)
    if request.membership.role == Role.YOT_WORKER:
        # A YOT sees what was relayed to it, not the police's whole application.
        consultation = selectors.consultation_for_yot(application=application, membership=request.membership)
        return redirect("applications:consultation_detail", consultation_id=consultation.id)
    return _render_detail(request, application)


def _render_detail(request, application: Application, *, failed: TransitionForm | None = None):
    membership = request.membership
    audit_read(request, obj=application, data_subject_id=application.case.subject_id)
    subject = application.case.subject
    consultations = list(selectors.application_consultations(application=application))
    police_of_owner = membership.role in POLICE_CASEWORK and membership.organisation_id == application.owner_id
    context = {
        "application": application,
        "subject": subject,
        "age_on_application": age_on(subject.date_of_birth, application.application_date),
        "age_today": age_on(subject.date_of_birth, timezone.localdate()),
        "provisions": selectors.application_provisions(application=application),
        "events": selectors.application_events(application=application).reverse(),
        "consultations": consultations,
        "consultation_required": services.consultation_required(application),
        "consultation_concluded": any(c.is_concluded for c in consultations),
        "transition_forms": _transition_forms(application, membership, back_to="detail", failed=failed),
        "police_of_owner": police_of_owner,
        "can_see_documents": documents_visible(application=application, membership=membership),
        "can_consult": police_of_owner and application.state not in TERMINAL,
        "can_see_review": application.route == Route.S19 and (police_of_owner or membership.role in CPS_LAWYERS),
        "submission_round": review.submission_round(application),
        **_court_context(application, membership, police_of_owner=police_of_owner),
    }
    if failed is not None:
        context["form"] = failed  # base.html shows its errors in the error summary
    return render(request, "orders/review/application_detail.html", context)


def _court_context(application: Application, membership, *, police_of_owner: bool) -> dict:
    """Hearings, orders, service and defendant's notices, for the application page."""
    today = timezone.localdate()
    live = application.state not in TERMINAL
    hearings = list(selectors.hearing_list_for_application(application=application))
    notices = list(selectors.defendant_notice_list(application=application))
    for notice in notices:
        notice.call_witness_due = court.call_witness_notice_due(notice)
    checks = court.service_checks(application, today=today) if live else ()
    can_record_court = police_of_owner and live
    return {
        "hearings": hearings,
        "outcome_due": {h.id for h in hearings if court.outcome_recordable(h, today=today)}
        if can_record_court
        else set(),
        "orders": selectors.order_list_for_application(application=application),
        "service_records": selectors.service_record_list(application=application),
        "service_checks": checks,
        "service_warnings": court.service_warnings(checks),
        "defendant_notices": notices,
        "can_record_court": can_record_court,
        "can_record_service": live and court.may_record_service(application, membership),
    }


@login_required
@require_POST
def application_transition(request, application_id: int, name: str):
    service = review.TRANSITION_SERVICES.get(name)  # submitting to the CPS records what was sent
    if service is None:
        raise Http404
    application = selectors.application_get(
        membership=request.membership, application_id=application_id, roles=TRANSITION_ACTORS
    )
    form = TransitionForm(request.POST, transition=TRANSITIONS[name])
    if form.is_valid():
        try:
            # PermissionDenied (wrong role or organisation for this move) answers 403.
            service(application=application, membership=request.membership, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, DONE_MESSAGES[name])
            page = "cps_review" if form.cleaned_data.get("back_to") == "cps_review" else "detail"
            return redirect(f"applications:{page}", application_id=application.id)
    # Nothing changed: show the page the form came from, with the reasons.
    if form.cleaned_data.get("back_to") == "cps_review" and application.route == Route.S19:
        return _render_cps_review(request, application, failed_transition=form)
    return _render_detail(request, application, failed=form)


# --- YOT consultation ---------------------------------------------------------------------


def _consultation_initial(application: Application) -> dict:
    """What the police already hold, for them to check and edit before sending."""
    subject = application.case.subject
    history = [
        f"Convicted of {c.offence} ({c.offence_date:%-d %B %Y}), {c.get_disposal_display().lower()}"
        if c.convicted_on
        else f"Not yet convicted: {c.offence} ({c.offence_date:%-d %B %Y})"
        for c in conviction_list_for_subject(subject=subject)
    ]
    history += [
        f"{o.occurred_on:%-d %B %Y}: had {o.article} at {o.location} ({o.get_place_display().lower()})"
        for o in occasion_list_for_subject(subject=subject)
    ]
    return {
        "reason_for_application": application.grounds_argument,
        "offending_history": "\n".join(history),
        "hearsay_and_intelligence": "\n".join(
            f"{item.maker}: {item.description}" for item in application.hearsay_items.order_by("id")
        ),
        "proposed_provisions": "\n".join(
            f"{p.label}: {p.wording}" for p in selectors.application_provisions(application=application)
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request, application_id: int):
    application = selectors.application_get_for_owner(membership=request.membership, application_id=application_id)
    if request.method == "POST":
        form = ConsultationForm(request.POST)
    else:
        form = ConsultationForm(initial=_consultation_initial(application))
    if request.method == "POST" and form.is_valid():
        yot = form.cleaned_data["yot"]
        if application.consultations.filter(yot=yot).exists():
            form.add_error("yot", "This youth offending team has already been consulted on this application")
        else:
            try:
                consultation = services.consultation_send(
                    application=application,
                    membership=request.membership,
                    today=timezone.localdate(),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The consultation has been sent to {yot.name}.")
                return redirect("applications:consultation_detail", consultation_id=consultation.id)
    audit_read(request, obj=application, data_subject_id=application.case.subject_id)
    return render(
        request,
        "orders/review/consultation_new.html",
        {"application": application, "subject": application.case.subject, "form": form},
    )


@login_required
@require_GET
def consultation_inbox(request):
    page = paginate(request, selectors.consultation_inbox(membership=request.membership))
    audit_read(
        request,
        object_type="orders.yotconsultation",
        details={"page": "consultation inbox", "consultation_ids": [c.id for c in page]},
    )
    return render(request, "orders/review/consultation_inbox.html", {"page": page, "today": timezone.localdate()})


# POST actions on the consultation page: the form, the service, and the success message.
CONSULTATION_ACTIONS = {
    "reply": (ConsultationReplyForm, "Your reply has been sent to the police."),
    "deadline_passed": (DeadlinePassedForm, "Recorded: the deadline for the reply has passed."),
    "consideration": (ConsiderationForm, "Recorded: how the reply was considered."),
}


def _consultation_act(request, consultation: YotConsultation, action: str, form) -> None:
    membership = request.membership
    if action == "reply":
        services.consultation_reply(consultation=consultation, membership=membership, **form.service_arguments())
    elif action == "deadline_passed":
        services.consultation_record_deadline_passed(
            consultation=consultation, membership=membership, today=timezone.localdate()
        )
    else:
        services.consultation_record_consideration(
            consultation=consultation, membership=membership, consideration=form.cleaned_data["consideration"]
        )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request, consultation_id: int):
    consultation = selectors.consultation_get(membership=request.membership, consultation_id=consultation_id)
    failed = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in CONSULTATION_ACTIONS:
            return HttpResponseBadRequest("Unknown action")
        form_class, done = CONSULTATION_ACTIONS[action]
        form = form_class(request.POST)
        if form.is_valid():
            try:
                _consultation_act(request, consultation, action, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("applications:consultation_detail", consultation_id=consultation.id)
        failed = form
    return _render_consultation(request, consultation, failed=failed)


def _render_consultation(request, consultation: YotConsultation, *, failed=None):
    membership = request.membership
    application = consultation.application
    subject = application.case.subject
    audit_read(request, obj=consultation, data_subject_id=subject.id)
    today = timezone.localdate()
    is_yot = membership.organisation_id == consultation.yot_id
    replied = consultation.replied_at is not None

    def form_for(form_class, **kwargs):
        return failed if isinstance(failed, form_class) else form_class(**kwargs)

    context = {
        "consultation": consultation,
        "application": application,
        "subject": subject,
        "age_on_application": age_on(subject.date_of_birth, application.application_date),
        "is_yot": is_yot,
        "reply_form": form_for(ConsultationReplyForm) if is_yot and not replied else None,
        "deadline_form": (
            form_for(DeadlinePassedForm)
            if not is_yot
            and not replied
            and consultation.deadline_passed_recorded_at is None
            and today > consultation.reply_due_on
            else None
        ),
        "consideration_form": (
            form_for(ConsiderationForm, initial={"consideration": consultation.police_consideration})
            if not is_yot and replied
            else None
        ),
    }
    if failed is not None:
        context["form"] = failed
    return render(request, "orders/review/consultation_detail.html", context)


# --- CPS review ---------------------------------------------------------------------------


@login_required
@require_GET
def cps_inbox(request):
    page = paginate(request, selectors.cps_inbox(membership=request.membership))
    audit_read(
        request,
        object_type="orders.application",
        details={"page": "CPS inbox", "application_ids": [a.id for a in page]},
    )
    return render(request, "orders/review/cps_inbox.html", {"page": page})


@dataclass
class Condition:
    """One condition as submitted, with what the CPS said about it and what changed."""

    content: dict
    comments: list = field(default_factory=list)
    change: review.ProvisionChange | None = None
    form: ProvisionCommentForm | None = None


@login_required
@require_http_methods(["GET", "POST"])
def cps_review(request, application_id: int):
    application = selectors.application_get(
        membership=request.membership, application_id=application_id, roles=TRANSITION_ACTORS
    )
    if application.route != Route.S19:
        raise Http404  # only an application on conviction goes to the CPS
    if request.method == "POST":
        return _comment(request, application)
    return _render_cps_review(request, application)


def _comment(request, application: Application):
    require_role(request.membership, CPS_LAWYERS)
    comment_on = request.POST.get("comment_on", "")
    if comment_on == "general":
        provision, label = None, "Comment on the submission as a whole"
    else:
        provision = application.provisions.filter(pk=comment_on).first() if comment_on.isdigit() else None
        if provision is None:
            raise Http404
        label = f"Your comment on {provision.label}"
    form = ProvisionCommentForm(request.POST, comment_on=comment_on, label=label)
    if form.is_valid():
        try:
            review.provision_comment_add(
                application=application,
                membership=request.membership,
                provision=provision,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your comment on {provision.label if provision else 'the submission'} is saved.")
            anchor = f"condition-{provision.id}" if provision else "general-comments"
            return redirect(reverse("applications:cps_review", args=[application.id]) + f"#{anchor}")
    return _render_cps_review(request, application, failed_comment=form)


def _render_cps_review(request, application: Application, *, failed_transition=None, failed_comment=None):
    membership = request.membership
    audit_read(request, obj=application, data_subject_id=application.case.subject_id)
    submissions = list(selectors.application_submissions(application=application))
    latest = submissions[-1] if submissions else None
    previous = submissions[-2] if len(submissions) > 1 else None
    # Before the first submission the police see what would be sent.
    content = latest.content if latest else review.submission_content(application)
    changes = review.submission_changes(previous.content, latest.content) if previous else None
    reviewing = (
        membership.role in CPS_LAWYERS
        and membership.organisation_id == application.cps_area_id
        and application.state == State.SUBMITTED_TO_CPS
    )

    comments_on: dict[int | None, list[ProvisionComment]] = defaultdict(list)
    for comment in selectors.provision_comment_list(application=application):
        comments_on[comment.provision_id].append(comment)
    changed = {c.id: c for c in changes.provisions} if changes else {}

    def comment_form(comment_on: str, label: str):
        if failed_comment is not None and failed_comment.comment_on == comment_on:
            return failed_comment
        return ProvisionCommentForm(comment_on=comment_on, label=label) if reviewing else None

    conditions = [
        Condition(
            content=p,
            comments=comments_on.pop(p["id"], []),
            change=changed.get(p["id"]),
            form=comment_form(str(p["id"]), f"Your comment on {p['label']}"),
        )
        for p in content["provisions"]
    ]
    context = {
        "application": application,
        "content": content,
        "submission": latest,
        "previous": previous,
        "changes": changes,
        "removed": [c for c in changes.provisions if c.status == "removed"] if changes else [],
        "prohibitions": [c for c in conditions if c.content["kind"] == "prohibition"],
        "requirements": [c for c in conditions if c.content["kind"] == "requirement"],
        # Comments on the submission as a whole, and on conditions since removed.
        "general_comments": [c for comments in comments_on.values() for c in comments],
        "general_form": comment_form("general", "Comment on the submission as a whole"),
        "reviewing": reviewing,
        "decision_forms": (
            _transition_forms(
                application, membership, back_to="cps_review", only=CPS_DECISIONS, failed=failed_transition
            )
            if reviewing
            else []
        ),
    }
    failed = failed_transition or failed_comment
    if failed is not None:
        context["form"] = failed
    return render(request, "orders/review/cps_review.html", context)
