"""Checks on a proposed order's provisions, shown to officers while they draft (DESIGN §4).

Each check takes a `ProposedOrder` and returns one `CheckResult` citing its section and naming
the provisions concerned by their labels. They never raise on missing facts: what cannot be
decided is UNKNOWN, with the missing fact named. Statutory checks FAIL; the guidance's advice
only ever WARNs. `blocking_checks` says what stops the draft moving on.

Sources: the Act (reference/owa-2019-part-2.md) for ss.17, 21, 22 and 23; the Home Office
practitioners' guidance (seeds/003, "Guidance ch. N"); the MPS partner guide (seeds/001); the
UCL stakeholder report on the pilot (seeds/002, "UCL report").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import IntEnum, StrEnum

from eligibility.core.dates import ONE_DAY, day_text, period_last_day
from eligibility.core.determination import CheckResult, Status
from eligibility.core.facts import NecessityGround
from eligibility.core.rules import ADULT_AGE

# s23(3): "a fixed period of at least 6 months, and not more than 2 years, beginning with the
# day on which it takes effect". 2 years as 24 months gives the same day as add_years.
MIN_ORDER_MONTHS = 6
MAX_ORDER_MONTHS = 24
# UCL report (youth justice): "a much larger number of restrictions than sensible for a child
# that is 13 years old". No number is given anywhere in the guidance, so these are our own,
# to be reviewed with the YOT: more than 6 prohibitions for a child under 14 is flagged.
YOUNG_CHILD_AGE = 14
MAX_PROHIBITIONS_FOR_YOUNG_CHILD = 6

# The reference pack did not retrieve s21(7) onwards or any of s22. The duty to avoid clashes
# is cited as s21(8) from the published Act ("must, so far as practicable, be such as to avoid
# (a) any conflict with the defendant's religious beliefs, (b) any interference with the times,
# if any, at which the defendant normally works or attends any educational establishment, and
# (c) any conflict with the requirements of any other court order or injunction"): VERIFY the
# subsection and the words against legislation.gov.uk. DESIGN §4 files this row under s22.
CONFLICT_SECTION = "s21(8)"

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


class ProvisionKind(StrEnum):
    REQUIREMENT = "requirement"  # s21(2): do something
    PROHIBITION = "prohibition"  # s21(4): not do something


class ProvisionCategory(StrEnum):
    """The guidance's menu of options (Guidance ch. 9); optional on a provision."""

    # Requirements
    BE_AT_PLACE = "be_at_place"  # s21(2)(a), (b)
    PRESENT_TO_PERSON = "present_to_person"  # s21(2)(c)
    PARTICIPATE_IN_ACTIVITIES = "participate_in_activities"  # s21(2)(d)
    RESTORATIVE_JUSTICE = "restorative_justice"
    STRUCTURED_ACTIVITIES = "structured_activities"
    REPARATION = "reparation"
    MEDIATION = "mediation"
    SUPPORT_AND_COUNSELLING = "support_and_counselling"
    AWARENESS_CLASSES = "awareness_classes"
    YOUTH_MENTORING = "youth_mentoring"
    JOB_READINESS = "job_readiness"
    # Prohibitions
    NOT_TO_ATTEND_LOCATION = "not_to_attend_location"  # s21(4)(a)
    CURFEW = "curfew"  # the guidance lists it as a prohibition
    NON_ASSOCIATION = "non_association"  # s21(4)(b)
    PROHIBITED_ACTIVITIES = "prohibited_activities"  # s21(4)(c)
    ARTICLES = "articles"  # s21(4)(d)
    INTERNET = "internet"  # s21(4)(e)


class OrderKind(StrEnum):
    FULL = "full"  # s14 or s19
    INTERIM_S17 = "interim_s17"  # on a without-notice application: prohibitions only
    INTERIM_S18 = "interim_s18"  # application with notice adjourned: requirements and prohibitions


class CommitmentKind(StrEnum):
    # The three heads of the duty to avoid clashes (see CONFLICT_SECTION), and anything else.
    EDUCATION = "education"  # school, college or any other educational establishment
    WORK = "work"
    RELIGIOUS = "religious"
    COURT_ORDER = "court_order"  # another court order or injunction
    OTHER = "other"


