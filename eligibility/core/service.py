"""Service before KCPO hearings: who must be served with what, and by when (DESIGN §4, §5).

Pure functions of `ServiceFacts` and `today`, which the caller passes in (we never read the
clock). Each check returns one CheckResult citing its source; sources are in
reference/procedure-and-commencement.md Part B and the practitioners' guidance (seeds/003).

Statuses: PASS when served in time; FAIL when service was late, invalid, or can no longer be
made in time as of `today` (the court may still relax a time limit, "but only where it would
not cause prejudice to the defendant", guidance ch. 8, so a FAIL here is a visible warning on
the case and the hearing, not a bar to eligibility); UNKNOWN when nothing is recorded yet and
there is still time, with the last day in `dates`; WARNING where only guidance is missed.

Counting: "N working days before" counts clear working days (working_days.py). "Not less than
21 days before the date fixed for the hearing" (S.I. 1999/681 r. 3(1)) counts clear calendar
days: neither the day of service nor the day of the hearing counts. The rules we hold do not
say how to count, so we borrow CPR 2.8(2)-(3) (civil courts, not magistrates' courts): "clear
days" exclude "the day on which the period begins" and "the day on which that event occurs";
its example: "Notice of an application must be served at least 3 days before the hearing. An
application is to be heard on Friday 20 October. The last date for service is Monday 16
October." It is the strictest reading, so service that meets it meets any other. Counsel to
confirm.

`served_on` is the day service took effect. Where a method is treated as served later than
the day of sending (post, for example), the rules on deemed service (MCR 1981 r. 99 and the
criminal rules on service) were not retrieved; the caller records the day service is treated as made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from eligibility.core.dates import age_on, birthday, day_text
from eligibility.core.determination import CheckResult, Status
from eligibility.core.facts import Route
from eligibility.core.rules import ADULT_AGE
from eligibility.core.working_days import latest_service_day, working_days_between

# Guidance ch. 10: summons and application served "a minimum of seven working days ahead of the hearing".
SUMMONS_WORKING_DAYS = 7
# S.I. 1999/681 r. 3(1): civil hearsay notice "not less than 21 days before the date fixed for the hearing".
# Guidance ch. 8 (criminal rules): "normally at least 21 days ... and never less than 14 days".
HEARSAY_DAYS = 21
CRIMINAL_HEARSAY_MIN_DAYS = 14
# Guidance Appendix D (defendant's notice): a party that served hearsay and will call the witness
# the defendant wants to cross-examine "must serve a notice of intention to do so not more than
# 7 days after the service of this notice".
CALL_WITNESS_NOTICE_DAYS = 7

CODE_SUMMONS = "SERVICE_SUMMONS_7_WORKING_DAYS"
CODE_HEARSAY = "SERVICE_HEARSAY_21_DAYS"
CODE_CRIMINAL_HEARSAY = "SERVICE_HEARSAY_CRIMINAL_21_DAYS"
CODE_S19_NOTICE = "SERVICE_S19_BEFORE_SENTENCING"
CODE_PARENT = "SERVICE_PARENT_GUARDIAN"

RELAX_TIME_LIMIT = (
    "The court may relax the time limit only where that would not prejudice the defendant "
    "(guidance ch. 8; M v DPP [2007] EWHC 1032 (Admin)); otherwise ask for the hearing to be re-listed."
)


class DocumentKind(StrEnum):
    SUMMONS = "summons"
    APPLICATION = "application"  # the application on complaint (guidance Appendix A)
    HEARSAY_NOTICE = "hearsay_notice"
    S19_NOTICE = "s19_notice"  # notice of intention to apply on conviction (CrimPR 31.3; Appendix B)
    ORDER = "order"
    OTHER = "other"


class ServiceMethod(StrEnum):
    PERSONAL = "personal"
    POST = "post"
    EMAIL = "email"
    LEFT_AT_ADDRESS = "left_at_address"
    OTHER = "other"


class RecipientKind(StrEnum):
    DEFENDANT = "defendant"
    PARENT_GUARDIAN = "parent_guardian"
    COURT_OFFICER = "court_officer"
    # CrimPR 31.3(2)(c): "any person on whom the order would be likely to have a significant adverse effect"
    SIGNIFICANTLY_AFFECTED = "significantly_affected"
    OTHER = "other"


class HearingKind(StrEnum):
    FULL = "full"  # s14 application heard on notice: the hearing the summons is for
    WITHOUT_NOTICE = "without_notice"  # s16-s17 interim: nothing is served beforehand
    SENTENCING = "sentencing"  # s19: the KCPO is made, if at all, with the sentence
    REVIEW = "review"  # s26
    VARIATION = "variation"  # s27
    APPEAL = "appeal"  # s28: to the Crown Court
    OTHER = "other"


# The hearing service is measured against, per route, and its name in explanations.
RELEVANT_HEARING = {Route.S14: HearingKind.FULL, Route.S19: HearingKind.SENTENCING}
HEARING_NAMES = {HearingKind.FULL: "full hearing (on notice)", HearingKind.SENTENCING: "sentencing hearing"}


@dataclass(frozen=True)
class ServiceRecord:
    """One document served on one recipient on one day (the day service took effect)."""

    document: DocumentKind
    recipient: RecipientKind
    served_on: date
    method: ServiceMethod


@dataclass(frozen=True)
class Hearing:
    date: date
    kind: HearingKind


@dataclass(frozen=True)
class ServiceFacts:
    route: Route
    hearings: tuple[Hearing, ...] = ()
    services: tuple[ServiceRecord, ...] = ()
    defendant_date_of_birth: date | None = None
    # Whether the applicant (s14) or prosecution (s19) relies on hearsay evidence. None when not
    # yet recorded; a recorded hearsay notice implies True.
    relies_on_hearsay: bool | None = None


# --- counting ---------------------------------------------------------------------------


def clear_days_between(start: date, end: date) -> int:
    """Calendar days strictly after `start` and strictly before `end` (0 if there are none)."""
    return max((end - start).days - 1, 0)


def latest_calendar_service_day(hearing_day: date, days: int) -> date:
    """The last day on which service leaves at least `days` clear days before `hearing_day`.

    For 21 days and a hearing on Friday 30 June 2023 it is Thursday 8 June 2023.
    """
    return hearing_day - timedelta(days=days + 1)


def summons_latest_service_day(hearing_day: date) -> date:
    """Guidance ch. 10: the last day to serve the summons and application on the defendant."""
    return latest_service_day(hearing_day, SUMMONS_WORKING_DAYS)


def hearsay_latest_service_day(hearing_day: date) -> date:
    """S.I. 1999/681 r. 3(1); guidance ch. 8: the last day to serve a hearsay notice (civil, and criminal normally)."""
    return latest_calendar_service_day(hearing_day, HEARSAY_DAYS)


def call_witness_notice_last_day(defendant_notice_served_on: date) -> date:
    """Guidance Appendix D: the last day to serve notice of calling a hearsay witness the
    defendant wants to cross-examine: 7 days after the defendant's notice was served."""
    return defendant_notice_served_on + timedelta(days=CALL_WITNESS_NOTICE_DAYS)


