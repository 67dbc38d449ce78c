"""Writes for reminders that people make: marking one done, and reopening it; and closing the
ones a service has just recorded the work of.

The sweeps that create reminders live in kcpo.reminders.sweeps; the email about a new one in
kcpo.reminders.emails."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation, audit_record
from kcpo.reminders.models import Reminder


def _locked_for(reminder: Reminder, membership: Membership) -> Reminder:
    """The reminder's row, locked, if it is the work of the member's organisation. The views
    have already answered 404 to anyone else (selectors.reminder_get); this is the backstop."""
    locked = (
        Reminder.objects.select_for_update().filter(pk=reminder.pk, organisation_id=membership.organisation_id).first()
    )
    if locked is None:
        raise PermissionDenied("Only the reminder's organisation can change it.")
    return locked


def _audit_change(reminder: Reminder, membership: Membership, change: str) -> None:
    audit_record(
        by=membership.user,
        membership=membership,
        operation=Operation.ALTER,
        obj=reminder,
        data_subject_id=reminder.subject_id,
        details={"change": change, "kind": reminder.kind},
    )


@transaction.atomic
def reminder_mark_done(*, reminder: Reminder, membership: Membership, now: datetime) -> Reminder:
    """Record that the work is done, by whom and when. Marking a done reminder done again
    changes nothing and writes no audit row (two officers pressing the button together:
    the lock makes the second one see the first one's answer)."""
    locked = _locked_for(reminder, membership)
    if locked.done_at is not None:
        return locked
    locked.done_at, locked.done_by = now, membership.user
    locked.save(update_fields=["done_at", "done_by", "updated_at"])
    _audit_change(locked, membership, "marked done")
    return locked


@transaction.atomic
def reminder_reopen(*, reminder: Reminder, membership: Membership) -> Reminder:
    """Put a done reminder back on the list (pressed by mistake, or the work came back).
    Reopening an open one changes nothing and writes no audit row."""
    locked = _locked_for(reminder, membership)
    if locked.done_at is None:
        return locked
    locked.done_at, locked.done_by = None, None
    locked.save(update_fields=["done_at", "done_by", "updated_at"])
    _audit_change(locked, membership, "reopened")
    return locked


def reminders_resolve(*, target, kinds, membership: Membership, due_on=None) -> int:
    """Mark done the open reminders of `kinds` about `target` (optionally only the one due on
    `due_on`) because the work they asked for has just been recorded by `membership`: a service
    that records the work calls this in its own transaction, so the officer does not have to
    tick it off as well. Returns how many it closed. One UPDATE; the recording service's own
    audit row says what was done."""
    reminders = Reminder.objects.open().filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, kind__in=list(kinds)
    )
    if due_on is not None:
        reminders = reminders.filter(due_on=due_on)
    return reminders.update(done_at=timezone.now(), done_by=membership.user, updated_at=timezone.now())
