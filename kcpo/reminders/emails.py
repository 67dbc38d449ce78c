"""The email an officer gets when a reminder assigned to them is created.

It names no one: subjects are often children, and email leaves the service's audit trail
and access controls. It says what kind of work is due and when, and links to the page where
the officer signs in to see who it is about. Not even the reminder's title goes in, since the
sweep that wrote it may have put a name there."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eligibility.core.dates import day_text
from kcpo.accounts.models import Membership
from kcpo.reminders.models import Reminder

BODY_TEMPLATE = "reminders/email/new_reminder.txt"


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def _should_email(reminder: Reminder) -> bool:
    if reminder.emailed_at is not None or reminder.done_at is not None:
        return False
    assignee = reminder.assignee
    if assignee is None or not assignee.is_active or not assignee.email:
        return False
    # An officer who has left the team (or whose team is closed) gets nothing about its work.
    return Membership.objects.active().filter(user_id=assignee.id, organisation_id=reminder.organisation_id).exists()


def reminder_email_send(*, reminder_id: int) -> bool:
    """Email the reminder's assignee once; True if an email was sent now.

    Safe to call twice, or from two workers at once: the row lock makes the second caller
    wait, then see `emailed_at` and send nothing. The email goes out before the commit, so a
    failure to send rolls back and a retry sends it; a crash between sending and committing
    could send it twice, which we prefer to never sending it."""
    with transaction.atomic():
        # of=("self",): lock the reminder only; PostgreSQL cannot lock the nullable side of
        # the outer join to the assignee, and needs not.
        reminder = (
            Reminder.objects.select_for_update(of=("self",)).select_related("assignee").filter(pk=reminder_id).first()
        )
        if reminder is None or not _should_email(reminder):
            return False
        kind = reminder.get_kind_display()
        body = render_to_string(
            BODY_TEMPLATE,
            {
                "kind": kind,
                "due": day_text(reminder.due_on),
                "url": _absolute(reminder.link),
                "tasks_url": _absolute(reverse("reminders:my_tasks")),
            },
        )
        send_mail(f"KCPO task: {kind}", body, settings.DEFAULT_FROM_EMAIL, [reminder.assignee.email])
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at", "updated_at"])
        return True
