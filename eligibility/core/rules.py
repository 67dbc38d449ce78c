"""Each check of DESIGN §4 for the s14 and s19 routes, one function per check.

Every function takes the facts and returns one CheckResult citing its section. They never
raise on missing facts: what cannot be decided is UNKNOWN, with the missing fact named.
"""

from datetime import date

from eligibility.core.dates import age_on, birthday, day_text, last_order_date_counting, relevant_period_start
from eligibility.core.determination import CheckResult, Court, Status
from eligibility.core.facts import (
    NATIONAL_FORCES,
    PLACES_IN_SECTION_14_3,
    Conviction,
    Disposal,
    Facts,
    InForcePeriod,
    Occasion,
)

MIN_AGE = 12  # s14(1), s19(1)(a)
ADULT_AGE = 18  # s15 (court, YOT consultation), s20(1)
MIN_OCCASIONS = 2  # s14(3)


def in_force_period_on(facts: Facts, day: date) -> InForcePeriod | None:
    """The period in which ss.14-33 are in force for the area on `day` (s31; S.I. 2021/762 reg. 2), if any."""
    return next((p for p in facts.in_force_periods if p.contains(day)), None)


def _conviction(facts: Facts) -> Conviction:
    """The conviction facts; none recorded reads as every one of them unknown."""
    return facts.conviction or Conviction()


# --- shared ----------------------------------------------------------------------------


def check_in_force(facts: Facts) -> CheckResult:
    code, section = "IN_FORCE", "s31; S.I. 2021/762 reg. 2"
    if facts.order_date is None:
        return CheckResult(code, Status.UNKNOWN, section, "Enter the date the order would be made.")
    if not facts.in_force_periods:
        if facts.police_area is None:
            return CheckResult(code, Status.UNKNOWN, section, "Enter the police area to see whether ss.14–33 apply.")
        return CheckResult(
            code, Status.FAIL, section, f"Sections 14 to 33 have never been in force for the area {facts.police_area}."
        )
    period = in_force_period_on(facts, facts.order_date)
    if period is None:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            f"Sections 14 to 33 are not in force for this area on {day_text(facts.order_date)}, "
            "so no order can be made.",
        )
    until = f" until {day_text(period.ends)}" if period.ends else ""
    return CheckResult(
        code,
        Status.PASS,
        section,
        f"Sections 14 to 33 are in force here on {day_text(facts.order_date)} (from {day_text(period.starts)}{until}).",
        {"in_force_from": period.starts} | ({"in_force_until": period.ends} if period.ends else {}),
    )


def _check_min_age(facts: Facts, *, code: str, section: str, on: date | None, on_what: str) -> CheckResult:
    dob = facts.subject.date_of_birth
    if dob is None or on is None:
        missing = "date of birth" if dob is None else on_what
        return CheckResult(code, Status.UNKNOWN, section, f"Enter the {missing} to check the minimum age of 12.")
    turns_12 = birthday(dob, MIN_AGE)
    if on >= turns_12:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"Aged {age_on(dob, on)} on the {on_what} ({day_text(on)}): 12 or over.",
            {"turns_12_on": turns_12},
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"Aged {age_on(dob, on)} on the {on_what} ({day_text(on)}). An order needs the defendant to be 12 or over; "
        f"they turn 12 on {day_text(turns_12)}.",
        {"turns_12_on": turns_12},
    )


def yot_consultation_required(date_of_birth: date, application_date: date) -> bool:
    """Whether the youth offending team must be consulted before the application: the defendant
    is under 18 on the date of the application (s15(5) for an order under s14; s20(1)-(2) for one
    under s19). They are 18 from the start of their 18th birthday (FLRA 1969 s9; 29 February
    births as `dates.birthday`), so on that day no consultation is needed."""
    return application_date < birthday(date_of_birth, ADULT_AGE)


def under_18_on_application(facts: Facts) -> bool | None:
    """Under 18 on the application date (the order date if none is given), which decides both the
    YOT consultation (s15(5), s20) and the court (s15, per the guidance); None while unknown."""
    dob, on = facts.subject.date_of_birth, facts.effective_application_date
    if dob is None or on is None:
        return None
    return yot_consultation_required(dob, on)


