"""Service deadlines before KCPO hearings (no database): the day before, of and after each deadline.

Sources (reference/procedure-and-commencement.md Part B; guidance = seeds/003):
- guidance ch. 10: summons and application served on the defendant "a minimum of seven working
  days ahead of the hearing"; working days per MCR 1981 r. 2(1) via S.I. 2020/210 r. 1(2)(d);
- S.I. 1999/681 r. 3(1): civil hearsay notice "not less than 21 days before the date fixed for the
  hearing"; guidance ch. 8: "service by email is not permitted (Rule 6)";
- guidance ch. 8 (criminal rules): "normally at least 21 days ... and never less than 14 days";
- CrimPR 31.3(2), guidance ch. 5: notice of intention served on the court officer and the
  defendant "prior to sentencing"; a parent or carer of a child as a person significantly affected;
- S.I. 2020/210 r. 2(1)(b): a parent or guardian of a defendant under 18 is named in the application.
Days are counted clear: neither the day of service nor the day of the hearing counts.
"""

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
import time_machine

from eligibility.core import Route, Status, call_witness_notice_last_day
from eligibility.core.service import (
    DocumentKind,
    Hearing,
    HearingKind,
    RecipientKind,
    ServiceFacts,
    ServiceMethod,
    ServiceRecord,
    assess_service,
    check_criminal_hearsay_served,
    check_hearsay_served,
    check_parent_guardian_served,
    check_s19_notice_served,
    check_summons_served,
    clear_days_between,
    latest_calendar_service_day,
    relevant_hearing,
)

ONE_DAY = timedelta(days=1)
D = RecipientKind.DEFENDANT


def served(document, on, recipient=D, method=ServiceMethod.PERSONAL):
    return ServiceRecord(document=document, recipient=recipient, served_on=on, method=method)


def s14(hearing_on, *services, **changes):
    facts = ServiceFacts(
        route=Route.S14,
        hearings=(Hearing(hearing_on, HearingKind.FULL),),
        services=services,
        defendant_date_of_birth=date(2000, 1, 1),
        relies_on_hearsay=False,
    )
    return replace(facts, **changes)


def s19(sentencing_on, *services, **changes):
    facts = ServiceFacts(
        route=Route.S19,
        hearings=(Hearing(sentencing_on, HearingKind.SENTENCING),),
        services=services,
        defendant_date_of_birth=date(2000, 1, 1),
        relies_on_hearsay=False,
    )
    return replace(facts, **changes)


def summons_and_application(on):
    return served(DocumentKind.SUMMONS, on), served(DocumentKind.APPLICATION, on)


# --- SERVICE_SUMMONS_7_WORKING_DAYS: guidance ch. 10; MCR 1981 r. 2(1) -------------------

# (hearing, last day for service), each across real bank holidays.
SUMMONS_DEADLINES = [
    (date(2022, 6, 13), date(2022, 5, 30)),  # Platinum Jubilee, 2-3 June 2022
    (date(2022, 9, 27), date(2022, 9, 14)),  # state funeral, 19 September 2022
    (date(2023, 5, 16), date(2023, 5, 3)),  # coronation, 8 May 2023
    (date(2025, 4, 29), date(2025, 4, 15)),  # Easter 2025
    (date(2022, 1, 5), date(2021, 12, 21)),  # Christmas 2021 substitute days, New Year 2022
    (date(2023, 1, 4), date(2022, 12, 20)),  # Christmas 2022 substitute day, New Year 2023
]


@pytest.mark.parametrize(("hearing", "latest"), SUMMONS_DEADLINES)
@pytest.mark.parametrize(
    ("offset", "expected"), [(-1, Status.PASS), (0, Status.PASS), (1, Status.FAIL)], ids=["before", "of", "after"]
)
def test_summons_and_application_served_7_working_days_before_the_hearing(hearing, latest, offset, expected):
    facts = s14(hearing, *summons_and_application(latest + offset * ONE_DAY))
    result = check_summons_served(facts, today=hearing)
    assert (result.code, result.status, result.dates["latest_service_day"]) == (
        "SERVICE_SUMMONS_7_WORKING_DAYS",
        expected,
        latest,
    )


