"""Finder for the reminder that a subject's eligibility under s14 is about to lapse
(kcpo.reminders.sweeps).

Eligibility is not stored: the engine re-runs on every read (orders.drafting
.application_determination). Running it per application would cost queries per row, so this
uses the engine's set-based twin, the s14 screening statement (eligibility.screening, proved to
agree with the engine by tests/eligibility/test_screening.py): one statement per force with a
live s14 application, per page of subjects lapsing soonest first. Its `eligible_until` is
core.rules.eligible_until for an order made today.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from eligibility.core.dates import day_text
from eligibility.screening import s14_screening
from kcpo.accounts.models import Organisation
from kcpo.reminders.models import ReminderKind
from kcpo.reminders.sweeps import Due, assignee_for, content_type_id, finder, horizon
from orders.models import Application
from orders.workflow import LIVE, S14_ROUTES

# Subjects per screening page; pages are read until one passes the horizon.
SCREENING_PAGE = 500


def _lapsing_by(*, force: Organisation, today: date, until: date) -> dict[int, date]:
    """{subject id: eligible_until} for the force's subjects eligible today whose last day is
    by `until`. The screening lists the soonest to lapse first, so reading stops at the first
    row past `until`."""
    lapsing: dict[int, date] = {}
    offset = 0
    while True:
        rows = s14_screening(
            owner_id=force.id, police_area=force.code, today=today, limit=SCREENING_PAGE, offset=offset
        ).rows
        lapsing.update((row.subject_id, row.eligible_until) for row in rows if row.eligible_until <= until)
        if len(rows) < SCREENING_PAGE or rows[-1].eligible_until > until:
            return lapsing
        offset += SCREENING_PAGE


@finder(ReminderKind.ELIGIBILITY_LAPSING)
def eligibility_lapsing(today: date) -> Iterator[Due]:
    """Derived from s14(4): the subject of a live s14 application (no order made on it yet)
    stops meeting s14 after `eligible_until`, when the second most recent qualifying occasion
    leaves the two-year period (or the area's in-force period ends). Due on that last day.
    About the application, done on its page."""
    kind = ReminderKind.ELIGIBILITY_LAPSING
    live = Application.objects.filter(route__in=S14_ROUTES, state__in=LIVE)
    forces = Organisation.objects.filter(pk__in=live.values("owner_id")).only("id", "code").order_by("id")
    for force in forces:
        lapsing = _lapsing_by(force=force, today=today, until=horizon(kind, today))
        if not lapsing:
            continue
        applications = (
            live.filter(owner=force, case__subject_id__in=lapsing)
            .select_related("case__subject")
            .annotate(reminder_assignee=assignee_for(""))
            .order_by("id")
        )
        for application in applications:
            subject = application.case.subject
            until = lapsing[subject.id]
            yield Due(
                content_type_id=content_type_id(Application),
                object_id=application.id,
                kind=kind,
                due_on=until,
                organisation_id=application.owner_id,
                assignee_id=application.reminder_assignee,
                subject_id=subject.id,
                title=(
                    f"{subject.full_name} stops meeting s14 after {day_text(until)}: the order must be made by then "
                    "(s14(4))"
                ),
                link=reverse("applications:detail", args=[application.id]),
            )
