"""Celery tasks for reminders: the sweep (run by beat every 15 minutes, kcpo/reminders/
migrations/0002) and the email about one reminder. Both are idempotent, so both are
acknowledged only once done and redelivered if their worker dies (kcpo.celery.IDEMPOTENT_TASKS).
"""

import logging
from datetime import date
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from kcpo.reminders.emails import reminder_email_send
from kcpo.reminders.sweeps import reminder_ids_to_email, sweep

logger = logging.getLogger(__name__)

# The database went away, failed over, or a statement hit a deadlock or serialisation failure:
# worth trying again shortly. Anything else is a bug, logged and left to the next run.
DATABASE_GONE = (OperationalError, InterfaceError)


def _within_visibility(seconds: int) -> int:
    """A retry waits in a worker, unacknowledged, for its countdown: keep the longest wait to
    half the broker's visibility timeout, or Redis would deliver it to a second worker too."""
    return min(seconds, settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] // 2)


class SweepIncomplete(Exception):
    """A finder raised; the others ran and their reminders were created (see the log)."""


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_GONE,
    # 5, 10, 20, 40, 80 s (each a random part of that, so workers don't retry in step): about
    # 2.5 minutes to ride out a database restart, well inside the next beat run.
    retry_backoff=5,
    retry_backoff_max=_within_visibility(120),
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=settings.REMINDER_SWEEP_SOFT_TIME_LIMIT,
    time_limit=settings.REMINDER_SWEEP_TIME_LIMIT,
)
def sweep_task(today: str | None = None) -> None:
    """Run one sweep for `today` (ISO date; the local date when the task runs if not given),
    then queue an email for every reminder not yet emailed.

    Idempotent (kcpo.reminders.sweeps.sweep): redelivered after its worker was killed part way,
    it ends no order twice and creates only the reminders the first run did not reach. The
    emails are queued after commit, and include any whose message was lost before."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    result = sweep(day)
    for line in result.lines():
        logger.info("Sweep %s: %s", day, line)
    reminder_emails_queue()
    if result.failed:
        raise SweepIncomplete(f"Finders failed on {day}: {', '.join(result.failed)}")


def reminder_emails_queue() -> int:
    """Queue the email task for each reminder waiting for its email, once the current
    transaction (if any) commits. Returns how many were queued. A broker that is down stops
    the queuing without failing the sweep: the reminders are safe in PostgreSQL and the next
    sweep queues their emails."""
    queued = 0
    try:
        for reminder_id in reminder_ids_to_email():
            reminder_email_task.delay_on_commit(reminder_id=reminder_id)
            queued += 1
    except BrokerError:
        logger.warning("The broker is unavailable: %s reminder emails queued, the rest wait for the next sweep", queued)
    return queued


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(*DATABASE_GONE, SMTPException, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=_within_visibility(600),
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=60,
    time_limit=90,
)
def reminder_email_task(*, reminder_id: int) -> None:
    """Email one reminder to its assignee. Idempotent (kcpo.reminders.emails.reminder_email_send
    locks the reminder and sends nothing once it is marked emailed), so queued twice, or
    redelivered after a worker died, it sends one email; only a worker dying between sending
    and committing could send a second, which beats sending none."""
    reminder_email_send(reminder_id=reminder_id)
