"""Reads that feed the engine, and the people the s14 screening lists."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from cases.models import Case, Subject
from eligibility.core import InForcePeriod as CoreInForcePeriod
from eligibility.core.dates import age_on
from eligibility.models import InForcePeriod
from eligibility.screening import ScreeningRow
from kcpo.accounts.models import Organisation


def in_force_periods_for_area(police_area: str) -> tuple[CoreInForcePeriod, ...]:
    return tuple(
        CoreInForcePeriod(starts=p.starts_on, ends=p.ends_on) for p in InForcePeriod.objects.for_area(police_area)
    )


def in_force_period_on(*, police_area: str, on: date) -> InForcePeriod | None:
    """The period in which ss.14-33 are in force for the area on `on`, or None (an area's
    periods never overlap: eligibility_inforceperiod_no_overlap)."""
    return InForcePeriod.objects.filter(police_area=police_area).in_force_on(on).order_by("-starts_on", "-id").first()


@dataclass(frozen=True)
class ScreenedSubject:
    subject: Subject
    age: int
    qualifying_occasions: int
    eligible_until: date
    case_id: int | None  # the force's most recent case about the person, if any
    case_reference: str


def s14_screened_subjects(
    *, organisation: Organisation, rows: Sequence[ScreeningRow], today: date
) -> list[ScreenedSubject]:
    """The people behind a page of screening rows, in the rows' order, in one query.

    Subjects are looked up among the organisation's own again, so a row can never bring in
    another force's person; a row whose subject has gone since the screening is dropped."""
    latest_case = Case.objects.filter(subject=OuterRef("pk"), owner=organisation).order_by("-created_at", "-id")
    subjects = (
        Subject.objects.filter(owner=organisation, id__in=[row.subject_id for row in rows])
        .only("id", "given_names", "family_name", "date_of_birth")  # what the list shows, no more
        .annotate(
            case_id=Subquery(latest_case.values("id")[:1]),
            case_reference=Subquery(latest_case.values("reference")[:1]),
        )
    )
    by_id = {subject.id: subject for subject in subjects}
    return [
        ScreenedSubject(
            subject=subject,
            age=age_on(subject.date_of_birth, today),
            qualifying_occasions=row.qualifying_occasions,
            eligible_until=row.eligible_until,
            case_id=subject.case_id,
            case_reference=subject.case_reference or "",
        )
        for row in rows
        if (subject := by_id.get(row.subject_id)) is not None
    ]