class Weekday(IntEnum):
    # The numbering of date.weekday()
    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def full_name(self) -> str:
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[self]

    @property
    def short_name(self) -> str:
        return self.full_name[:3]


EVERY_DAY = frozenset(Weekday)
MONDAY_TO_FRIDAY = frozenset(Weekday) - {Weekday.SAT, Weekday.SUN}


@dataclass(frozen=True)
class Period:
    """A length of time in calendar months and days, as an order states it ("2 years" is 24 months)."""

    months: int = 0
    days: int = 0

    def __post_init__(self):
        if self.months < 0 or self.days < 0:
            raise ValueError("A period cannot be negative.")

    def last_day(self, start: date) -> date:
        """The last day of this period beginning with `start` (see dates.period_last_day)."""
        return period_last_day(start, months=self.months, days=self.days)

    def after(self, start: date) -> date:
        """The day this period after `start` falls on: the first day of what follows it."""
        return self.last_day(start) + ONE_DAY

    def __bool__(self) -> bool:
        return bool(self.months or self.days)

    def __str__(self) -> str:
        years, months = divmod(self.months, 12)
        parts = [_plural(n, unit) for n, unit in ((years, "year"), (months, "month"), (self.days, "day")) if n]
        if not parts:
            return "0 days"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class TimeWindow:
    """Every week, on each of `days`, from `start` until `end`.

    An end earlier than the start runs past midnight into the next day (Fri 22:00-06:00 ends on
    Saturday morning); an end equal to the start lasts a whole 24 hours (00:00-00:00 is all day).
    Windows are half-open: 10:00-12:00 and 12:00-14:00 do not overlap.
    """

    days: frozenset[Weekday]
    start: time
    end: time

    def __post_init__(self):
        if not self.days:
            raise ValueError("A time window needs at least one day.")
        object.__setattr__(self, "days", frozenset(Weekday(d) for d in self.days))

    def intervals(self) -> tuple[tuple[int, int], ...]:
        """Minutes of the week (Monday 00:00 = 0) covered, half-open, split at the week's end."""
        start = self.start.hour * 60 + self.start.minute
        length = (self.end.hour * 60 + self.end.minute - start) % MINUTES_PER_DAY or MINUTES_PER_DAY
        found = []
        for day in sorted(self.days):
            begins = day * MINUTES_PER_DAY + start
            ends = begins + length
            if ends <= MINUTES_PER_WEEK:
                found.append((begins, ends))
            else:  # Sunday night into Monday morning
                found += [(begins, MINUTES_PER_WEEK), (0, ends - MINUTES_PER_WEEK)]
        return tuple(found)

    def __str__(self) -> str:
        if self.start == self.end:
            hours = "all day" if self.start == time(0) else f"{self.start:%H:%M} for 24 hours"
        else:
            hours = f"{self.start:%H:%M}-{self.end:%H:%M}"
        return f"{_describe_days(self.days)} {hours}"


def first_overlap(a: Sequence[TimeWindow], b: Sequence[TimeWindow]) -> tuple[int, int] | None:
    """The earliest stretch of the week in which both schedules apply, as minutes from Monday
    00:00 (the end may pass the week's end when it runs from Sunday into Monday); None if they
    never overlap. Touching end to start is not an overlap."""
    shared = sorted(
        (max(a0, b0), min(a1, b1))
        for a0, a1 in (i for w in a for i in w.intervals())
        for b0, b1 in (i for w in b for i in w.intervals())
        if max(a0, b0) < min(a1, b1)
    )
    if not shared:
        return None
    first, last = shared[0], shared[-1]
    if first[0] == 0 and last[1] == MINUTES_PER_WEEK and len(shared) > 1:
        return (last[0], MINUTES_PER_WEEK + first[1])  # one stretch across Sunday midnight
    return first


def schedules_overlap(a: Sequence[TimeWindow], b: Sequence[TimeWindow]) -> bool:
    return first_overlap(a, b) is not None


@dataclass(frozen=True)
class Commitment:
    """Something in the subject's known week: school or work hours, religious observance,
    another court order's requirements."""

    label: str
    kind: CommitmentKind
    schedule: tuple[TimeWindow, ...]