def test_summons_served_on_the_last_day_explains_the_count():
    facts = s14(date(2022, 6, 13), *summons_and_application(date(2022, 5, 30)))
    check = check_summons_served(facts, today=date(2022, 6, 1))
    assert check.section == "Guidance ch. 10; S.I. 2020/210 r. 1(2)(d); MCR 1981 r. 2(1)"
    assert check.explanation == (
        "The summons and application were served on the defendant by Monday 30 May 2022, 7 working days before "
        "the hearing on Monday 13 June 2022 (at least 7 needed)."
    )
    assert check.dates == {
        "hearing_on": date(2022, 6, 13),
        "latest_service_day": date(2022, 5, 30),
        "served_on": date(2022, 5, 30),
    }


def test_late_summons_fails_with_the_count_and_the_deadline():
    facts = s14(date(2022, 6, 13), *summons_and_application(date(2022, 5, 31)))
    check = check_summons_served(facts, today=date(2022, 6, 1))
    assert check.status == Status.FAIL
    assert check.explanation.startswith(
        "The summons and application were served on the defendant on Tuesday 31 May 2022, only 6 working days "
        "before the hearing on Monday 13 June 2022; the last day was Monday 30 May 2022."
    )


def test_the_later_of_summons_and_application_decides():
    facts = s14(
        date(2022, 6, 13),
        served(DocumentKind.SUMMONS, date(2022, 5, 20)),
        served(DocumentKind.APPLICATION, date(2022, 5, 31)),
    )
    check = check_summons_served(facts, today=date(2022, 6, 1))
    assert (check.status, check.dates["served_on"]) == (Status.FAIL, date(2022, 5, 31))


def test_a_repeat_service_does_not_undo_an_earlier_one_in_time():
    facts = s14(
        date(2022, 6, 13),
        *summons_and_application(date(2022, 5, 20)),
        served(DocumentKind.SUMMONS, date(2022, 6, 10), method=ServiceMethod.POST),
    )
    assert check_summons_served(facts, today=date(2022, 6, 10)).status == Status.PASS


# Nothing served yet: still time on the last day, a failure the day after.
@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2022, 5, 29), Status.UNKNOWN), (date(2022, 5, 30), Status.UNKNOWN), (date(2022, 5, 31), Status.FAIL)],
)
def test_missing_summons_is_unknown_until_the_last_day_for_service_has_passed(today, expected):
    check = check_summons_served(s14(date(2022, 6, 13)), today=today)
    assert (check.status, check.dates) == (
        expected,
        {"hearing_on": date(2022, 6, 13), "latest_service_day": date(2022, 5, 30)},
    )


def test_missing_application_is_named():
    facts = s14(date(2022, 6, 13), served(DocumentKind.SUMMONS, date(2022, 5, 20)))
    check = check_summons_served(facts, today=date(2022, 5, 25))
    assert check.explanation == (
        "Serve the application on the defendant by Monday 30 May 2022: at least 7 working days before the hearing "
        "on Monday 13 June 2022, not counting the day of service, the day of the hearing, weekends or bank holidays."
    )


def test_service_on_a_parent_is_not_service_on_the_defendant():
    facts = s14(
        date(2022, 6, 13),
        served(DocumentKind.SUMMONS, date(2022, 5, 20), RecipientKind.PARENT_GUARDIAN),
        served(DocumentKind.APPLICATION, date(2022, 5, 20), RecipientKind.PARENT_GUARDIAN),
    )
    assert check_summons_served(facts, today=date(2022, 5, 31)).status == Status.FAIL


@pytest.mark.parametrize(
    "hearings", [(), (Hearing(date(2022, 6, 13), HearingKind.WITHOUT_NOTICE),)], ids=["none", "without-notice"]
)
def test_without_a_full_hearing_date_the_summons_deadline_is_unknown(hearings):
    check = check_summons_served(s14(date(2022, 6, 13), hearings=hearings), today=date(2022, 5, 1))
    assert (check.status, check.dates) == (Status.UNKNOWN, {})