def relevant_hearing(facts: ServiceFacts, *, today: date) -> Hearing | None:
    """The hearing service is measured against: the full hearing on notice (s14) or sentencing (s19).

    Of several (after an adjournment, say), the first on or after `today`; once they are all in
    the past, the most recent, so that an old case still reports on the hearing that happened.
    """
    kind = RELEVANT_HEARING[facts.route]
    days = sorted(h.date for h in facts.hearings if h.kind == kind)
    upcoming = [d for d in days if d >= today]
    if upcoming:
        return Hearing(upcoming[0], kind)
    return Hearing(days[-1], kind) if days else None


def _fmt(day: date) -> str:
    return f"{day:%A} {day_text(day)}"


def _no_hearing(facts: ServiceFacts, code: str, section: str, then: str) -> CheckResult:
    """UNKNOWN while the relevant hearing has no date: "Enter the date of the <hearing><then>"."""
    name = HEARING_NAMES[RELEVANT_HEARING[facts.route]]
    return CheckResult(code, Status.UNKNOWN, section, f"Enter the date of the {name}{then}")


def _first(records: Iterable[ServiceRecord]) -> ServiceRecord | None:
    return min(records, key=lambda r: r.served_on, default=None)


def _served(facts: ServiceFacts, document: DocumentKind, recipient: RecipientKind) -> list[ServiceRecord]:
    return [s for s in facts.services if s.document == document and s.recipient == recipient]


# --- checks -----------------------------------------------------------------------------