@dataclass(frozen=True)
class ProposedProvision:
    label: str  # as numbered on the draft, e.g. "R1" or "P3"; used in every explanation
    kind: ProvisionKind
    wording: str
    # s21(1): which of the necessity purposes this provision serves.
    purposes: frozenset[NecessityGround] = frozenset()
    category: ProvisionCategory | None = None
    # The weekly times it applies; () when it has no fixed times (e.g. sessions "as arranged").
    schedule: tuple[TimeWindow, ...] = ()
    # s23(8): its own period, counted from the day the order takes effect: it starts
    # `starts_after` in and lasts `period` (None: until the order ends).
    starts_after: Period = Period()
    period: Period | None = None
    # s22 (requirements only): the supervisor, and how the supervisor's evidence about the
    # requirement's suitability and enforceability will be given (Appendix B, item 3).
    supervisor: str = ""
    suitability_evidence: str = ""
    # What the CPS asks for with each condition (Guidance ch. 6).
    rationale: str = ""
    evidence: str = ""
    # Whether, during its schedule, it would keep the subject from attending anything else at
    # that time. None: inferred (every requirement, and a curfew). Set True for an exclusion zone
    # that covers the subject's school, work or place of worship; False for a requirement met
    # at the commitment itself (a mentoring session held at school in school hours).
    blocks_attendance: bool | None = None
    # A non-association prohibition naming adults (people aged 18 or over).
    restricts_contact_with_adults: bool = False

    @property
    def is_requirement(self) -> bool:
        return self.kind == ProvisionKind.REQUIREMENT

    @property
    def stops_attendance(self) -> bool:
        if self.blocks_attendance is not None:
            return self.blocks_attendance
        return self.is_requirement or self.category == ProvisionCategory.CURFEW

    @property
    def has_own_period(self) -> bool:
        return self.period is not None or bool(self.starts_after)


@dataclass(frozen=True)
class ProposedOrder:
    kind: OrderKind = OrderKind.FULL
    provisions: tuple[ProposedProvision, ...] = ()
    # s23(3): the period it has effect for, or else its last day. Checked against the day it
    # takes effect (s23(1), (2), (7)); while that is unknown, against every possible day.
    period: Period | None = None
    ends_on: date | None = None
    takes_effect_on: date | None = None
    # The subject's known week: None when not yet recorded, () when there is nothing to record.
    commitments: tuple[Commitment, ...] | None = None
    subject_age_on_application: int | None = None
    # s14(6), s19(4): the grounds the application argues.
    necessity_grounds: frozenset[NecessityGround] | None = None

    @property
    def requirements(self) -> tuple[ProposedProvision, ...]:
        return tuple(p for p in self.provisions if p.is_requirement)

    @property
    def prohibitions(self) -> tuple[ProposedProvision, ...]:
        return tuple(p for p in self.provisions if not p.is_requirement)


PURPOSE_NAMES = {
    NecessityGround.PROTECT_PUBLIC: "to protect the public",
    NecessityGround.PROTECT_PARTICULAR_PERSONS: "to protect particular people (including the defendant)",
    NecessityGround.PREVENT_OFFENCE: "to prevent an offence involving a bladed article",
}