# After an adjournment the next full hearing on or after today counts; once all are past, the last.
@pytest.mark.parametrize(
    ("today", "hearing"),
    [
        (date(2022, 6, 13), date(2022, 6, 13)),
        (date(2022, 6, 14), date(2022, 7, 11)),
        (date(2022, 7, 11), date(2022, 7, 11)),
        (date(2022, 7, 12), date(2022, 7, 11)),
    ],
)
def test_the_relevant_hearing_is_the_next_one(today, hearing):
    facts = s14(
        date(2022, 6, 13),
        hearings=(
            Hearing(date(2022, 7, 11), HearingKind.FULL),
            Hearing(date(2022, 6, 13), HearingKind.FULL),
            Hearing(date(2022, 6, 20), HearingKind.REVIEW),
        ),
    )
    assert relevant_hearing(facts, today=today) == Hearing(hearing, HearingKind.FULL)


def test_late_service_for_the_first_hearing_is_in_time_for_the_adjourned_one():
    facts = s14(
        date(2022, 6, 13),
        *summons_and_application(date(2022, 6, 6)),
        hearings=(Hearing(date(2022, 6, 13), HearingKind.FULL), Hearing(date(2022, 7, 11), HearingKind.FULL)),
    )
    assert check_summons_served(facts, today=date(2022, 6, 13)).status == Status.FAIL
    assert check_summons_served(facts, today=date(2022, 6, 14)).status == Status.PASS


# --- SERVICE_HEARSAY_21_DAYS: S.I. 1999/681 r. 3(1); guidance ch. 8 ----------------------


def hearsay(on, method=ServiceMethod.POST, recipient=D):
    return served(DocumentKind.HEARSAY_NOTICE, on, recipient, method)


def test_21_clear_days_follow_cpr_2_8_s_own_example():
    # CPR 2.8: "served at least 3 days before the hearing ... heard on Friday 20 October.
    # The last date for service is Monday 16 October."
    assert latest_calendar_service_day(date(2023, 10, 20), 3) == date(2023, 10, 16)
    assert clear_days_between(date(2023, 10, 16), date(2023, 10, 20)) == 3


# Hearing Friday 30 June 2023: the last day is Thursday 8 June (9-29 June are 21 clear days).
@pytest.mark.parametrize(
    ("served_on", "expected"),
    [(date(2023, 6, 7), Status.PASS), (date(2023, 6, 8), Status.PASS), (date(2023, 6, 9), Status.FAIL)],
)
def test_civil_hearsay_notice_at_least_21_days_before_the_hearing(served_on, expected):
    facts = s14(date(2023, 6, 30), hearsay(served_on), relies_on_hearsay=True)
    check = check_hearsay_served(facts, today=date(2023, 6, 12))
    assert (check.code, check.status, check.section, check.dates["latest_service_day"]) == (
        "SERVICE_HEARSAY_21_DAYS",
        expected,
        "S.I. 1999/681 r. 3(1), r. 6; guidance ch. 8",
        date(2023, 6, 8),
    )


# The 21 days are calendar days: a bank holiday counts, and service on one is still service.
# Hearing Tuesday 30 May 2023; the last day is Monday 8 May 2023, the coronation bank holiday.
@pytest.mark.parametrize(
    ("served_on", "expected"),
    [(date(2023, 5, 7), Status.PASS), (date(2023, 5, 8), Status.PASS), (date(2023, 5, 9), Status.FAIL)],
)
def test_civil_hearsay_days_are_calendar_days_even_over_a_bank_holiday(served_on, expected):
    facts = s14(date(2023, 5, 30), hearsay(served_on, ServiceMethod.PERSONAL), relies_on_hearsay=True)
    assert check_hearsay_served(facts, today=date(2023, 5, 10)).status == expected