def _check_necessity(facts: Facts, *, code: str, section: str) -> CheckResult:
    if facts.necessity_grounds:
        return CheckResult(
            code, Status.PASS, section, "A necessity ground is chosen; the court must be satisfied of it."
        )
    return CheckResult(
        code,
        Status.UNKNOWN,
        section,
        "Choose at least one ground: to protect the public, to protect particular people (including the "
        "defendant), or to prevent the defendant committing an offence involving a bladed article.",
    )


# --- s14: otherwise than on conviction ------------------------------------------------


def check_s14_min_age(facts: Facts) -> CheckResult:
    return _check_min_age(facts, code="S14_MIN_AGE", section="s14(1)", on=facts.order_date, on_what="order date")


def occasion_qualifies(occasion: Occasion, facts: Facts) -> bool | None:
    """Whether one occasion counts under s14(3)-(4) for an order made on facts.order_date.

    True / False when decidable, None when a missing fact decides it. The screening query
    applies the same conditions in SQL (see eligibility.screening).
    """
    if facts.order_date is None or occasion.date is None:
        return None
    if not (relevant_period_start(facts.order_date) <= occasion.date <= facts.order_date):
        return False
    # s14(4): only events after the section came into force; we also require the section
    # to have been in force in the area on that day (a gap between periods does not count).
    if in_force_period_on(facts, occasion.date) is None:
        return False
    if occasion.place is None:
        return None
    if occasion.place not in PLACES_IN_SECTION_14_3:
        return False
    if occasion.good_reason is not None:
        return False  # s14(3), (5): with good reason or lawful authority it does not count
    if not occasion.good_reason_known:
        return None
    return True


def qualifying_occasions(facts: Facts) -> list[Occasion]:
    """Qualifying occasions, most recent first (ties broken by id, for stable output)."""
    found = [o for o in facts.occasions if occasion_qualifies(o, facts) is True]
    return sorted(found, key=lambda o: (o.date, o.id), reverse=True)


def check_s14_two_occasions(facts: Facts) -> CheckResult:
    code, section = "S14_TWO_OCCASIONS", "s14(3)-(5)"
    if facts.order_date is None:
        return CheckResult(code, Status.UNKNOWN, section, "Enter the order date to work out the relevant period.")
    start = relevant_period_start(facts.order_date)
    period = {"relevant_period_start": start, "relevant_period_end": facts.order_date}
    found = qualifying_occasions(facts)
    undecided = [o for o in facts.occasions if occasion_qualifies(o, facts) is None]
    window = f"the relevant period ({day_text(start)} to {day_text(facts.order_date)})"
    if len(found) >= MIN_OCCASIONS:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"{len(found)} occasions in {window} count: a bladed article in a public place, school or further "
            "education premises, without good reason or lawful authority.",
            period,
        )
    if len(found) + len(undecided) >= MIN_OCCASIONS:
        return CheckResult(
            code,
            Status.UNKNOWN,
            section,
            f"{len(found)} occasion(s) in {window} count so far; {len(undecided)} more cannot be assessed until "
            "their date, place or any good reason claimed is recorded.",
            period,
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"Only {len(found)} occasion(s) in {window} count; the Act needs at least two.",
        period,
    )


def check_s14_necessity(facts: Facts) -> CheckResult:
    return _check_necessity(facts, code="S14_NECESSITY", section="s14(6)")


def check_s15_applicant(facts: Facts) -> CheckResult:
    code, section = "S15_APPLICANT", "s15(1)-(2)"
    area, subject = facts.police_area, facts.subject
    if area is None:
        return CheckResult(code, Status.UNKNOWN, section, "Enter the applicant's police area.")
    if area in NATIONAL_FORCES:
        return CheckResult(
            code, Status.PASS, section, "The British Transport Police and the MoD Police may apply (s15(1)(b)-(c))."
        )
    if subject.police_area == area:
        return CheckResult(
            code, Status.PASS, section, "The defendant lives in the applicant's police area (s15(2)(a))."
        )
    if subject.in_or_intends_to_come_to_area:
        return CheckResult(
            code, Status.PASS, section, "The defendant is in, or intends to come to, the applicant's area (s15(2)(b))."
        )
    if subject.police_area is not None and subject.in_or_intends_to_come_to_area is False:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            "The defendant lives elsewhere and is not in, nor intends to come to, this area: "
            "the chief officer where they live should apply.",
        )
    return CheckResult(
        code,
        Status.WARNING,
        section,
        "Confirm that the defendant lives in, is in, or intends to come to the applicant's police area.",
    )