# --- helpers --------------------------------------------------------------------------------


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _and(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _they(labels: Sequence[str], one: str, many: str) -> str:
    """ "R1 names" / "R1 and R2 name": the labels with a verb that agrees."""
    return f"{_and(labels)} {one if len(labels) == 1 else many}"


def _describe_days(days: frozenset[Weekday]) -> str:
    if days == EVERY_DAY:
        return "every day"
    runs: list[list[Weekday]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        f"{run[0].short_name}-{run[-1].short_name}" if len(run) > 2 else ", ".join(d.short_name for d in run)
        for run in runs
    )


def _schedule(windows: Sequence[TimeWindow]) -> str:
    return "; ".join(str(w) for w in windows)


def _describe_stretch(stretch: tuple[int, int]) -> str:
    begins, ends = stretch
    first_day, last_day = begins // MINUTES_PER_DAY, (ends - 1) // MINUTES_PER_DAY

    def clock(minute: int, day: int) -> str:
        hours, minutes = divmod(minute - day * MINUTES_PER_DAY, 60)
        return f"{hours:02d}:{minutes:02d}"

    if first_day == last_day:
        day = Weekday(first_day % 7).full_name
        return f"on {day} from {clock(begins, first_day)} to {clock(ends, first_day)}"
    start_day, end_day = Weekday(first_day % 7).full_name, Weekday(last_day % 7).full_name
    return f"from {start_day} {clock(begins, first_day)} to {end_day} {clock(ends, last_day)}"


# While drafting, the day the order will take effect is rarely known. Month arithmetic depends
# only on the start's month and day and on which Februaries are leap; starts in these four
# years meet every such combination that a start between 1901 and 2099 can meet over the
# next four years. So an outcome that is the same for all of them holds for any start.
_REFERENCE_STARTS = tuple(date(2024, 1, 1) + timedelta(days=n) for n in range(366 + 3 * 365))


def _outcomes(order: ProposedOrder, outcome: Callable[[date], Hashable]) -> frozenset:
    """The outcomes for the day the order takes effect, or for every day it might."""
    starts = (order.takes_effect_on,) if order.takes_effect_on else _REFERENCE_STARTS
    return frozenset(outcome(start) for start in starts)


def _order_last_day(order: ProposedOrder) -> Callable[[date], date] | None:
    """The order's last day as a function of the day it takes effect, when it can be known."""
    if order.ends_on is not None and order.takes_effect_on is not None:
        return lambda _start: order.ends_on
    if order.period is not None:
        return order.period.last_day
    return None


def _span(provision: ProposedProvision, start: date, order_last: date | None) -> tuple[date, date | None]:
    """First and last day a provision has effect, for an order taking effect on `start`."""
    first = provision.starts_after.after(start)
    if provision.period is not None:
        return first, provision.period.last_day(first)
    return first, order_last


def _timing(provision: ProposedProvision) -> str:
    if provision.starts_after and provision.period is not None:
        return f"from {provision.starts_after} in, for {provision.period}"
    if provision.starts_after:
        return f"from {provision.starts_after} in, until the order ends"
    return f"for {provision.period}"


def _blank(text: str) -> bool:
    return not text.strip()


# --- s21: purposes -----------------------------------------------------------------------


def check_s21_purpose(order: ProposedOrder) -> CheckResult:
    code, section = "S21_PURPOSE", "s21(1)"
    if not order.provisions:
        return CheckResult(code, Status.UNKNOWN, section, "No provisions drafted yet.")
    problems = []
    without = [p.label for p in order.provisions if not p.purposes]
    if without:
        problems.append(
            f"{_they(without, 'serves', 'serve')} none of the necessity purposes; say which one each serves."
        )
    grounds = order.necessity_grounds or frozenset()
    if grounds:
        for p in order.provisions:
            if extra := p.purposes - grounds:
                names = _and(PURPOSE_NAMES[g] for g in sorted(extra))
                problems.append(f"{p.label} serves a purpose the application does not argue ({names}).")
    if problems:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            "The court may only impose provisions it thinks necessary for a purpose it is satisfied of. "
            + " ".join(problems),
        )
    if not grounds:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            "Choose the necessity grounds the application argues, to check each provision's purpose against them.",
        )
    return CheckResult(code, Status.PASS, section, "Every provision serves a necessity purpose the application argues.")


def check_s21_rationale(order: ProposedOrder) -> CheckResult:
    code, section = "S21_RATIONALE", "s21(1); Guidance ch. 6"
    missing = [p.label for p in order.provisions if _blank(p.rationale) or _blank(p.evidence)]
    if missing:
        return CheckResult(
            code,
            Status.WARNING,
            section,
            f"Explain why {_they(missing, 'is', 'are')} necessary and set out the evidence for it: the CPS "
            "asks for both with every condition, and a condition without them is unlikely to be presented.",
        )
    return CheckResult(code, Status.PASS, section, "Every provision has a rationale and evidence.")


# --- s17: interim order without notice -------------------------------------------------------


def check_s17_prohibitions_only(order: ProposedOrder) -> CheckResult:
    code, section = "S17_PROHIBITIONS_ONLY", "s17(4)-(5)"
    if order.kind != OrderKind.INTERIM_S17:
        return CheckResult(
            code, Status.PASS, section, "Only an interim order without notice is limited to prohibitions."
        )
    if order.requirements:
        labels = _and(p.label for p in order.requirements)
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"An interim order on a without-notice application may impose prohibitions only: remove {labels}, "
            "or propose requirements for the full hearing.",
        )
    return CheckResult(code, Status.PASS, section, "Prohibitions only, as an interim order without notice requires.")


