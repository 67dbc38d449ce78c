"""Celery tasks for cases. Each takes ids, loads nothing itself and calls one service."""

import logging
from datetime import date

from celery import shared_task

from cases.imports import occasion_import_fail, occasion_import_run

logger = logging.getLogger(__name__)


# Idempotent (below), so acknowledged late and redelivered if its worker dies (kcpo.celery).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def occasion_import_run_task(*, import_id: int, today: str) -> None:
    """Check and import one uploaded file. Safe to deliver twice (acks_late redelivers the job
    of a worker that died): the service does nothing for a finished import, and writes under
    a lock on the import's row. `today` is the upload's date, ISO format."""
    try:
        occasion_import_run(import_id=import_id, today=date.fromisoformat(today))
    except Exception:
        # Nothing was written (the writing transaction rolled back). End the job, so the
        # officer sees that it failed rather than a page that refreshes for ever.
        logger.exception("Occasion import %s failed", import_id)
        occasion_import_fail(import_id=import_id)