def check_summons_served(facts: ServiceFacts, *, today: date) -> CheckResult:
    """Guidance ch. 10: summons and application served on the defendant ≥ 7 clear working days before."""
    code, section = CODE_SUMMONS, "Guidance ch. 10; S.I. 2020/210 r. 1(2)(d); MCR 1981 r. 2(1)"
    hearing = relevant_hearing(facts, today=today)
    if hearing is None:
        return _no_hearing(
            facts, code, section, " to work out when the summons and application must be served on the defendant."
        )
    deadline = summons_latest_service_day(hearing.date)
    dates = {"hearing_on": hearing.date, "latest_service_day": deadline}
    summons = _first(_served(facts, DocumentKind.SUMMONS, RecipientKind.DEFENDANT))
    application = _first(_served(facts, DocumentKind.APPLICATION, RecipientKind.DEFENDANT))
    missing = " and ".join(name for name, r in (("summons", summons), ("application", application)) if r is None)
    if missing:
        if today > deadline:
            return CheckResult(
                code,
                Status.FAIL,
                section,
                f"No service of the {missing} on the defendant is recorded, and the last day to serve it for the "
                f"hearing on {_fmt(hearing.date)} was {_fmt(deadline)}. If it was served, record it. "
                + RELAX_TIME_LIMIT,
                dates,
            )
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            f"Serve the {missing} on the defendant by {_fmt(deadline)}: at least 7 working days before the hearing "
            f"on {_fmt(hearing.date)}, not counting the day of service, the day of the hearing, weekends or bank "
            "holidays.",
            dates,
        )
    served_on = max(summons.served_on, application.served_on)
    dates["served_on"] = served_on
    clear = working_days_between(served_on, hearing.date)
    if served_on <= deadline:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"The summons and application were served on the defendant by {_fmt(served_on)}, {clear} working days "
            f"before the hearing on {_fmt(hearing.date)} (at least 7 needed).",
            dates,
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"The summons and application were served on the defendant on {_fmt(served_on)}, only {clear} working days "
        f"before the hearing on {_fmt(hearing.date)}; the last day was {_fmt(deadline)}. " + RELAX_TIME_LIMIT,
        dates,
    )


def _hearsay_not_relied_on(facts: ServiceFacts, code: str, section: str) -> CheckResult | None:
    """The result when no notice is recorded and none is known to be needed; None to go on."""
    if any(s.document == DocumentKind.HEARSAY_NOTICE for s in facts.services) or facts.relies_on_hearsay:
        return None
    if facts.relies_on_hearsay is False:
        return CheckResult(
            code, Status.PASS, section, "No hearsay evidence is relied on, so no hearsay notice is needed."
        )
    return CheckResult(
        code,
        Status.UNKNOWN,
        section,
        "Record whether hearsay evidence is relied on; if it is, a hearsay notice must be served on the defendant "
        "at least 21 days before the hearing.",
    )


def check_hearsay_served(facts: ServiceFacts, *, today: date) -> CheckResult:
    """S.I. 1999/681 r. 3(1), guidance ch. 8 (civil, s14): hearsay notice ≥ 21 clear days before; never by email."""
    code, section = CODE_HEARSAY, "S.I. 1999/681 r. 3(1), r. 6; guidance ch. 8"
    if (result := _hearsay_not_relied_on(facts, code, section)) is not None:
        return result
    hearing = relevant_hearing(facts, today=today)
    if hearing is None:
        return _no_hearing(facts, code, section, " to work out when the hearsay notice must be served.")
    deadline = hearsay_latest_service_day(hearing.date)
    dates = {"hearing_on": hearing.date, "latest_service_day": deadline}
    notices = _served(facts, DocumentKind.HEARSAY_NOTICE, RecipientKind.DEFENDANT)
    first = _first(n for n in notices if n.method != ServiceMethod.EMAIL)
    if first is None:
        emailed = _first(notices)
        # Guidance ch. 8: "service by email is not permitted (Rule 6)" under the civil hearsay rules.
        problem = (
            f"The hearsay notice was emailed to the defendant on {_fmt(emailed.served_on)}, but the civil hearsay "
            "rules do not permit service by email, so it has not been served."
            if emailed
            else "No service of a hearsay notice on the defendant is recorded."
        )
        if today > deadline:
            return CheckResult(
                code,
                Status.FAIL,
                section,
                f"{problem} The last day to serve it for the hearing on {_fmt(hearing.date)} was {_fmt(deadline)}: "
                "ask the court or the justices' clerk to direct a different period (r. 3(2)-(3)).",
                dates,
            )
        return CheckResult(
            code,
            Status.FAIL if emailed else Status.UNKNOWN,
            section,
            f"{problem} Serve it on the defendant, not by email, by {_fmt(deadline)}: at least 21 days before the "
            f"hearing on {_fmt(hearing.date)}, not counting the day of service or the day of the hearing.",
            dates,
        )
    dates["served_on"] = first.served_on
    clear = clear_days_between(first.served_on, hearing.date)
    if first.served_on <= deadline:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"The hearsay notice was served on the defendant on {_fmt(first.served_on)}, {clear} clear days before "
            f"the hearing on {_fmt(hearing.date)} (at least 21 needed).",
            dates,
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"The hearsay notice was served on the defendant on {_fmt(first.served_on)}, only {clear} clear days before "
        f"the hearing on {_fmt(hearing.date)}; the last day was {_fmt(deadline)}. Ask the court or the justices' "
        "clerk to direct a different period (r. 3(2)-(3)).",
        dates,
    )