def check_s17_interim_content(order: ProposedOrder) -> CheckResult:
    """What an interim order could impose at once on a without-notice application (s16): of
    the full order proposed, its prohibitions (s17(4)); never its requirements (s17(5)), which
    wait for the full hearing.

    Route-specific, so not in PROVISION_CHECKS: orders.checks.interim_order_checks runs it for
    the without-notice route only. A WARNING, never a FAIL, when there is no prohibition: the
    court may adjourn without an interim order, and the full order can still be sought, so the
    application must not be blocked; but the officer should know nothing could be ordered now."""
    code, section = "S17_INTERIM_CONTENT", "s17(4)-(5)"
    requirements = [p.label for p in order.requirements]
    later = (
        f" {_they(requirements, 'is a requirement', 'are requirements')}, which only the full hearing can order."
        if requirements
        else ""
    )
    if not order.prohibitions:
        return CheckResult(
            code,
            Status.WARNING,
            section,
            "An interim order without notice could impose nothing: propose at least one prohibition." + later,
        )
    return CheckResult(
        code,
        Status.PASS,
        section,
        f"An interim order without notice could impose {_and(p.label for p in order.prohibitions)}." + later,
    )


# --- s22: requirements -------------------------------------------------------------------


def check_s22_supervisor(order: ProposedOrder) -> CheckResult:
    code, section = "S22_SUPERVISOR", "s22"
    if not order.requirements:
        return CheckResult(
            code, Status.PASS, section, "No requirements, so no supervisor is needed (prohibitions have none)."
        )
    problems = []
    if no_supervisor := [p.label for p in order.requirements if _blank(p.supervisor)]:
        problems.append(f"{_they(no_supervisor, 'names', 'name')} no supervisor.")
    if no_evidence := [p.label for p in order.requirements if _blank(p.suitability_evidence)]:
        problems.append(
            f"{_they(no_evidence, 'lacks', 'lack')} the supervisor's evidence of suitability and "
            "enforceability, which the court must receive before including a requirement."
        )
    if problems:
        return CheckResult(code, Status.FAIL, section, " ".join(problems))
    return CheckResult(
        code,
        Status.PASS,
        section,
        "Every requirement names a supervisor with evidence of its suitability and enforceability.",
    )


def _concurrent(order: ProposedOrder, a: ProposedProvision, b: ProposedProvision) -> bool:
    """Whether two provisions may have effect at the same time (s23(8) periods), unless their
    own periods keep them apart whatever day the order takes effect."""
    if not (a.has_own_period or b.has_own_period):
        return True
    order_last = _order_last_day(order)

    def overlaps(start: date) -> bool:
        last = order_last(start) if order_last else None
        (a0, a1), (b0, b1) = _span(a, start, last), _span(b, start, last)
        return (a1 is None or b0 <= a1) and (b1 is None or a0 <= b1)

    return True in _outcomes(order, overlaps)


def check_s22_requirements_compatible(order: ProposedOrder) -> CheckResult:
    code, section = "S22_REQUIREMENTS_COMPATIBLE", "s22"
    requirements = [p for p in order.requirements if p.schedule]
    clashes, warnings = [], []
    for i, a in enumerate(requirements):
        for b in requirements[i + 1 :]:
            stretch = first_overlap(a.schedule, b.schedule)
            if stretch and _concurrent(order, a, b):
                clashes.append(f"{a.label} and {b.label} both need the defendant {_describe_stretch(stretch)}.")
    # A requirement inside curfew hours cannot be met unless the curfew makes an exception for it.
    for a in requirements:
        for b in order.prohibitions:
            if b.category != ProvisionCategory.CURFEW:
                continue
            stretch = first_overlap(a.schedule, b.schedule)
            if stretch and _concurrent(order, a, b):
                warnings.append(
                    f"{a.label} falls within the curfew {b.label} {_describe_stretch(stretch)}: add an exception "
                    "to the curfew (s21(6)) or move the requirement."
                )
    if clashes:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            "Requirements must be compatible with each other. " + " ".join(clashes + warnings),
        )
    if warnings:
        return CheckResult(code, Status.WARNING, section, " ".join(warnings))
    return CheckResult(code, Status.PASS, section, "No two requirements need the defendant at the same time.")