def court_for(facts: Facts) -> Court | None:
    """s15 (per the guidance): youth court under 18 on the application date, else magistrates'."""
    under_18 = under_18_on_application(facts)
    if under_18 is None:
        return None
    return Court.YOUTH_COURT if under_18 else Court.MAGISTRATES_COURT


def check_s15_court(facts: Facts) -> CheckResult:
    code, section = "S15_COURT", "s15; s14(2)"
    court = court_for(facts)
    if court is None:
        return CheckResult(code, Status.UNKNOWN, section, "Enter the date of birth and the application date.")
    turns_18 = birthday(facts.subject.date_of_birth, ADULT_AGE)
    where = "the youth court (under 18" if court == Court.YOUTH_COURT else "a magistrates' court (18 or over"
    return CheckResult(
        code,
        Status.PASS,
        section,
        f"Apply by complaint to {where} on the application date, {day_text(facts.effective_application_date)}).",
        {"turns_18_on": turns_18},
    )


def _check_yot(facts: Facts, *, code: str, section: str) -> CheckResult:
    under_18 = under_18_on_application(facts)
    if under_18 is None:
        return CheckResult(code, Status.UNKNOWN, section, "Enter the date of birth and the application date.")
    if not under_18:
        return CheckResult(
            code, Status.PASS, section, "No YOT consultation needed: 18 or over on the application date."
        )
    if facts.yot_consulted:
        return CheckResult(code, Status.PASS, section, "Under 18 on the application date; the YOT has been consulted.")
    return CheckResult(
        code,
        Status.WARNING,
        section,
        "Under 18 on the application date: consult the youth offending team where the defendant lives before "
        "applying (not needed before a without-notice interim hearing, but before the full hearing).",
    )


def check_s15_yot(facts: Facts) -> CheckResult:
    return _check_yot(facts, code="S15_YOT_CONSULTATION", section="s15(5); s16(2)")


# --- s19: on conviction ---------------------------------------------------------------


def check_s19_min_age(facts: Facts) -> CheckResult:
    # s19(1)(a): aged 12 or over when convicted; before conviction, on the day the order would be made.
    if (convicted_on := _conviction(facts).conviction_date) is not None:
        on, what = convicted_on, "conviction date"
    else:
        on, what = facts.order_date, "order date"
    return _check_min_age(facts, code="S19_MIN_AGE", section="s19(1)(a)", on=on, on_what=what)


def check_s19_offence_after_commencement(facts: Facts) -> CheckResult:
    code, section = "S19_OFFENCE_AFTER_COMMENCEMENT", "s19(1)(a)"
    offence_date = _conviction(facts).offence_date
    if offence_date is None:
        return CheckResult(code, Status.UNKNOWN, section, "Enter the date of the offence.")
    if not facts.in_force_periods:
        if facts.police_area is None:
            return CheckResult(code, Status.UNKNOWN, section, "Enter the police area to find when s19 came into force.")
        return CheckResult(
            code, Status.FAIL, section, f"Section 19 has never been in force for the area {facts.police_area}."
        )
    commenced = min(p.starts for p in facts.in_force_periods)
    if offence_date >= commenced:
        return CheckResult(
            code,
            Status.PASS,
            section,
            f"The offence ({day_text(offence_date)}) was committed after s19 came into force.",
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        f"The offence ({day_text(offence_date)}) was committed before s19 came into force here "
        f"({day_text(commenced)}).",
    )


def check_s19_relevant_offence(facts: Facts) -> CheckResult:
    code, section = "S19_RELEVANT_OFFENCE", "s19(1)(b), (10)"
    limbs = _conviction(facts).limbs
    if limbs is None:
        return CheckResult(code, Status.UNKNOWN, section, "Record which relevant-offence limbs apply.")
    if limbs:
        return CheckResult(
            code, Status.PASS, section, "The offence is a relevant offence (violence, or a bladed article used or had)."
        )
    return CheckResult(
        code,
        Status.FAIL,
        section,
        "Not a relevant offence: it involved neither violence or its threat, nor a bladed article used or had.",
    )