def test_a_civil_hearsay_notice_served_by_email_fails_however_early():
    facts = s14(date(2023, 6, 30), hearsay(date(2023, 5, 1), ServiceMethod.EMAIL), relies_on_hearsay=True)
    check = check_hearsay_served(facts, today=date(2023, 5, 2))
    assert check.status == Status.FAIL
    assert check.explanation == (
        "The hearsay notice was emailed to the defendant on Monday 1 May 2023, but the civil hearsay rules do not "
        "permit service by email, so it has not been served. Serve it on the defendant, not by email, by Thursday "
        "8 June 2023: at least 21 days before the hearing on Friday 30 June 2023, not counting the day of service or "
        "the day of the hearing."
    )


def test_an_emailed_copy_does_not_spoil_a_notice_posted_in_time():
    facts = s14(
        date(2023, 6, 30),
        hearsay(date(2023, 5, 1), ServiceMethod.EMAIL),
        hearsay(date(2023, 6, 8), ServiceMethod.POST),
    )
    check = check_hearsay_served(facts, today=date(2023, 6, 9))
    assert (check.status, check.dates["served_on"]) == (Status.PASS, date(2023, 6, 8))


@pytest.mark.parametrize(
    ("relies", "today", "expected"),
    [
        (False, date(2023, 6, 20), Status.PASS),  # no hearsay relied on: no notice needed
        (None, date(2023, 6, 1), Status.UNKNOWN),  # not yet recorded
        (True, date(2023, 6, 7), Status.UNKNOWN),
        (True, date(2023, 6, 8), Status.UNKNOWN),  # the last day: still time
        (True, date(2023, 6, 9), Status.FAIL),  # too late to serve in time
    ],
)
def test_a_missing_civil_hearsay_notice(relies, today, expected):
    facts = s14(date(2023, 6, 30), relies_on_hearsay=relies)
    assert check_hearsay_served(facts, today=today).status == expected


# --- SERVICE_HEARSAY_CRIMINAL_21_DAYS: guidance ch. 8 (criminal rules; CrimPR 31.6) --------


# Sentencing Friday 30 June 2023: normally by Thursday 8 June (21 clear days), never after
# Thursday 15 June (14 clear days).
@pytest.mark.parametrize(
    ("served_on", "expected"),
    [
        (date(2023, 6, 7), Status.PASS),
        (date(2023, 6, 8), Status.PASS),
        (date(2023, 6, 9), Status.WARNING),
        (date(2023, 6, 14), Status.WARNING),
        (date(2023, 6, 15), Status.WARNING),
        (date(2023, 6, 16), Status.FAIL),
    ],
)
def test_criminal_hearsay_notice_normally_21_and_never_less_than_14_days(served_on, expected):
    facts = s19(date(2023, 6, 30), hearsay(served_on, ServiceMethod.EMAIL))  # email is allowed here
    check = check_criminal_hearsay_served(facts, today=date(2023, 6, 20))
    assert (check.code, check.status, check.section, check.dates) == (
        "SERVICE_HEARSAY_CRIMINAL_21_DAYS",
        expected,
        "CrimPR 31.6; guidance ch. 8",
        {
            "hearing_on": date(2023, 6, 30),
            "latest_service_day": date(2023, 6, 15),
            "normal_latest_service_day": date(2023, 6, 8),
            "served_on": served_on,
        },
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 6, 8), Status.UNKNOWN),
        (date(2023, 6, 9), Status.WARNING),
        (date(2023, 6, 15), Status.WARNING),
        (date(2023, 6, 16), Status.FAIL),
    ],
)
def test_a_missing_criminal_hearsay_notice(today, expected):
    facts = s19(date(2023, 6, 30), relies_on_hearsay=True)
    assert check_criminal_hearsay_served(facts, today=today).status == expected


# --- SERVICE_S19_BEFORE_SENTENCING: CrimPR 31.3(2); guidance ch. 5-6 --------------------


def s19_notice(on, recipient=D):
    return served(DocumentKind.S19_NOTICE, on, recipient)