def check_criminal_hearsay_served(facts: ServiceFacts, *, today: date) -> CheckResult:
    """Guidance ch. 8 (criminal rules, s19): normally ≥ 21 clear days before the hearing, never < 14."""
    code, section = CODE_CRIMINAL_HEARSAY, "CrimPR 31.6; guidance ch. 8"
    if (result := _hearsay_not_relied_on(facts, code, section)) is not None:
        return result
    hearing = relevant_hearing(facts, today=today)
    if hearing is None:
        return _no_hearing(facts, code, section, " to work out when the hearsay notice must be served.")
    normal = hearsay_latest_service_day(hearing.date)
    floor = latest_calendar_service_day(hearing.date, CRIMINAL_HEARSAY_MIN_DAYS)
    dates = {"hearing_on": hearing.date, "latest_service_day": floor, "normal_latest_service_day": normal}
    first = _first(_served(facts, DocumentKind.HEARSAY_NOTICE, RecipientKind.DEFENDANT))
    when = f"the hearing on {_fmt(hearing.date)}"
    rule = "normally at least 21 days before the hearing and never less than 14"
    if first is None:
        if today <= normal:
            return CheckResult(
                code,
                Status.UNKNOWN,
                section,
                f"Serve the hearsay notice on the defendant as soon as practicable, and by {_fmt(normal)} "
                f"({rule}, not counting the day of service or {when}).",
                dates,
            )
        if today <= floor:
            return CheckResult(
                code,
                Status.WARNING,
                section,
                f"No hearsay notice is recorded and the usual last day, {_fmt(normal)}, has passed: serve it on the "
                f"defendant by {_fmt(floor)} at the latest, 14 clear days before {when}.",
                dates,
            )
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"No hearsay notice served on the defendant is recorded, and the last day to serve it for {when} was "
            f"{_fmt(floor)} (never less than 14 days before). If it was served, record it. " + RELAX_TIME_LIMIT,
            dates,
        )
    dates["served_on"] = first.served_on
    clear = clear_days_between(first.served_on, hearing.date)
    served = f"The hearsay notice was served on the defendant on {_fmt(first.served_on)}, {clear} clear days before"
    if first.served_on <= normal:
        return CheckResult(code, Status.PASS, section, f"{served} {when} (normally at least 21).", dates)
    if first.served_on <= floor:
        return CheckResult(
            code,
            Status.WARNING,
            section,
            f"{served} {when}: within the 14-day minimum but short of the usual 21, which allows time for a "
            "counter-application.",
            dates,
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"{served} {when}; it must never be less than 14 (last day {_fmt(floor)}). " + RELAX_TIME_LIMIT,
        dates,
    )


def check_s19_notice_served(facts: ServiceFacts, *, today: date) -> CheckResult:
    """CrimPR 31.3(2), guidance ch. 5-6: the notice of intention served on the court officer and defendant
    before sentencing."""
    code, section = CODE_S19_NOTICE, "CrimPR 31.3(2); guidance ch. 5, 6"
    hearing = relevant_hearing(facts, today=today)
    if hearing is None:
        return _no_hearing(
            facts,
            code,
            section,
            ". The notice of intention to apply must be served on the court officer and the defendant as soon as "
            "practicable, without waiting for the verdict.",
        )
    sentencing = hearing.date
    dates = {"hearing_on": sentencing}
    recipients = (("court officer", RecipientKind.COURT_OFFICER), ("defendant", RecipientKind.DEFENDANT))
    first = {name: _first(_served(facts, DocumentKind.S19_NOTICE, kind)) for name, kind in recipients}
    missing = " and the ".join(name for name, record in first.items() if record is None)
    on = f"sentencing on {_fmt(sentencing)}"
    if missing:
        if today < sentencing:
            return CheckResult(
                code,
                Status.UNKNOWN,
                section,
                f"Serve the notice of intention to apply on the {missing} as soon as practicable, without waiting "
                f"for the verdict, and before {on}.",
                dates,
            )
        if today == sentencing:
            return CheckResult(
                code,
                Status.WARNING,
                section,
                f"No service of the notice of intention on the {missing} is recorded and {on} is today: it must be "
                "served before sentence is passed.",
                dates,
            )
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"No service of the notice of intention on the {missing} is recorded before {on}. If it was served, "
            "record it; otherwise a KCPO on conviction can no longer be applied for, and an application otherwise "
            "than on conviction (s14) may be considered (guidance ch. 5).",
            dates,
        )
    served_on = max(record.served_on for record in first.values())
    dates["served_on"] = served_on
    if served_on < sentencing:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"The notice of intention was served on the court officer and the defendant by {_fmt(served_on)}, "
            f"before {on}.",
            dates,
        )
    if served_on == sentencing:
        return CheckResult(
            code,
            Status.WARNING,
            section,
            f"The notice of intention was served on the day of {on}: it counts only if it was served before "
            "sentence was passed. Record the time of service.",
            dates,
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"The notice of intention was served on {_fmt(served_on)}, after {on}. It must be served while the "
        "defendant is still in the court process and before sentencing (guidance ch. 5).",
        dates,
    )


