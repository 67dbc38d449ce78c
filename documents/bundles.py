"""The court bundle: one indexed, page-numbered PDF of the application's form (Appendix A, or
Appendix B on conviction), the schedule of the subject's occasions, the evidence list, the YOT
consultation record and the eligibility determination with the sections it rests on.

A bundle runs to many pages, so it is not rendered while the officer waits: `bundle_request`
records a BundleJob and, once that commits, queues `bundle_render_task`; the job's progress page
follows its steps. The finished bundle is stored like any issued form (documents.services
.document_store): versioned, hashed, never changed."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from cases.selectors import occasion_list_for_subject
from documents.forms.common import consultation_context, evidence_text, hearsay_text
from documents.models import BundleJob, DocumentKind
from documents.registry import FORMS, FormSpec, document_roles
from documents.rendering import render_pdf
from documents.services import document_store
from eligibility.core.dates import day_text
from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation, audit_record
from orders.drafting import application_determination, evidence_item_list, hearsay_item_list
from orders.models import Application
from orders.selectors import application_consultations
from orders.services import check_actor, locked
from orders.workflow import Route

logger = logging.getLogger(__name__)

TEMPLATE = "documents/bundle.html"
TEMPLATE_VERSION = "bundle/1"
TITLE = "Court bundle"
# What the progress page shows, in order; BundleJob.steps_done counts them.
STEPS = ("Gather the records", "Lay out and number the pages", "Keep the bundle")


def bundle_form(application: Application) -> FormSpec | None:
    """The form the bundle opens with: the complaint (Appendix A) for s14, the notice of
    intention (Appendix B) on conviction."""
    kind = DocumentKind.APPENDIX_B if application.route == Route.S19 else DocumentKind.APPENDIX_A
    spec = FORMS.get(kind.value)
    return spec if spec is not None and spec.applies(application) else None


def bundle_applies(application: Application) -> bool:
    return bundle_form(application) is not None


def _occasion_row(occasion, relied_on: set[str]) -> dict:
    place = occasion.get_place_display()
    if occasion.place_description:
        place = f"{place} ({occasion.place_description})"
    good_reason = occasion.get_good_reason_display() if occasion.good_reason else ""
    if good_reason and occasion.good_reason_details:
        good_reason = f"{good_reason}: {occasion.good_reason_details}"
    return {
        "date": day_text(occasion.occurred_on),
        "place": place,
        "location": occasion.location,
        "article": occasion.article,
        "source": " ".join(filter(None, (occasion.get_source_display(), occasion.source_reference))),
        "outcome": occasion.get_outcome_display() if occasion.outcome else "",
        "good_reason": good_reason,
        "relied_on": str(occasion.id) in relied_on,
    }


def _consultation_record(consultation) -> dict:
    """What the bundle shows of a YOT's reply: its views and suggestions and how the police
    considered them. The child's developmental needs and safeguarding context stay on the
    case: the bundle is served on the defendant and the court."""
    return {
        **consultation_context(consultation),
        "reply_due": day_text(consultation.reply_due_on),
        "suggestions": consultation.suggestions,
        "police_consideration": consultation.police_consideration,
    }


def bundle_context(application: Application) -> dict:
    """Everything the bundle shows, from the records as they stand."""
    application = Application.objects.select_related("case__subject__owner", "owner", "created_by", "conviction").get(
        pk=application.pk
    )
    spec = bundle_form(application)
    subject = application.case.subject
    determination = application_determination(application=application)
    relied_on = set(determination.qualifying_occasions) if determination else set()
    # The form renders as it would on its own, without its page wrapper (documents/base.html).
    form_html = render_to_string(spec.template, {**spec.context(application), "embedded": True, "draft": False})
    return {
        "reference": application.case.reference,
        "route": application.get_route_display(),
        "defendant_name": subject.full_name,
        "date_of_birth": day_text(subject.date_of_birth),
        "force_name": application.owner.name,
        "prepared_on": day_text(timezone.localdate()),
        "form_title": spec.title,
        "form_html": form_html,
        "occasions": [_occasion_row(o, relied_on) for o in occasion_list_for_subject(subject=subject)],
        "evidence": [evidence_text(item) for item in evidence_item_list(application=application)],
        "hearsay": [
            {"text": hearsay_text(item), "reason_not_called": item.reason_not_called}
            for item in hearsay_item_list(application=application)
        ],
        "consultations": [_consultation_record(c) for c in application_consultations(application=application)],
        "determination": determination,
        "determined_on": day_text(application.application_date),
    }


def _audit(job: BundleJob, reason: str, **details) -> None:
    audit_record(
        by=job.requested_by.user,
        membership=job.requested_by,
        operation=Operation.COLLECT,
        obj=job.application,
        data_subject_id=job.application.case.subject_id,
        reason=reason,
        details={"bundle_job_id": job.id, **details},
    )


@transaction.atomic
def bundle_request(*, application: Application, membership: Membership) -> BundleJob:
    """Ask for the application's bundle. A bundle already being prepared is joined, not
    started again (a double press makes one bundle). The render is queued after commit, so
    the worker always finds the job."""
    current = locked(application.pk)
    check_actor(current, membership, document_roles(current))
    if not bundle_applies(current):
        raise ValidationError(f"No court bundle can be made for {current.get_route_display().lower()} yet.")
    unfinished = current.bundle_jobs.filter(status__in=[BundleJob.Status.QUEUED, BundleJob.Status.RENDERING]).first()
    if unfinished is not None:
        return unfinished
    job = BundleJob.objects.create(application=current, requested_by=membership)
    _audit(job, "Court bundle requested")
    transaction.on_commit(lambda: _render_queue(job_id=job.id))
    return job


def _render_queue(*, job_id: int) -> None:
    """Queue the job's render. With the broker (Redis) down it cannot be queued, and nothing
    would ever run it: end the job at once, so that its page says it failed (the officer asks
    again) instead of waiting for ever, and the request does not fail with a server error
    after the job was committed."""
    from documents.tasks import bundle_render_task  # the task module imports this one

    try:
        bundle_render_task.delay(job_id=job_id)
    except BrokerError:
        logger.warning("The broker is unavailable: court bundle job %s could not be queued and has failed", job_id)
        bundle_fail(job_id=job_id)


def _advance(job_id: int, **fields) -> BundleJob | None:
    """Move the job on, in its own short transaction so the progress page sees each step.
    None if the job has already finished (a redelivered task)."""
    with transaction.atomic():
        job = BundleJob.objects.select_for_update().select_related("application__case").get(pk=job_id)
        if job.is_finished:
            return None
        for name, value in fields.items():
            setattr(job, name, value)
        job.save(update_fields=list(fields))
        return job


def bundle_render(*, job_id: int) -> None:
    """Render and keep the bundle of one job. Safe to run twice (acks_late redelivers the task
    of a worker that died): a finished job is left alone, and the document is stored in the
    same transaction that marks the job done, so a bundle is never kept twice for one job."""
    job = _advance(job_id, status=BundleJob.Status.RENDERING, steps_done=0)
    if job is None:
        return
    context = bundle_context(job.application)
    _advance(job_id, steps_done=1)
    pdf = render_pdf(TEMPLATE, context, draft=False, title=f"{TITLE}: {context['reference']}")
    _advance(job_id, steps_done=2)
    with transaction.atomic():
        application = locked(job.application_id)
        job = BundleJob.objects.select_for_update().select_related("requested_by__user").get(pk=job_id)
        if job.is_finished:
            return
        job.application = application
        document = document_store(
            application=application,
            kind=DocumentKind.BUNDLE,
            template_version=TEMPLATE_VERSION,
            pdf=pdf,
            membership=job.requested_by,
        )
        job.document, job.status, job.steps_done, job.finished_at = document, BundleJob.Status.DONE, 3, timezone.now()
        job.save(update_fields=["document", "status", "steps_done", "finished_at"])


def bundle_fail(*, job_id: int) -> None:
    """End a job whose render raised, so its page says so rather than waiting for ever."""
    job = _advance(job_id, status=BundleJob.Status.FAILED, finished_at=timezone.now())
    if job is not None:
        _audit(job, "Court bundle failed")