@pytest.mark.parametrize(
    ("served_on", "expected"),
    [(date(2023, 6, 29), Status.PASS), (date(2023, 6, 30), Status.WARNING), (date(2023, 7, 1), Status.FAIL)],
)
def test_s19_notice_served_on_court_officer_and_defendant_before_sentencing(served_on, expected):
    facts = s19(
        date(2023, 6, 30),
        s19_notice(date(2023, 5, 2), RecipientKind.COURT_OFFICER),
        s19_notice(served_on),
    )
    check = check_s19_notice_served(facts, today=date(2023, 7, 3))
    assert (check.code, check.status, check.section, check.dates) == (
        "SERVICE_S19_BEFORE_SENTENCING",
        expected,
        "CrimPR 31.3(2); guidance ch. 5, 6",
        {"hearing_on": date(2023, 6, 30), "served_on": served_on},
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2023, 6, 29), Status.UNKNOWN), (date(2023, 6, 30), Status.WARNING), (date(2023, 7, 1), Status.FAIL)],
)
def test_s19_notice_not_yet_served_on_the_court_officer(today, expected):
    facts = s19(date(2023, 6, 30), s19_notice(date(2023, 5, 2)))
    check = check_s19_notice_served(facts, today=today)
    assert check.status == expected
    assert "on the court officer" in check.explanation


def test_s19_notice_served_on_neither_names_both():
    check = check_s19_notice_served(s19(date(2023, 6, 30)), today=date(2023, 6, 1))
    assert check.explanation == (
        "Serve the notice of intention to apply on the court officer and the defendant as soon as practicable, "
        "without waiting for the verdict, and before sentencing on Friday 30 June 2023."
    )


def test_without_a_sentencing_date_the_s19_notice_is_unknown():
    facts = s19(date(2023, 6, 30), hearings=(Hearing(date(2023, 6, 30), HearingKind.FULL),))
    check = check_s19_notice_served(facts, today=date(2023, 6, 1))
    assert (check.status, check.explanation) == (
        Status.UNKNOWN,
        "Enter the date of the sentencing hearing. The notice of intention to apply must be served on the court "
        "officer and the defendant as soon as practicable, without waiting for the verdict.",
    )


# --- SERVICE_PARENT_GUARDIAN: S.I. 2020/210 r. 2(1)(b); CrimPR 31.3(2)(c); guidance ch. 5 ----


# Hearing Monday 13 June 2022. Born 13 June 2004: 18 on the hearing day. Born 14 June 2004: 17.
@pytest.mark.parametrize(
    ("date_of_birth", "expected"),
    [(date(2004, 6, 12), Status.PASS), (date(2004, 6, 13), Status.PASS), (date(2004, 6, 14), Status.WARNING)],
)
def test_a_parent_or_guardian_must_be_served_only_while_the_defendant_is_under_18(date_of_birth, expected):
    facts = s14(date(2022, 6, 13), *summons_and_application(date(2022, 5, 20)), defendant_date_of_birth=date_of_birth)
    check = check_parent_guardian_served(facts, today=date(2022, 6, 1))
    assert (check.code, check.status, check.section) == (
        "SERVICE_PARENT_GUARDIAN",
        expected,
        "S.I. 2020/210 r. 2(1)(b); guidance ch. 10",
    )


@pytest.mark.parametrize(
    ("served_on", "expected"),
    [(date(2022, 6, 12), Status.PASS), (date(2022, 6, 13), Status.WARNING), (date(2022, 6, 14), Status.WARNING)],
)
def test_a_parent_or_guardian_of_a_child_is_served_before_the_hearing(served_on, expected):
    facts = s14(
        date(2022, 6, 13),
        served(DocumentKind.APPLICATION, served_on, RecipientKind.PARENT_GUARDIAN),
        defendant_date_of_birth=date(2006, 1, 1),
    )
    assert check_parent_guardian_served(facts, today=date(2022, 6, 14)).status == expected


def test_a_child_s_parent_not_served_is_a_warning_with_the_age():
    facts = s14(date(2022, 6, 13), defendant_date_of_birth=date(2006, 1, 1))
    check = check_parent_guardian_served(facts, today=date(2022, 6, 1))
    assert check.explanation == (
        "The defendant is 16 on the hearing date (Monday 13 June 2022) and no parent or guardian is recorded as "
        "served with the summons or application before it. Serve them too, or record why that cannot be done."
    )
    assert check.dates == {"hearing_on": date(2022, 6, 13), "turns_18_on": date(2024, 1, 1)}


