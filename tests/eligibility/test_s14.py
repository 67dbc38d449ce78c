"""s14 route (otherwise than on conviction): each check at its boundaries, citing the Act."""

from dataclasses import replace
from datetime import date

import pytest

from eligibility.core import GoodReason, NecessityGround, Place, Result, Status, assess, yot_consultation_required
from tests.eligibility.builders import ALWAYS, MET_PILOT, occasion, s14_facts, subject


def status(facts, code):
    return assess(facts).check(code).status


def test_a_complete_case_is_eligible():
    determination = assess(s14_facts())
    assert determination.result == Result.ELIGIBLE
    assert [c.status for c in determination.checks] == [Status.PASS] * 7


# s14(1): aged 12 or over on the day the order is made.
@pytest.mark.parametrize(
    ("date_of_birth", "order_date", "expected"),
    [
        (date(2010, 3, 1), date(2022, 2, 28), Status.FAIL),  # the day before the 12th birthday
        (date(2010, 3, 1), date(2022, 3, 1), Status.PASS),  # the birthday itself
        (date(2010, 3, 1), date(2022, 3, 2), Status.PASS),
        (date(2008, 2, 29), date(2020, 2, 28), Status.FAIL),  # leap-day birth, leap year
        (date(2008, 2, 29), date(2020, 2, 29), Status.PASS),
    ],
)
def test_s14_1_minimum_age(date_of_birth, order_date, expected):
    facts = s14_facts(
        order_date=order_date,
        subject=subject(date_of_birth=date_of_birth),
        occasions=(occasion("A", date(2019, 6, 1)), occasion("B", date(2019, 7, 1))),
        in_force_periods=(ALWAYS,),
    )
    assert status(facts, "S14_MIN_AGE") == expected


def test_s14_1_minimum_age_explains_when_they_turn_12():
    check = assess(s14_facts(subject=subject(date_of_birth=date(2010, 3, 2)))).check("S14_MIN_AGE")
    assert "turn 12 on 2 March 2022" in check.explanation
    assert check.section == "s14(1)"


# s14(4): the relevant period is the two years ending with the order day (1 March 2022 -> from 2 March 2020).
@pytest.mark.parametrize(
    ("second_occasion", "expected"),
    [
        (date(2020, 3, 1), Status.FAIL),  # the day before the period starts
        (date(2020, 3, 2), Status.PASS),  # its first day
        (date(2020, 3, 3), Status.PASS),
        (date(2022, 3, 1), Status.PASS),  # the order day itself is inside
        (date(2022, 3, 2), Status.FAIL),  # the day after the order: not yet happened
    ],
)
def test_s14_4_relevant_period_boundaries(second_occasion, expected):
    facts = s14_facts(
        occasions=(occasion("A", date(2021, 12, 1)), occasion("B", second_occasion)), in_force_periods=(ALWAYS,)
    )
    assert status(facts, "S14_TWO_OCCASIONS") == expected


def test_s14_4_leap_year_order_day():
    # Order on 29 February 2024: the period starts on 1 March 2022.
    facts = s14_facts(
        order_date=date(2024, 2, 29),
        occasions=(occasion("A", date(2022, 3, 1)), occasion("B", date(2022, 2, 28)), occasion("C", date(2023, 1, 1))),
        in_force_periods=(ALWAYS,),
    )
    assert assess(facts).qualifying_occasions == ("C", "A")


# s14(4): only events after the section came into force (5 July 2021 for the Met, S.I. 2021/762).
@pytest.mark.parametrize(
    ("second_occasion", "expected"),
    [(date(2021, 7, 4), Status.FAIL), (date(2021, 7, 5), Status.PASS), (date(2021, 7, 6), Status.PASS)],
)
def test_s14_4_occasions_before_commencement_do_not_count(second_occasion, expected):
    facts = s14_facts(occasions=(occasion("A", date(2021, 12, 1)), occasion("B", second_occasion)))
    assert status(facts, "S14_TWO_OCCASIONS") == expected


def test_s14_4_an_occasion_in_a_gap_between_in_force_periods_does_not_count():
    national = replace(ALWAYS, starts=date(2025, 1, 1))
    facts = s14_facts(
        order_date=date(2025, 2, 1),
        occasions=(occasion("A", date(2024, 6, 1)), occasion("B", date(2025, 1, 10))),
        in_force_periods=(MET_PILOT, national),
    )
    assert status(facts, "S14_TWO_OCCASIONS") == Status.FAIL


# s14(3)(a)-(c): public place, school premises or further education premises only.
@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place.PUBLIC_PLACE, Status.PASS),
        (Place.SCHOOL_PREMISES, Status.PASS),
        (Place.FURTHER_EDUCATION_PREMISES, Status.PASS),
        (Place.OTHER, Status.FAIL),
        (None, Status.UNKNOWN),
    ],
)
def test_s14_3_place(place, expected):
    facts = s14_facts(occasions=(occasion("A", date(2021, 8, 1)), occasion("B", date(2021, 9, 1), place=place)))
    assert status(facts, "S14_TWO_OCCASIONS") == expected


