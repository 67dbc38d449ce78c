"""Run one reminder sweep now, in this process, and print what it did.

The same sweep beat runs every 15 minutes (kcpo.reminders.tasks.sweep_task): for `make run`,
which has no beat, and for an operator catching up by hand. Safe to run at any time.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kcpo.reminders.sweeps import sweep
from kcpo.reminders.tasks import reminder_emails_queue


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = "Create the reminders that are due (idempotent) and print the counts."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=_day, help="Sweep as of this day (YYYY-MM-DD); default: today")
        parser.add_argument(
            "--email",
            action="store_true",
            help="Also queue the emails of reminders not yet emailed, as beat's sweep does",
        )

    def handle(self, *args, today: date | None = None, email: bool = False, **options):
        day = today or timezone.localdate()
        result = sweep(day)
        self.stdout.write(f"Sweep for {day.isoformat()}")
        for line in result.lines():
            self.stdout.write(f"  {line}")
        if email:
            self.stdout.write(f"  Emails queued: {reminder_emails_queue()}")
        if result.failed:
            raise CommandError(f"Some finders failed: {', '.join(result.failed)} (see the log)")