def check_parent_guardian_served(facts: ServiceFacts, *, today: date) -> CheckResult:
    """A parent or guardian of a defendant under 18 on the hearing date is served before the hearing (a warning).

    s14: S.I. 2020/210 r. 2(1)(b) requires the application to name a parent or guardian of a
    defendant under 18 (or explain why it cannot); the rule on whom to serve (r. 2(1)(c) onward)
    was not retrieved, so a missing service is a WARNING. s19: CrimPR 31.3(2)(c) requires service
    on "any person on whom the order would be likely to have a significant adverse effect", for
    which the guidance (ch. 5) gives the example "parents or carers if the defendant is a child".
    """
    if facts.route == Route.S14:
        section = "S.I. 2020/210 r. 2(1)(b); guidance ch. 10"
        documents = {DocumentKind.SUMMONS, DocumentKind.APPLICATION}
        what = "the summons or application"
    else:
        section = "CrimPR 31.3(2)(c); guidance ch. 5"
        documents = {DocumentKind.S19_NOTICE}
        what = "the notice of intention to apply"
    code = CODE_PARENT
    then = " to see whether a parent or guardian must be served too."
    hearing = relevant_hearing(facts, today=today)
    if hearing is None:
        return _no_hearing(facts, code, section, then)
    dob = facts.defendant_date_of_birth
    if dob is None:
        return CheckResult(code, Status.UNKNOWN, section, f"Enter the defendant's date of birth{then}")
    turns_18 = birthday(dob, ADULT_AGE)
    dates = {"hearing_on": hearing.date, "turns_18_on": turns_18}
    age = age_on(dob, hearing.date)
    if hearing.date >= turns_18:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"The defendant is {age} on the hearing date ({_fmt(hearing.date)}), so no parent or guardian needs "
            "serving.",
            dates,
        )
    first = _first(
        s for s in facts.services if s.recipient == RecipientKind.PARENT_GUARDIAN and s.document in documents
    )
    if first is not None and first.served_on < hearing.date:
        dates["served_on"] = first.served_on
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"The defendant is {age} on the hearing date; a parent or guardian was served with {what} on "
            f"{_fmt(first.served_on)}.",
            dates,
        )
    return CheckResult(
        code,
        Status.WARNING,
        section,
        f"The defendant is {age} on the hearing date ({_fmt(hearing.date)}) and no parent or guardian is recorded as "
        f"served with {what} before it. Serve them too, or record why that cannot be done.",
        dates,
    )


S14_SERVICE_CHECKS = (check_summons_served, check_hearsay_served, check_parent_guardian_served)
S19_SERVICE_CHECKS = (check_s19_notice_served, check_criminal_hearsay_served, check_parent_guardian_served)


def assess_service(facts: ServiceFacts, *, today: date) -> tuple[CheckResult, ...]:
    """Every service check for the route, as of `today` (passed in; the engine never reads the clock).

    s14: SERVICE_SUMMONS_7_WORKING_DAYS, SERVICE_HEARSAY_21_DAYS, SERVICE_PARENT_GUARDIAN.
    s19: SERVICE_S19_BEFORE_SENTENCING, SERVICE_HEARSAY_CRIMINAL_21_DAYS, SERVICE_PARENT_GUARDIAN.
    """
    checks = S14_SERVICE_CHECKS if facts.route == Route.S14 else S19_SERVICE_CHECKS
    return tuple(check(facts, today=today) for check in checks)