# s14(3), (5): without good reason (work, education, religion, national costume) or lawful authority.
@pytest.mark.parametrize("good_reason", list(GoodReason))
def test_s14_5_an_occasion_with_good_reason_does_not_count(good_reason):
    facts = s14_facts(
        occasions=(occasion("A", date(2021, 8, 1)), occasion("B", date(2021, 9, 1), good_reason=good_reason))
    )
    assert status(facts, "S14_TWO_OCCASIONS") == Status.FAIL


def test_s14_5_an_unanswered_good_reason_question_cannot_be_decided():
    facts = s14_facts(
        occasions=(occasion("A", date(2021, 8, 1)), occasion("B", date(2021, 9, 1), good_reason_known=False))
    )
    determination = assess(facts)
    assert (determination.check("S14_TWO_OCCASIONS").status, determination.result) == (
        Status.UNKNOWN,
        Result.CANNOT_TELL,
    )


def test_s14_3_one_occasion_is_not_enough():
    assert status(s14_facts(occasions=(occasion("A", date(2021, 8, 1)),)), "S14_TWO_OCCASIONS") == Status.FAIL


# eligible_until (derived from s14(4)): the second-most-recent qualifying occasion leaves the window.
def test_eligible_until_is_the_day_before_the_second_occasion_leaves_the_window():
    facts = s14_facts(in_force_periods=(ALWAYS,))
    assert assess(facts).eligible_until == date(2023, 7, 31)  # A on 1 August 2021 counts until 31 July 2023


def test_eligible_until_stops_at_the_end_of_the_pilot():
    assert assess(s14_facts()).eligible_until == date(2023, 3, 31)  # S.I. 2022/828: pilot ends 31 March 2023


def test_eligible_until_uses_the_second_most_recent_of_several_occasions():
    facts = s14_facts(
        occasions=(occasion("A", date(2021, 8, 1)), occasion("B", date(2021, 9, 1)), occasion("C", date(2021, 10, 1))),
        in_force_periods=(ALWAYS,),
    )
    determination = assess(facts)
    assert (determination.qualifying_occasions, determination.eligible_until) == (("C", "B", "A"), date(2023, 8, 31))


@pytest.mark.parametrize(
    ("order_date", "expected"),
    [(date(2023, 7, 31), Status.PASS), (date(2023, 8, 1), Status.FAIL)],
)
def test_eligible_until_agrees_with_assessing_on_that_day(order_date, expected):
    facts = s14_facts(order_date=order_date, in_force_periods=(ALWAYS,))
    assert status(facts, "S14_TWO_OCCASIONS") == expected


def test_no_eligible_until_when_not_eligible():
    assert assess(s14_facts(occasions=())).eligible_until is None


def test_no_eligible_until_when_not_in_force_on_the_order_day():
    # S.I. 2022/828: the pilot ended on 31 March 2023; two occasions still in the window do not help.
    determination = assess(s14_facts(order_date=date(2023, 4, 1)))
    assert (determination.check("IN_FORCE").status, determination.eligible_until) == (Status.FAIL, None)


# s14(6): a necessity ground must be chosen and argued.
@pytest.mark.parametrize(
    ("grounds", "expected"),
    [
        (frozenset({NecessityGround.PROTECT_PARTICULAR_PERSONS}), Status.PASS),
        (frozenset(), Status.UNKNOWN),
        (None, Status.UNKNOWN),
    ],
)
def test_s14_6_necessity_ground(grounds, expected):
    assert status(s14_facts(necessity_grounds=grounds), "S14_NECESSITY") == expected


# S.I. 2021/762 reg. 2 (s31 pilot): in force in the Metropolitan Police district 5 July 2021 to 31 March 2023.
@pytest.mark.parametrize(
    ("order_date", "expected"),
    [
        (date(2021, 7, 4), Status.FAIL),
        (date(2021, 7, 5), Status.PASS),
        (date(2021, 7, 6), Status.PASS),
        (date(2023, 3, 30), Status.PASS),
        (date(2023, 3, 31), Status.PASS),
        (date(2023, 4, 1), Status.FAIL),
    ],
)
def test_in_force_for_the_area_on_the_order_day(order_date, expected):
    assert status(s14_facts(order_date=order_date), "IN_FORCE") == expected


def test_an_area_with_no_in_force_period_fails():
    assert status(s14_facts(police_area="thames-valley", in_force_periods=()), "IN_FORCE") == Status.FAIL


