"""The sweeps: find the work that is due from the records themselves and make a reminder of it.

PostgreSQL is the source of truth for every deadline (DESIGN §5). A *finder* is a plain
function `(today) -> Iterable[Due]` registered for one ReminderKind with `@finder(kind)`; it
reads the records in a bounded number of queries (no query per row: the whole country's orders
pass through it) and yields what is due. `sweep(today)` runs every finder and inserts what they
found with INSERT … ON CONFLICT DO NOTHING on the reminders' unique key (object, kind, due
date), in batches. So a sweep that runs twice, runs alongside another, or is redelivered after
its worker died part way creates each reminder exactly once: the database decides, not a
check-then-insert.

Finders live next to the records they read, in each app's `reminders.py`, listed in
FINDER_MODULES below (explicit, so a module cannot be left out by accident of import order).
A kind no finder is registered for is simply not swept yet.
"""

import importlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.db.models import Case, Count, Exists, F, Model, OuterRef, When
from django.utils import timezone

from kcpo.accounts.models import Membership
from kcpo.reminders.lead_times import LEAD_TIMES
from kcpo.reminders.models import Reminder, ReminderKind

logger = logging.getLogger(__name__)

# The modules whose @finder functions the sweep runs.
FINDER_MODULES = ("orders.reminders", "cases.reminders", "provision.compliance_reminders", "provision.reminders")
# Rows per INSERT: large enough to be quick, small enough that one statement stays short.
BATCH_SIZE = 500


@dataclass(frozen=True)
class Due:
    """One piece of work a finder found: the Reminder it becomes, before it exists."""

    content_type_id: int
    object_id: int
    kind: str
    due_on: date
    organisation_id: int
    assignee_id: int | None
    subject_id: int | None
    title: str
    link: str

    @property
    def key(self) -> tuple[int, int, str, date]:
        """The reminders' unique key (reminders_reminder_once_per_due_date)."""
        return self.content_type_id, self.object_id, self.kind, self.due_on


Finder = Callable[[date], Iterable[Due]]
_FINDERS: dict[str, Finder] = {}


def finder(kind: str) -> Callable[[Finder], Finder]:
    """Register `function` as the finder for `kind` (one finder per kind). The kind must have a
    lead time (kcpo.reminders.lead_times), so that a finder cannot be added without deciding
    when its reminder appears."""
    if kind not in ReminderKind.values:
        raise ImproperlyConfigured(f"{kind!r} is not a ReminderKind")
    if kind not in LEAD_TIMES:
        raise ImproperlyConfigured(f"Give {kind!r} a lead time in kcpo.reminders.lead_times")

    def register(function: Finder) -> Finder:
        registered = _FINDERS.get(kind)
        if registered is not None and registered.__qualname__ != function.__qualname__:
            raise ImproperlyConfigured(f"Two finders for {kind!r}: {registered.__qualname__}, {function.__qualname__}")
        _FINDERS[kind] = function
        return function

    return register


def registered_finders() -> dict[str, Finder]:
    """Every registered finder by kind, in ReminderKind's order (the modules imported first)."""
    for module in FINDER_MODULES:
        importlib.import_module(module)
    return {kind: _FINDERS[kind] for kind in ReminderKind.values if kind in _FINDERS}


def content_type_id(model: type[Model]) -> int:
    """The content type of a reminder's target (cached by Django after the first lookup)."""
    return ContentType.objects.get_for_model(model).id


def appears_on(kind: str, due_on: date) -> date:
    """The first day the sweep creates a reminder of `kind` due on `due_on`."""
    return due_on - LEAD_TIMES[kind]


def horizon(kind: str, today: date) -> date:
    """The latest due day a reminder of `kind` can have and be created today: the bound a
    finder puts in its WHERE clause (due_on <= horizon)."""
    return today + LEAD_TIMES[kind]


def assignee_for(application: str) -> Case:
    """An expression for the officer a reminder about an application is for: the case's lead
    officer, else whoever started the application, while still an active member of the force
    that owns it. None otherwise, so that the reminder goes to the team's unassigned list
    instead of to someone who can no longer see it. `application` is the path to the
    application from the queried model ("application", or "" for Application itself).
    Note: two EXISTS subqueries per row, on the memberships' unique (user, organisation) index."""
    prefix = f"{application}__" if application else ""
    owner = f"{prefix}owner_id"

    def member(user: str) -> Exists:
        return Exists(Membership.objects.active().filter(user_id=OuterRef(user), organisation_id=OuterRef(owner)))

    lead, creator = f"{prefix}case__lead_officer_id", f"{prefix}created_by_id"
    return Case(When(member(lead), then=F(lead)), When(member(creator), then=F(creator)), default=None)