def check_s22_timetable(order: ProposedOrder) -> CheckResult:
    """Provisions against the subject's known week.

    A WARNING, not a FAIL: the duty is to avoid clashes "so far as practicable" (see
    CONFLICT_SECTION), so the court may still impose a provision that clashes where nothing
    else would work. The officer must either move the provision or say why it cannot move.
    """
    code, section = "S22_TIMETABLE", CONFLICT_SECTION
    if order.commitments is None:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            "Record the subject's school or work hours, religious observance and any other court order's "
            "requirements (or that there are none), to check the provisions do not clash with them.",
        )
    clashes = []
    for p in order.provisions:
        if not (p.stops_attendance and p.schedule):
            continue
        for c in order.commitments:
            if stretch := first_overlap(p.schedule, c.schedule):
                clashes.append(
                    f"{p.label} ({_schedule(p.schedule)}) clashes with {c.kind.value.replace('_', ' ')} "
                    f'"{c.label}" ({_schedule(c.schedule)}) {_describe_stretch(stretch)}.'
                )
    if clashes:
        return CheckResult(
            code,
            Status.WARNING,
            section,
            "So far as practicable, provisions should avoid the defendant's religious beliefs, the times they "
            "work or attend education, and other court orders. " + " ".join(clashes),
        )
    return CheckResult(code, Status.PASS, section, "No provision clashes with the subject's recorded week.")


# --- s23: duration ---------------------------------------------------------------------------


def _last_day_bounds(start: date) -> tuple[date, date]:
    """s23(3): the earliest and the latest last day of an order taking effect on `start`."""
    return period_last_day(start, months=MIN_ORDER_MONTHS), period_last_day(start, months=MAX_ORDER_MONTHS)


def _duration_outcome(start: date, last: date) -> str:
    shortest, longest = _last_day_bounds(start)
    if last < shortest:
        return "short"
    if last > longest:
        return "long"
    return "ok"


def check_s23_duration(order: ProposedOrder) -> CheckResult:
    code, section = "S23_DURATION", "s23(3)"
    if order.kind != OrderKind.FULL:
        return CheckResult(
            code,
            Status.PASS,
            section,
            "An interim order has no fixed period: it lasts until the application is determined (s23(4)-(5)).",
        )
    if order.period is None and order.ends_on is None:
        return CheckResult(
            code, Status.UNKNOWN, section, "Enter the period the order should last: at least 6 months, at most 2 years."
        )
    start = order.takes_effect_on
    if start is None:
        if order.period is None:
            return CheckResult(
                code, Status.UNKNOWN, section, "Enter the day the order takes effect to check its end date."
            )
        return _check_undated_duration(order, code, section)
    if order.period is not None and order.ends_on is not None and order.period.last_day(start) != order.ends_on:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"A period of {order.period} from {day_text(start)} ends on {day_text(order.period.last_day(start))}, "
            f"not on the end date given ({day_text(order.ends_on)}).",
        )
    last = order.ends_on or order.period.last_day(start)
    shortest, longest = _last_day_bounds(start)
    dates = {"takes_effect_on": start, "ends_on": last, "shortest_ends_on": shortest, "longest_ends_on": longest}
    runs = f"The order would run from {day_text(start)} to {day_text(last)}"
    outcome = _duration_outcome(start, last)
    if outcome == "short":
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"{runs}, less than 6 months: it must last until at least {day_text(shortest)}.",
            dates,
        )
    if outcome == "long":
        return CheckResult(
            code, Status.FAIL, section, f"{runs}, more than 2 years: it must end by {day_text(longest)}.", dates
        )
    return CheckResult(code, Status.PASS, section, f"{runs}: at least 6 months and at most 2 years.", dates)


