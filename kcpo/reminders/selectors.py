"""Reads for the task list: a member sees their organisation's reminders and nothing else.

Two lists per member ("whose"): the reminders assigned to them, and their team's unassigned
ones. Each splits three ways ("status") by the officer's today: overdue, due, done.
"""

from datetime import date

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kcpo.access import CASE_READERS
from kcpo.accounts.models import Membership
from kcpo.reminders.models import Reminder


class Whose(models.TextChoices):
    MINE = "mine", "Assigned to you"
    TEAM = "team", "Unassigned in your team"


class Status(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    DUE = "due", "Due"
    DONE = "done", "Done"


def _whose_q(membership: Membership, whose: str) -> Q:
    if whose == Whose.MINE:
        return Q(assignee_id=membership.user_id)
    if membership.role not in CASE_READERS:
        # The team's unassigned reminders name the people they are about: only roles that work
        # on cases see them (an administrator or analyst has no case access, DESIGN §1).
        return Q(pk__in=[])
    return Q(assignee__isnull=True)


def _status_q(status: str, today: date) -> Q:
    if status == Status.OVERDUE:
        return Q(done_at__isnull=True, due_on__lt=today)
    if status == Status.DUE:
        return Q(done_at__isnull=True, due_on__gte=today)
    return Q(done_at__isnull=False)


# Overdue: the longest overdue first; due: the soonest first; done: the latest done first.
ORDERING = {
    Status.OVERDUE: ["due_on", "id"],
    Status.DUE: ["due_on", "id"],
    Status.DONE: ["-done_at", "-id"],
}


def reminder_list(*, membership: Membership, whose: str, status: str, today: date) -> QuerySet[Reminder]:
    """One tab of the task list, with what each row shows (the subject's name, who did it)
    joined in, so a page of rows costs one query."""
    return (
        Reminder.objects.filter(organisation_id=membership.organisation_id)
        .filter(_whose_q(membership, whose), _status_q(status, today))
        .select_related("subject", "done_by")
        .order_by(*ORDERING[status])
    )


def reminder_counts(*, membership: Membership, today: date) -> dict[tuple[str, str], int]:
    """{(whose, status): count} for every tab, in one query."""
    rows = Reminder.objects.filter(organisation_id=membership.organisation_id).filter(
        _whose_q(membership, Whose.MINE) | _whose_q(membership, Whose.TEAM)
    )
    keys = [(whose, status) for whose in Whose for status in Status]
    totals = rows.aggregate(
        **{
            f"{whose}_{status}": Count("id", filter=_whose_q(membership, whose) & _status_q(status, today))
            for whose, status in keys
        }
    )
    return {(whose, status): totals[f"{whose}_{status}"] for whose, status in keys}


def reminder_due_count(*, membership: Membership, today: date) -> int:
    """How many open reminders assigned to the member are overdue or due today: the number in
    the "My tasks" navigation label. One COUNT on the (assignee, done_at, due_on) index."""
    return (
        Reminder.objects.open()
        .filter(organisation_id=membership.organisation_id, assignee_id=membership.user_id, due_on__lte=today)
        .count()
    )


def reminder_get(*, membership: Membership | None, reminder_id: int) -> Reminder:
    """The reminder if it is the work of the member's organisation; 404 otherwise, so another
    organisation cannot learn that it exists."""
    if membership is None:
        raise Http404
    try:
        return Reminder.objects.get(pk=reminder_id, organisation_id=membership.organisation_id)
    except Reminder.DoesNotExist as exc:
        raise Http404 from exc