# s15 (court, per the guidance) and s15(5) (YOT consultation): under 18 on the application date.
@pytest.mark.parametrize(
    ("application_date", "court", "yot_required"),
    [
        (date(2022, 6, 14), "youth_court", True),  # the day before the 18th birthday
        (date(2022, 6, 15), "magistrates_court", False),  # the birthday
        (date(2022, 6, 16), "magistrates_court", False),
    ],
)
def test_s15_court_and_yot_consultation_follow_age_on_the_application_date(application_date, court, yot_required):
    facts = s14_facts(
        order_date=date(2022, 7, 1), application_date=application_date, subject=subject(date_of_birth=date(2004, 6, 15))
    )
    determination = assess(facts)
    assert (determination.court, determination.yot_consultation_required) == (court, yot_required)
    assert determination.check("S15_YOT_CONSULTATION").status == (Status.WARNING if yot_required else Status.PASS)


# s15(5) (order under s14) and s20(1)-(2) (under s19): consult the YOT when the defendant is under 18
# on the date of the application. FLRA 1969 s9: 18 from the start of the 18th birthday; a 29 February
# birth turns 18 on 1 March in a common year (dates.birthday).
@pytest.mark.parametrize(
    ("date_of_birth", "application_date", "required"),
    [
        pytest.param(date(2004, 6, 15), date(2022, 6, 14), True, id="s15-5-s20-day-before-18th-birthday"),
        pytest.param(date(2004, 6, 15), date(2022, 6, 15), False, id="s15-5-s20-18th-birthday"),
        pytest.param(date(2004, 6, 15), date(2022, 6, 16), False, id="s15-5-s20-day-after-18th-birthday"),
        pytest.param(date(2004, 2, 29), date(2022, 2, 28), True, id="s15-5-s20-29-feb-birth-28-feb"),
        pytest.param(date(2004, 2, 29), date(2022, 3, 1), False, id="s15-5-s20-29-feb-birth-turns-18-on-1-mar"),
        pytest.param(date(2004, 2, 29), date(2022, 3, 2), False, id="s15-5-s20-29-feb-birth-2-mar"),
        # An application on 29 February, the day before an 18th birthday on 1 March
        pytest.param(date(2002, 3, 1), date(2020, 2, 29), True, id="s15-5-s20-applied-on-29-feb"),
        pytest.param(date(2002, 3, 1), date(2020, 3, 1), False, id="s15-5-s20-applied-on-1-mar-birthday"),
    ],
)
def test_yot_consultation_required_under_18_on_the_application_date(date_of_birth, application_date, required):
    assert yot_consultation_required(date_of_birth, application_date) is required


def test_s15_5_yot_consultation_recorded_passes():
    facts = s14_facts(subject=subject(date_of_birth=date(2008, 1, 1)), yot_consulted=True)
    assert status(facts, "S15_YOT_CONSULTATION") == Status.PASS


def test_the_application_date_defaults_to_the_order_date():
    facts = s14_facts(order_date=date(2022, 6, 14), subject=subject(date_of_birth=date(2004, 6, 15)))
    assert assess(facts).court == "youth_court"


# s15(1)-(2): who may apply.
@pytest.mark.parametrize(
    ("area", "subject_changes", "expected"),
    [
        ("metropolitan", {"police_area": "metropolitan"}, Status.PASS),  # s15(2)(a) lives there
        ("metropolitan", {"police_area": "kent", "in_or_intends_to_come_to_area": True}, Status.PASS),  # s15(2)(b)
        ("metropolitan", {"police_area": "kent", "in_or_intends_to_come_to_area": False}, Status.FAIL),
        ("metropolitan", {"police_area": None}, Status.WARNING),
        ("british-transport-police", {"police_area": "kent"}, Status.PASS),  # s15(1)(b)
        ("ministry-of-defence-police", {"police_area": None}, Status.PASS),  # s15(1)(c)
    ],
)
def test_s15_applicant(area, subject_changes, expected):
    assert status(s14_facts(police_area=area, subject=subject(**subject_changes)), "S15_APPLICANT") == expected


def test_missing_facts_give_cannot_tell_not_a_crash():
    determination = assess(s14_facts(order_date=None, subject=subject(date_of_birth=None), police_area=None))
    assert determination.result == Result.CANNOT_TELL
    assert determination.check("S14_MIN_AGE").status == Status.UNKNOWN
    assert determination.check("S14_TWO_OCCASIONS").status == Status.UNKNOWN
    assert determination.relevant_period_start is None


def test_any_failure_makes_the_result_not_eligible_even_with_unknowns():
    facts = s14_facts(occasions=(), necessity_grounds=None)
    assert assess(facts).result == Result.NOT_ELIGIBLE


def test_the_json_contract():
    assert assess(s14_facts(in_force_periods=(ALWAYS,))).as_json() == {
        "result": "eligible",
        "checks": [
            {"code": c.code, "status": "pass", "section": c.section, "explanation": c.explanation}
            for c in assess(s14_facts(in_force_periods=(ALWAYS,))).checks
        ],
        "qualifying_occasions": ["B", "A"],
        "dates": {
            "relevant_period_start": "2020-03-02",
            "relevant_period_end": "2022-03-01",
            "eligible_until": "2023-07-31",
            "turns_12_on": "2012-01-01",
            "turns_18_on": "2018-01-01",
        },
        "court": "magistrates_court",
        "yot_consultation_required": False,
    }