@dataclass
class SweepResult:
    """What one sweep did: orders it ended, and per kind the reminders it created and those it
    found already there (made by an earlier or a concurrent sweep). `failed`: kinds whose
    finder raised (logged); the others still ran."""

    orders_ended: int = 0
    created: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Orders ended at the end of their fixed period: {self.orders_ended}"]
        for kind in ReminderKind:
            if kind in self.created or kind in self.present:
                lines.append(f"{kind.label}: {self.created[kind]} created, {self.present[kind]} already there")
        lines.extend(f"{ReminderKind(kind).label}: FAILED (see the log)" for kind in self.failed)
        return lines


def sweep(today: date) -> SweepResult:
    """End the orders whose fixed period is over, then run every finder and create the
    reminders that are due as of `today` and do not exist yet. Safe to run at any time, any
    number of times, concurrently: each step is idempotent and each reminder is created by one
    INSERT … ON CONFLICT DO NOTHING. Nothing here holds a transaction open across batches, so
    a sweep killed part way keeps what it made and the next one makes the rest.

    A finder that raises is logged and skipped so that one bad row cannot stop every other
    kind of reminder; a database error or the task's soft time limit stops the sweep."""
    # Imported here, like the finder modules: kcpo.reminders sits below the domain apps and
    # reaches into them only when it runs.
    from orders.lifecycle import orders_end_expired

    result = SweepResult(orders_ended=orders_end_expired(today))
    # Every reminder this run creates carries this created_at, so that afterwards one query
    # counts what this run (and not a concurrent one) inserted: ON CONFLICT DO NOTHING
    # returns no ids for Django to count.
    run_at = timezone.now()
    found = Counter()
    for kind, find in registered_finders().items():
        try:
            found[kind] = insert_dues(kind, find(today), today=today, run_at=run_at)
        except (DatabaseError, SoftTimeLimitExceeded):
            # The database is in trouble (the task retries), or the task's time is up: stop.
            raise
        except Exception:
            logger.exception("The %s finder failed on %s", kind, today)
            result.failed.append(kind)
    created = Reminder.objects.filter(created_at=run_at).values_list("kind").annotate(n=Count("id"))
    result.created.update(dict(created))
    for kind, count in found.items():
        result.present[kind] = count - result.created[kind]
    return result


def insert_dues(kind: str, dues: Iterable[Due], *, today: date, run_at: datetime) -> int:
    """Insert the reminders for `dues` that are due to appear by `today`, in batches, skipping
    any that exist. Returns how many there were (created or not)."""
    seen: set[tuple] = set()
    batch: list[Reminder] = []
    for due in dues:
        if due.kind != kind:
            raise ValueError(f"The {kind} finder yielded a {due.kind} reminder")
        # The finders' queries already bound due_on by horizon(); this is the rule itself.
        if appears_on(kind, due.due_on) > today or due.key in seen:
            continue
        seen.add(due.key)
        batch.append(_reminder(due, run_at))
        if len(batch) >= BATCH_SIZE:
            Reminder.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        Reminder.objects.bulk_create(batch, ignore_conflicts=True)
    return len(seen)


def _reminder(due: Due, run_at: datetime) -> Reminder:
    return Reminder(
        content_type_id=due.content_type_id,
        object_id=due.object_id,
        kind=due.kind,
        due_on=due.due_on,
        organisation_id=due.organisation_id,
        assignee_id=due.assignee_id,
        subject_id=due.subject_id,
        title=due.title[:300],
        link=due.link[:300],
        created_at=run_at,
    )


def reminder_ids_to_email() -> Iterator[int]:
    """The open reminders for an officer that have not been emailed: new ones, and any whose
    email was lost (Redis down, a worker that died). The email itself is idempotent
    (kcpo.reminders.emails), so queuing one twice sends it once. Those whose assignee is no
    longer an active member of the reminder's organisation are left out: the email would not
    go (emails._should_email decides), and without this they would be queued every sweep."""
    member = Membership.objects.active().filter(
        user_id=OuterRef("assignee_id"), organisation_id=OuterRef("organisation_id")
    )
    return (
        Reminder.objects.open()
        .filter(Exists(member), emailed_at__isnull=True, assignee__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)
        .iterator(chunk_size=2000)
    )