def test_on_conviction_the_parent_is_served_with_the_notice_of_intention():
    child = date(2006, 1, 1)
    parent_served = s19_notice(date(2023, 5, 2), RecipientKind.PARENT_GUARDIAN)
    with_notice = s19(date(2023, 6, 30), parent_served, defendant_date_of_birth=child)
    without = s19(date(2023, 6, 30), defendant_date_of_birth=child)
    check = check_parent_guardian_served(with_notice, today=date(2023, 6, 1))
    assert (check.status, check.section) == (Status.PASS, "CrimPR 31.3(2)(c); guidance ch. 5")
    assert check_parent_guardian_served(without, today=date(2023, 6, 1)).status == Status.WARNING


@pytest.mark.parametrize(
    ("facts", "explanation"),
    [
        (
            s14(date(2022, 6, 13), defendant_date_of_birth=None),
            "Enter the defendant's date of birth to see whether a parent or guardian must be served too.",
        ),
        (
            s19(date(2023, 6, 30), hearings=()),
            "Enter the date of the sentencing hearing to see whether a parent or guardian must be served too.",
        ),
    ],
    ids=["no-date-of-birth", "no-sentencing-date"],
)
def test_without_a_date_of_birth_or_a_hearing_the_parent_check_is_unknown(facts, explanation):
    check = check_parent_guardian_served(facts, today=date(2022, 6, 1))
    assert (check.status, check.explanation) == (Status.UNKNOWN, explanation)


# --- assess_service -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "codes"),
    [
        (
            s14(date(2022, 6, 13)),
            ("SERVICE_SUMMONS_7_WORKING_DAYS", "SERVICE_HEARSAY_21_DAYS", "SERVICE_PARENT_GUARDIAN"),
        ),
        (
            s19(date(2023, 6, 30)),
            ("SERVICE_S19_BEFORE_SENTENCING", "SERVICE_HEARSAY_CRIMINAL_21_DAYS", "SERVICE_PARENT_GUARDIAN"),
        ),
    ],
    ids=["s14", "s19"],
)
def test_assess_service_runs_every_check_of_the_route(facts, codes):
    assert tuple(c.code for c in assess_service(facts, today=date(2022, 5, 1))) == codes


def test_a_well_served_s14_case_passes_every_check():
    facts = s14(
        date(2022, 6, 13),
        *summons_and_application(date(2022, 5, 20)),
        hearsay(date(2022, 5, 20)),
        served(DocumentKind.APPLICATION, date(2022, 5, 20), RecipientKind.PARENT_GUARDIAN),
        defendant_date_of_birth=date(2006, 1, 1),
        relies_on_hearsay=True,
    )
    assert {c.status for c in assess_service(facts, today=date(2022, 6, 13))} == {Status.PASS}


def test_assess_service_depends_on_today_not_on_the_clock():
    facts = s14(date(2022, 6, 13))
    with time_machine.travel(datetime(2030, 1, 1, 12), tick=False):
        later_clock = assess_service(facts, today=date(2022, 5, 30))
    with time_machine.travel(datetime(2020, 1, 1, 12), tick=False):
        earlier_clock = assess_service(facts, today=date(2022, 5, 30))
    assert later_clock == earlier_clock
    assert later_clock[0].status == Status.UNKNOWN


@pytest.mark.parametrize(
    ("served_on", "last_day"),
    [
        # Guidance Appendix D: notice of calling the witness "not more than 7 days after the
        # service of this notice": served Friday 4 December 2026, due by Friday 11 December.
        (date(2026, 12, 4), date(2026, 12, 11)),
        # Calendar days, not working days: across Christmas and a month end.
        (date(2026, 12, 24), date(2026, 12, 31)),
        # A leap year's 29 February counts.
        (date(2028, 2, 25), date(2028, 3, 3)),
    ],
)
def test_notice_of_calling_a_hearsay_witness_within_7_days_of_the_defendants_notice(served_on, last_day):
    assert call_witness_notice_last_day(served_on) == last_day
