"""s19 route (on conviction) and s20 consultation: each check at its boundaries, citing the Act."""

from datetime import date

import pytest

from eligibility.core import Disposal, Limb, Result, Status, assess
from tests.eligibility.builders import MET_PILOT, s19_facts, subject


def status(facts, code):
    return assess(facts).check(code).status


def test_a_pending_sentence_case_can_proceed_with_warnings_only():
    determination = assess(s19_facts())
    assert determination.result == Result.ELIGIBLE
    assert determination.check("S19_WITH_SENTENCE").status == Status.WARNING
    assert (determination.court, determination.qualifying_occasions, determination.relevant_period_start) == (
        None,
        (),
        None,
    )


# s19(1)(a): aged 12 or over when convicted.
@pytest.mark.parametrize(
    ("conviction_date", "expected"),
    [(date(2022, 1, 31), Status.FAIL), (date(2022, 2, 1), Status.PASS), (date(2022, 2, 2), Status.PASS)],
)
def test_s19_1_a_minimum_age_on_conviction(conviction_date, expected):
    facts = s19_facts(
        subject=subject(date_of_birth=date(2010, 2, 1)), conviction_changes={"conviction_date": conviction_date}
    )
    assert status(facts, "S19_MIN_AGE") == expected


# s19(1)(a): the offence was committed after s19 came into force (5 July 2021 in the Met district).
@pytest.mark.parametrize(
    ("offence_date", "expected"),
    [(date(2021, 7, 4), Status.FAIL), (date(2021, 7, 5), Status.PASS), (date(2021, 7, 6), Status.PASS)],
)
def test_s19_1_a_offence_after_commencement(offence_date, expected):
    facts = s19_facts(conviction_changes={"offence_date": offence_date})
    assert status(facts, "S19_OFFENCE_AFTER_COMMENCEMENT") == expected


# s19(1)(a): an area where s19 has never been in force has no commencement for the offence to follow.
@pytest.mark.parametrize(
    ("police_area", "expected"),
    [("thames-valley", Status.FAIL), (None, Status.UNKNOWN)],
)
def test_s19_1_a_offence_after_commencement_without_an_in_force_period(police_area, expected):
    check = assess(s19_facts(police_area=police_area, in_force_periods=())).check("S19_OFFENCE_AFTER_COMMENCEMENT")
    assert (check.status, check.section) == (expected, "s19(1)(a)")


# s19(1)(b), (10): a relevant offence (violence or threat; bladed article used; bladed article had).
@pytest.mark.parametrize(
    ("limbs", "expected"),
    [
        (frozenset({Limb.VIOLENCE_OR_THREAT}), Status.PASS),
        (frozenset({Limb.BLADED_ARTICLE_USED}), Status.PASS),
        (frozenset({Limb.BLADED_ARTICLE_HAD}), Status.PASS),
        (frozenset(), Status.FAIL),
        (None, Status.UNKNOWN),
    ],
)
def test_s19_1_b_relevant_offence(limbs, expected):
    assert status(s19_facts(conviction_changes={"limbs": limbs}), "S19_RELEVANT_OFFENCE") == expected


# s19(3): the prosecution applies.
@pytest.mark.parametrize(("applies", "expected"), [(True, Status.PASS), (False, Status.FAIL), (None, Status.UNKNOWN)])
def test_s19_3_prosecution_applies(applies, expected):
    assert status(s19_facts(prosecution_applies=applies), "S19_PROSECUTION_APPLIES") == expected


# s19(7): only in addition to a sentence or a conditional discharge.
@pytest.mark.parametrize(
    ("disposal", "expected"),
    [
        (Disposal.SENTENCE, Status.PASS),
        (Disposal.CONDITIONAL_DISCHARGE, Status.PASS),
        (Disposal.ABSOLUTE_DISCHARGE, Status.FAIL),
        (Disposal.PENDING, Status.WARNING),
        (None, Status.UNKNOWN),
    ],
)
def test_s19_7_made_with_a_sentence_or_conditional_discharge(disposal, expected):
    assert status(s19_facts(conviction_changes={"disposal": disposal}), "S19_WITH_SENTENCE") == expected


# s19(7), (9A); CrimPR 31.3(2): notice before sentencing.
@pytest.mark.parametrize(("sentenced", "expected"), [(False, Status.PASS), (True, Status.FAIL), (None, Status.UNKNOWN)])
def test_notice_must_come_before_sentencing(sentenced, expected):
    assert status(s19_facts(conviction_changes={"sentenced": sentenced}), "S19_NOTICE_BEFORE_SENTENCING") == expected


@pytest.mark.parametrize(
    ("conviction_date", "expected"),
    [
        (None, Status.WARNING),
        (date(2022, 2, 28), Status.PASS),  # the day before the order
        (date(2022, 3, 1), Status.PASS),  # the order day
        (date(2022, 3, 2), Status.FAIL),  # the day after
    ],
)
def test_s19_1_a_the_order_follows_the_conviction(conviction_date, expected):
    facts = s19_facts(conviction_changes={"conviction_date": conviction_date})
    assert status(facts, "S19_CONVICTED") == expected


# s20(1)-(2): consult the YOT if under 18 now and when the application is made.
@pytest.mark.parametrize(
    ("application_date", "required"),
    [(date(2022, 6, 14), True), (date(2022, 6, 15), False), (date(2022, 6, 16), False)],
)
def test_s20_yot_consultation_depends_on_age_at_application(application_date, required):
    facts = s19_facts(application_date=application_date, subject=subject(date_of_birth=date(2004, 6, 15)))
    determination = assess(facts)
    assert determination.yot_consultation_required is required
    assert determination.check("S20_YOT_CONSULTATION").status == (Status.WARNING if required else Status.PASS)


def test_s19_orders_only_while_in_force():
    facts = s19_facts(order_date=date(2023, 4, 1), in_force_periods=(MET_PILOT,))
    assert assess(facts).result == Result.NOT_ELIGIBLE


def test_missing_conviction_gives_cannot_tell():
    determination = assess(s19_facts(conviction=None))
    assert determination.result == Result.CANNOT_TELL
    assert determination.check("S19_RELEVANT_OFFENCE").status == Status.UNKNOWN
