"""Celery tasks for documents. Each takes ids and calls one service."""

import logging

from celery import shared_task

from documents.bundles import bundle_fail, bundle_render

logger = logging.getLogger(__name__)


# Idempotent (below), so acknowledged late and redelivered if its worker dies (kcpo.celery).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def bundle_render_task(*, job_id: int) -> None:
    """Render one court bundle. Idempotent (documents.bundles.bundle_render leaves a finished
    job alone and stores the bundle in the transaction that finishes the job), so a task
    redelivered after its worker died is safe to run again."""
    try:
        bundle_render(job_id=job_id)
    except Exception:
        # End the job so the officer sees it failed, instead of a page that waits for ever.
        logger.exception("Court bundle job %s failed", job_id)
        bundle_fail(job_id=job_id)