def _check_undated_duration(order: ProposedOrder, code: str, section: str) -> CheckResult:
    period = order.period
    outcomes = _outcomes(order, lambda start: _duration_outcome(start, period.last_day(start)))
    if outcomes == {"ok"}:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"{period} is at least 6 months and at most 2 years whatever day the order takes effect.",
        )
    if outcomes == {"short"}:
        return CheckResult(code, Status.FAIL, section, f"{period} is less than the minimum of 6 months.")
    if outcomes == {"long"}:
        return CheckResult(code, Status.FAIL, section, f"{period} is more than the maximum of 2 years.")
    bound = "at least 6 months" if "short" in outcomes else "at most 2 years"
    return CheckResult(
        code,
        Status.UNKNOWN,
        section,
        f"Whether {period} is {bound} depends on the day the order takes effect: enter that day, or state the "
        "period in whole months.",
    )


def check_s23_provision_periods(order: ProposedOrder) -> CheckResult:
    code, section = "S23_PROVISION_PERIODS", "s23(8)"
    own = [p for p in order.provisions if p.has_own_period]
    if not own:
        return CheckResult(code, Status.PASS, section, "Every provision lasts as long as the order.")
    if order.kind != OrderKind.FULL:
        return CheckResult(
            code,
            Status.PASS,
            section,
            "An interim order lasts until the application is determined; its provisions end with it.",
        )
    order_last = _order_last_day(order)
    if order_last is None:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            f"Enter the order's period (or its end date and the day it takes effect) to check the periods of "
            f"{_and(p.label for p in own)}.",
        )

    def fits(p: ProposedProvision, start: date) -> bool:
        last = order_last(start)
        first, own_last = _span(p, start, last)
        return first <= last and own_last <= last

    verdicts = [(p, _outcomes(order, lambda start, p=p: fits(p, start))) for p in own]
    too_long = [f"{p.label} ({_timing(p)})" for p, o in verdicts if o == {False}]
    maybe = [f"{p.label} ({_timing(p)})" for p, o in verdicts if o == {True, False}]
    if too_long:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"A provision's own period must fall within the order's: {_and(too_long)} would outlast it.",
        )
    if maybe:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            f"Whether {_and(maybe)} ends within the order depends on the day it takes effect: enter that day, "
            "or state the periods in whole months.",
        )
    return CheckResult(code, Status.PASS, section, "Every provision's own period falls within the order's.")


# --- guidance (warnings only) ------------------------------------------------------------


def _under(order: ProposedOrder, age: int) -> bool | None:
    on_application = order.subject_age_on_application
    return None if on_application is None else on_application < age


def check_guidance_u18_requirements(order: ProposedOrder) -> CheckResult:
    code, section = "GUIDANCE_U18_REQUIREMENTS", "Guidance ch. 2, 9; MPS partner guide"
    if order.kind == OrderKind.INTERIM_S17:
        return CheckResult(
            code, Status.PASS, section, "Does not apply: an interim order without notice has no requirements."
        )
    child = _under(order, ADULT_AGE)
    if child is None:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            "Enter the date of birth: an order for a child should carry positive requirements.",
        )
    if not child:
        return CheckResult(code, Status.PASS, section, "Does not apply: 18 or over on the application date.")
    if order.requirements:
        return CheckResult(code, Status.PASS, section, "The order for a child carries positive requirements.")
    return CheckResult(
        code,
        Status.WARNING,
        section,
        "The subject is under 18 and the order has only prohibitions: an order for a child should include "
        "positive requirements that deal with the underlying causes, not only prohibitions.",
    )


# Conditions that only restate the criminal law or another order add nothing and are not
# presented by the CPS (UCL report, CPS: "not to carry a knife", "comply with probation";
# Guidance ch. 9: provisions "should be bespoke to the individual"). Matched case-insensitively
# as whole words after `_normalise`, which also reads "not to carry" as "not carry".
GENERIC_PHRASES = (
    "not carry a knife",
    "not carry any knife",
    "not carry knives",
    "not carry a bladed article",
    "not carry any bladed article",
    "not carry bladed articles",
    "not carry an offensive weapon",
    "not carry any offensive weapon",
    "not carry a weapon",
    "not carry any weapon",
    "not carry weapons",
    "not possess a knife",
    "not be in possession of a knife",
    "comply with probation",
    "comply with any probation",
    "comply with the probation",
    "comply with their probation",
    "comply with his probation",
    "comply with her probation",
    "not commit any offence",
    "not commit an offence",
    "not commit any criminal offence",
    "not commit any further offence",
    "not break the law",
    "be of good behaviour",
    "keep the peace",
)