def check_s19_prosecution_applies(facts: Facts) -> CheckResult:
    code, section = "S19_PROSECUTION_APPLIES", "s19(3)"
    if facts.prosecution_applies is None:
        return CheckResult(code, Status.UNKNOWN, section, "Record whether the prosecution will apply for the order.")
    if facts.prosecution_applies:
        return CheckResult(code, Status.PASS, section, "The prosecution applies for the order.")
    return CheckResult(code, Status.FAIL, section, "Only the prosecution can apply for an order on conviction.")


def check_s19_necessity(facts: Facts) -> CheckResult:
    return _check_necessity(facts, code="S19_NECESSITY", section="s19(4)")


def check_s19_convicted(facts: Facts) -> CheckResult:
    code, section = "S19_CONVICTED", "s19(1)(a)"
    conviction_date = _conviction(facts).conviction_date
    if conviction_date is None:
        return CheckResult(
            code,
            Status.WARNING,
            section,
            "Not yet convicted: serve the notice without waiting for the verdict; an acquittal, discontinuance or "
            "no case to answer ends the application.",
        )
    if facts.order_date is not None and conviction_date > facts.order_date:
        return CheckResult(code, Status.FAIL, section, "The order cannot be made before the conviction.")
    return CheckResult(code, Status.PASS, section, f"Convicted on {day_text(conviction_date)}.")


def check_s19_with_sentence(facts: Facts) -> CheckResult:
    code, section = "S19_WITH_SENTENCE", "s19(7)"
    disposal = _conviction(facts).disposal
    if disposal is None:
        return CheckResult(code, Status.UNKNOWN, section, "Record the disposal (or that sentencing is pending).")
    if disposal in (Disposal.SENTENCE, Disposal.CONDITIONAL_DISCHARGE):
        return CheckResult(
            code, Status.PASS, section, "The order is made in addition to a sentence or a conditional discharge."
        )
    if disposal == Disposal.ABSOLUTE_DISCHARGE:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            "An order cannot accompany an absolute discharge, only a sentence or a conditional discharge.",
        )
    return CheckResult(
        code,
        Status.WARNING,
        section,
        "Sentencing is pending: the order can only be made in addition to a sentence or a conditional discharge.",
    )


def check_s19_notice_before_sentencing(facts: Facts) -> CheckResult:
    code, section = "S19_NOTICE_BEFORE_SENTENCING", "s19(7), (9A); CrimPR 31.3(2)"
    sentenced = _conviction(facts).sentenced
    if sentenced is None:
        return CheckResult(code, Status.UNKNOWN, section, "Record whether the defendant has already been sentenced.")
    if sentenced:
        return CheckResult(
            code,
            Status.FAIL,
            section,
            "The defendant has been sentenced without an application: the notice of intention must be served before "
            "sentencing (the court may only adjourn an application already made, s19(9A)).",
        )
    return CheckResult(
        code,
        Status.PASS,
        section,
        "Not yet sentenced: serve the notice of intention on the court officer, the defendant and anyone "
        "significantly affected as soon as practicable, without waiting for the verdict.",
    )


def check_s20_yot(facts: Facts) -> CheckResult:
    return _check_yot(facts, code="S20_YOT_CONSULTATION", section="s20(1)-(2)")


S14_CHECKS = (
    check_in_force,
    check_s14_min_age,
    check_s14_two_occasions,
    check_s14_necessity,
    check_s15_applicant,
    check_s15_court,
    check_s15_yot,
)
S19_CHECKS = (
    check_in_force,
    check_s19_min_age,
    check_s19_offence_after_commencement,
    check_s19_relevant_offence,
    check_s19_convicted,
    check_s19_prosecution_applies,
    check_s19_necessity,
    check_s19_with_sentence,
    check_s19_notice_before_sentencing,
    check_s20_yot,
)


def eligible_until(facts: Facts) -> date | None:
    """The last day an order could still be made on the recorded facts (derived from s14(4)):
    the earlier of the day the second-most-recent qualifying occasion leaves the relevant
    period and the end of the in-force period."""
    found = qualifying_occasions(facts)
    if len(found) < MIN_OCCASIONS or facts.order_date is None:
        return None
    last = last_order_date_counting(found[MIN_OCCASIONS - 1].date)
    period = in_force_period_on(facts, facts.order_date)
    if period is None:
        return None
    return min(last, period.ends) if period.ends else last
