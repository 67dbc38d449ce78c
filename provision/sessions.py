"""Writes for a requirement's sessions: generating them from its weekly schedule, and adding a
one-off appointment. Only the supervising organisation's supervisors plan them (s22(5)(a):
the supervisor makes the arrangements).

A session is at most one per (requirement, start) (provision_session_once_per_start), so
generating twice, or two supervisors generating at once, makes each session once: the
database decides."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from eligibility.core.dates import ONE_DAY, day_text
from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation, audit_record
from kcpo.clock import local_datetime
from orders.checks import schedule_windows
from orders.models import OrderProvision
from provision.models import Session
from provision.supervision import SUPERVISORS

# How far ahead sessions can be generated at once: enough to plan a school term.
MAX_WEEKS = 26


def check_supervisor(requirement: OrderProvision, membership: Membership | None) -> Membership:
    """The backstop behind the views' 404/403 (provision.supervision): only a supervisor of the
    organisation named as the requirement's supervisor may plan or report on it."""
    if (
        membership is None
        or membership.role not in SUPERVISORS
        or membership.organisation_id != requirement.supervisor_organisation_id
    ):
        raise PermissionDenied("Only the requirement's supervisor can do this.")
    return membership


def _locked(requirement: OrderProvision) -> OrderProvision:
    """The requirement's row, locked, with its order: two supervisors generating at once wait
    for each other, so each one's count of what it made is right."""
    return OrderProvision.objects.select_for_update(of=("self",)).select_related("order").get(pk=requirement.pk)


def requirement_days(requirement: OrderProvision) -> tuple[date | None, date | None]:
    """The first and last day of the requirement's own period (s23(8)), cut short by the end
    of its order (ended_on is the order's first day without effect). (None, None) if the order
    has not taken effect."""
    if requirement.starts_on is None:
        return None, None
    last = requirement.ends_on
    ended_on = requirement.order.ended_on
    if ended_on is not None:
        last = min(last, ended_on - ONE_DAY) if last else ended_on - ONE_DAY
    return requirement.starts_on, last


def _in_period(day: date, first: date | None, last: date | None) -> bool:
    return first is not None and first <= day and (last is None or day <= last)


def scheduled_times(schedule: list[dict], *, start: date, end: date) -> list[tuple[datetime, datetime]]:
    """The (start, end) of every window of `schedule` that begins on a day from `start` to `end`
    inclusive. A window whose end is not after its start runs past midnight and ends the next
    day (00:00-00:00 lasts 24 hours), as eligibility.core.provisions.TimeWindow reads it."""
    windows = schedule_windows(schedule)
    found = []
    day = start
    while day <= end:
        for window in windows:
            if day.weekday() in window.days:
                ends_day = day if window.end > window.start else day + ONE_DAY
                found.append((local_datetime(day, window.start), local_datetime(ends_day, window.end)))
        day += ONE_DAY
    return sorted(found)


def _audit(requirement: OrderProvision, membership: Membership, **details) -> None:
    audit_record(
        by=membership.user,
        membership=membership,
        operation=Operation.COLLECT,
        obj=requirement,
        data_subject_id=requirement.order.subject_id,
        details=details,
    )


@transaction.atomic
def sessions_generate(*, requirement: OrderProvision, membership: Membership, weeks: int, today: date) -> int:
    """Make the requirement's sessions from its weekly schedule for the `weeks` weeks starting
    `today`, within its own period; those already there are left as they are. Returns how many
    were made (0 when all were there: no audit row then)."""
    check_supervisor(requirement, membership)
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": f"Enter a number of weeks from 1 to {MAX_WEEKS}"}, code="invalid")
    requirement = _locked(requirement)
    if not requirement.schedule:
        raise ValidationError(
            "This requirement has no weekly schedule: add its appointments one at a time.", code="no_schedule"
        )
    first, last = requirement_days(requirement)
    start, end = max(today, first or today), today + timedelta(weeks=weeks) - ONE_DAY
    if last is not None:
        end = min(end, last)
    if first is None or end < start:
        raise ValidationError(
            "The requirement is not in force in those weeks, so no sessions can be made.", code="not_in_force"
        )
    times = scheduled_times(requirement.schedule, start=start, end=end)
    existing = set(
        Session.objects.filter(requirement=requirement, starts_at__in=[s for s, _e in times]).values_list(
            "starts_at", flat=True
        )
    )
    new = [
        Session(requirement=requirement, starts_at=s, ends_at=e, generated=True, created_by=membership.user)
        for s, e in times
        if s not in existing
    ]
    # ignore_conflicts: the row lock makes a conflict unlikely, the unique key impossible.
    Session.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        _audit(
            requirement,
            membership,
            change="sessions generated",
            sessions=len(new),
            first_day=start.isoformat(),
            last_day=end.isoformat(),
        )
    return len(new)


@transaction.atomic
def session_add(*, requirement: OrderProvision, membership: Membership, on: date, starts: time, ends: time) -> Session:
    """Add one appointment on `on` from `starts` to `ends` (the same day), within the
    requirement's own period. It may be in the past: an appointment that was arranged and not
    recorded here can still be reported."""
    check_supervisor(requirement, membership)
    requirement = _locked(requirement)
    errors = {}
    if ends <= starts:
        errors["ends"] = "The end time must be after the start time"
    first, last = requirement_days(requirement)
    if not _in_period(on, first, last):
        if first is None:
            errors["on"] = "The order has not taken effect yet, so no appointment can be added"
        elif on < first:
            errors["on"] = f"The date must be on or after {day_text(first)}, when the requirement starts"
        else:
            errors["on"] = f"The date must be on or before {day_text(last)}, when the requirement ends"
    if errors:
        raise ValidationError(errors, code="invalid")
    session = Session(
        requirement=requirement,
        starts_at=local_datetime(on, starts),
        ends_at=local_datetime(on, ends),
        created_by=membership.user,
    )
    # The requirement's row lock (_locked) serialises additions, so the check stands until the insert.
    if Session.objects.filter(requirement=requirement, starts_at=session.starts_at).exists():
        raise ValidationError({"starts": "There is already a session starting at that time"}, code="duplicate")
    session.save(force_insert=True)
    _audit(requirement, membership, change="appointment added", session_id=session.id)
    return session