def _normalise(wording: str) -> str:
    text = re.sub(r"[^a-z0-9-]+", " ", wording.lower().replace("’", "'"))
    return re.sub(r"\bnot to\b", "not", " ".join(text.split()))


def generic_phrase(wording: str) -> str | None:
    """The first generic phrase the wording contains, if any."""
    text = f" {_normalise(wording)} "
    return next((phrase for phrase in GENERIC_PHRASES if f" {phrase} " in text), None)


def check_guidance_generic_wording(order: ProposedOrder) -> CheckResult:
    code, section = "GUIDANCE_GENERIC_WORDING", "Guidance ch. 9; UCL report (CPS)"
    found = [(p.label, phrase) for p in order.provisions if (phrase := generic_phrase(p.wording))]
    if found:
        listed = _and(f'{label} ("{phrase}")' for label, phrase in found)
        return CheckResult(
            code,
            Status.WARNING,
            section,
            f"{listed} {'restates' if len(found) == 1 else 'restate'} the law or another order: generic "
            "conditions are unlikely to be presented. Make each condition specific to this person and the risk "
            "it addresses.",
        )
    return CheckResult(code, Status.PASS, section, "No provision merely restates the law.")


def check_guidance_child_adult_association(order: ProposedOrder) -> CheckResult:
    code, section = "GUIDANCE_CHILD_ADULT_ASSOCIATION", "UCL report (youth justice)"
    flagged = [p.label for p in order.prohibitions if p.restricts_contact_with_adults]
    child = _under(order, ADULT_AGE)
    if not flagged or child is False:
        return CheckResult(code, Status.PASS, section, "No prohibition stops a child associating with adults.")
    if child is None:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            f"Enter the date of birth: {_they(flagged, 'restricts', 'restrict')} contact with adults.",
        )
    return CheckResult(
        code,
        Status.WARNING,
        section,
        f"{_they(flagged, 'stops', 'stop')} a child associating with adults. If an adult may be exploiting the "
        "child, that is a safeguarding matter: a breach would be the child's, not the adult's. Refer it to "
        "safeguarding and consider measures against the adult instead.",
    )


def check_guidance_child_prohibition_count(order: ProposedOrder) -> CheckResult:
    code, section = "GUIDANCE_CHILD_PROHIBITION_COUNT", "UCL report (youth justice)"
    count = len(order.prohibitions)
    if count <= MAX_PROHIBITIONS_FOR_YOUNG_CHILD:
        return CheckResult(code, Status.PASS, section, f"{_plural(count, 'prohibition')}.")
    young = _under(order, YOUNG_CHILD_AGE)
    if young is None:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            f"Enter the date of birth: {count} prohibitions may be too many for a young child.",
        )
    if not young:
        return CheckResult(
            code, Status.PASS, section, f"{count} prohibitions; the subject is {YOUNG_CHILD_AGE} or over."
        )
    return CheckResult(
        code,
        Status.WARNING,
        section,
        f"{count} prohibitions for a child under {YOUNG_CHILD_AGE}: more than {MAX_PROHIBITIONS_FOR_YOUNG_CHILD} is "
        "a long list for a child this young to understand and keep to. Keep only those that are necessary.",
    )


PROVISION_CHECKS = (
    check_s21_purpose,
    check_s21_rationale,
    check_s17_prohibitions_only,
    check_s22_supervisor,
    check_s22_requirements_compatible,
    check_s22_timetable,
    check_s23_duration,
    check_s23_provision_periods,
    check_guidance_u18_requirements,
    check_guidance_generic_wording,
    check_guidance_child_adult_association,
    check_guidance_child_prohibition_count,
)


def assess_provisions(order: ProposedOrder) -> tuple[CheckResult, ...]:
    """Every provision check for one draft, in a fixed order."""
    return tuple(check(order) for check in PROVISION_CHECKS)


def blocking_checks(checks: Iterable[CheckResult]) -> tuple[CheckResult, ...]:
    """The checks that stop the draft moving on: the failures. Warnings never block, and
    neither does UNKNOWN (a draft is allowed to be incomplete; it shows what is missing)."""
    return tuple(c for c in checks if c.status == Status.FAIL)


def is_blocked(checks: Iterable[CheckResult]) -> bool:
    return bool(blocking_checks(checks))
