"""Provision checks while drafting (ss.17, 21, 22, 23 and the guidance), no database.

Each case cites its section in its id or comment. Boundaries are the day before, the day of
and the day after; time windows touch (no overlap) or overlap by one minute.
"""

import subprocess
import sys
from dataclasses import replace
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.core import (
    Commitment,
    CommitmentKind,
    NecessityGround,
    OrderKind,
    Period,
    ProposedOrder,
    ProposedProvision,
    ProvisionCategory,
    ProvisionKind,
    Status,
    TimeWindow,
    Weekday,
    assess_provisions,
    blocking_checks,
    first_overlap,
    is_blocked,
    schedules_overlap,
)
from eligibility.core.provisions import (
    EVERY_DAY,
    MONDAY_TO_FRIDAY,
    PROVISION_CHECKS,
    check_s17_interim_content,
    generic_phrase,
)

MON, TUE, FRI, SAT, SUN = Weekday.MON, Weekday.TUE, Weekday.FRI, Weekday.SAT, Weekday.SUN
PUBLIC = NecessityGround.PROTECT_PUBLIC
PREVENT = NecessityGround.PREVENT_OFFENCE


def window(days, start, end) -> TimeWindow:
    """window({MON}, "10:00", "12:00")"""
    return TimeWindow(frozenset(days), time.fromisoformat(start), time.fromisoformat(end))


def requirement(label="R1", **changes) -> ProposedProvision:
    base = ProposedProvision(
        label=label,
        kind=ProvisionKind.REQUIREMENT,
        wording="To attend weekly mentoring with Safe Streets at their Tottenham centre.",
        purposes=frozenset({PREVENT}),
        category=ProvisionCategory.YOUTH_MENTORING,
        schedule=(window({TUE}, "16:00", "18:00"),),
        supervisor="Safe Streets (mentoring lead)",
        suitability_evidence="Witness statement from the mentoring lead, served as hearsay.",
        rationale="Addresses fear-driven carrying identified by the YOT.",
        evidence="YOT report; stop and search records.",
    )
    return replace(base, **changes)


def prohibition(label="P1", **changes) -> ProposedProvision:
    base = ProposedProvision(
        label=label,
        kind=ProvisionKind.PROHIBITION,
        wording="Not to enter the area of the Broadwater Farm estate shown on the attached map.",
        purposes=frozenset({PUBLIC}),
        category=ProvisionCategory.NOT_TO_ATTEND_LOCATION,
        rationale="Both occasions were on the estate.",
        evidence="Crime reports CR1 and CR2.",
    )
    return replace(base, **changes)


def curfew(label="P2", days=EVERY_DAY, start="21:00", end="07:00", **changes) -> ProposedProvision:
    return prohibition(
        label,
        wording="To remain at home address between the hours stated.",
        category=ProvisionCategory.CURFEW,
        schedule=(window(days, start, end),),
        **changes,
    )


SCHOOL = Commitment(
    "Northumberland Park School", CommitmentKind.EDUCATION, (window(MONDAY_TO_FRIDAY, "08:30", "15:30"),)
)


def order(**changes) -> ProposedOrder:
    """A complete, well-drafted full order for a 15-year-old: every check passes."""
    base = ProposedOrder(
        kind=OrderKind.FULL,
        provisions=(requirement(), prohibition(), curfew()),
        period=Period(months=12),
        commitments=(SCHOOL,),
        subject_age_on_application=15,
        necessity_grounds=frozenset({PUBLIC, PREVENT}),
    )
    return replace(base, **changes)


def check(order_, code):
    return next(c for c in assess_provisions(order_) if c.code == code)


def status(order_, code) -> Status:
    return check(order_, code).status


# --- the whole draft ---------------------------------------------------------------------------


def test_a_well_drafted_order_passes_every_check():
    checks = assess_provisions(order())
    assert [(c.code, c.status) for c in checks] == [
        ("S21_PURPOSE", Status.PASS),
        ("S21_RATIONALE", Status.PASS),
        ("S17_PROHIBITIONS_ONLY", Status.PASS),
        ("S22_SUPERVISOR", Status.PASS),
        ("S22_REQUIREMENTS_COMPATIBLE", Status.PASS),
        ("S22_TIMETABLE", Status.PASS),
        ("S23_DURATION", Status.PASS),
        ("S23_PROVISION_PERIODS", Status.PASS),
        ("GUIDANCE_U18_REQUIREMENTS", Status.PASS),
        ("GUIDANCE_GENERIC_WORDING", Status.PASS),
        ("GUIDANCE_CHILD_ADULT_ASSOCIATION", Status.PASS),
        ("GUIDANCE_CHILD_PROHIBITION_COUNT", Status.PASS),
    ]
    assert not is_blocked(checks)


def test_each_check_cites_its_section():
    sections = {c.code: c.section for c in assess_provisions(order())}
    assert sections == {
        "S21_PURPOSE": "s21(1)",
        "S21_RATIONALE": "s21(1); Guidance ch. 6",
        "S17_PROHIBITIONS_ONLY": "s17(4)-(5)",
        "S22_SUPERVISOR": "s22",
        "S22_REQUIREMENTS_COMPATIBLE": "s22",
        "S22_TIMETABLE": "s21(8)",
        "S23_DURATION": "s23(3)",
        "S23_PROVISION_PERIODS": "s23(8)",
        "GUIDANCE_U18_REQUIREMENTS": "Guidance ch. 2, 9; MPS partner guide",
        "GUIDANCE_GENERIC_WORDING": "Guidance ch. 9; UCL report (CPS)",
        "GUIDANCE_CHILD_ADULT_ASSOCIATION": "UCL report (youth justice)",
        "GUIDANCE_CHILD_PROHIBITION_COUNT": "UCL report (youth justice)",
    }
    assert len(PROVISION_CHECKS) == len(sections)


def test_failures_block_and_warnings_do_not():
    warned = assess_provisions(order(provisions=(requirement(), prohibition(wording="Not to carry a knife."))))
    assert {c.code for c in warned if c.status == Status.WARNING} == {"GUIDANCE_GENERIC_WORDING"}
    assert (blocking_checks(warned), is_blocked(warned)) == ((), False)

    failed = assess_provisions(order(kind=OrderKind.INTERIM_S17, period=None))
    assert [c.code for c in blocking_checks(failed)] == ["S17_PROHIBITIONS_ONLY"]
    assert is_blocked(failed)


def test_unknowns_do_not_block_a_draft():
    checks = assess_provisions(order(period=None, commitments=None))
    assert {c.code for c in checks if c.status == Status.UNKNOWN} == {"S23_DURATION", "S22_TIMETABLE"}
    assert not is_blocked(checks)


# --- s21(1): every provision serves a necessity purpose the application argues ------------------


@pytest.mark.parametrize(
    ("provisions", "grounds", "expected"),
    [
        pytest.param((requirement(), prohibition()), frozenset({PUBLIC, PREVENT}), Status.PASS, id="s21-1-all-served"),
        pytest.param(
            (requirement(), prohibition(purposes=frozenset())),
            frozenset({PUBLIC, PREVENT}),
            Status.FAIL,
            id="s21-1-one-serves-none",
        ),
        pytest.param((requirement(), prohibition()), frozenset({PREVENT}), Status.FAIL, id="s21-1-purpose-not-argued"),
        pytest.param((requirement(), prohibition()), None, Status.UNKNOWN, id="s21-1-grounds-not-chosen"),
        pytest.param((requirement(), prohibition()), frozenset(), Status.UNKNOWN, id="s21-1-grounds-empty"),
        pytest.param(
            (requirement(purposes=frozenset()),), None, Status.FAIL, id="s21-1-no-purpose-fails-without-grounds"
        ),
        pytest.param((), frozenset({PUBLIC}), Status.UNKNOWN, id="s21-1-nothing-drafted"),
    ],
)
def test_s21_1_purpose(provisions, grounds, expected):
    assert status(order(provisions=provisions, necessity_grounds=grounds), "S21_PURPOSE") == expected


def test_s21_1_names_the_provisions_without_a_purpose_and_those_beyond_the_grounds():
    drafted = order(
        provisions=(
            requirement("R1", purposes=frozenset()),
            prohibition("P1"),
            prohibition("P2", purposes=frozenset()),
        ),
        necessity_grounds=frozenset({PREVENT}),
    )
    explanation = check(drafted, "S21_PURPOSE").explanation
    assert "R1 and P2 serve none of the necessity purposes" in explanation
    assert "P1 serves a purpose the application does not argue (to protect the public)" in explanation


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, Status.PASS, id="s21-1-rationale-and-evidence"),
        pytest.param({"rationale": ""}, Status.WARNING, id="s21-1-no-rationale"),
        pytest.param({"evidence": "  "}, Status.WARNING, id="s21-1-blank-evidence"),
    ],
)
def test_s21_1_each_condition_has_rationale_and_evidence(changes, expected):
    result = check(order(provisions=(requirement(), prohibition("P1", **changes))), "S21_RATIONALE")
    assert result.status == expected
    if expected == Status.WARNING:
        assert result.explanation.startswith("Explain why P1 is necessary")


# --- s17(4)-(5): an interim order without notice imposes prohibitions only -----------------------


@pytest.mark.parametrize(
    ("kind", "provisions", "expected"),
    [
        pytest.param(OrderKind.INTERIM_S17, (prohibition(), curfew()), Status.PASS, id="s17-4-prohibitions"),
        pytest.param(OrderKind.INTERIM_S17, (requirement(), prohibition()), Status.FAIL, id="s17-5-requirement"),
        pytest.param(OrderKind.INTERIM_S18, (requirement(), prohibition()), Status.PASS, id="s18-6-both-allowed"),
        pytest.param(OrderKind.FULL, (requirement(), prohibition()), Status.PASS, id="s14-full-order"),
    ],
)
def test_s17_prohibitions_only(kind, provisions, expected):
    assert status(order(kind=kind, provisions=provisions), "S17_PROHIBITIONS_ONLY") == expected


def test_s17_names_the_requirements_to_remove():
    drafted = order(kind=OrderKind.INTERIM_S17, provisions=(requirement("R1"), prohibition(), requirement("R2")))
    assert "remove R1 and R2" in check(drafted, "S17_PROHIBITIONS_ONLY").explanation


# --- s17(4)-(5): what an interim order could impose at once on a without-notice application ------


@pytest.mark.parametrize(
    ("provisions", "expected", "explanation"),
    [
        pytest.param(
            (prohibition("P1"), curfew("P2")),
            Status.PASS,
            "An interim order without notice could impose P1 and P2.",
            id="s17-4-prohibitions-only",
        ),
        pytest.param(
            (requirement("R1"), prohibition("P1"), requirement("R2")),
            Status.PASS,
            "An interim order without notice could impose P1. R1 and R2 are requirements, which only the full "
            "hearing can order.",
            id="s17-5-requirements-wait-for-the-full-hearing",
        ),
        pytest.param(
            (requirement("R1"),),
            Status.WARNING,
            "An interim order without notice could impose nothing: propose at least one prohibition. R1 is a "
            "requirement, which only the full hearing can order.",
            id="s17-5-requirements-only",
        ),
        pytest.param(
            (),
            Status.WARNING,
            "An interim order without notice could impose nothing: propose at least one prohibition.",
            id="s17-4-nothing-proposed",
        ),
    ],
)
def test_s17_4_5_what_an_interim_order_without_notice_could_impose(provisions, expected, explanation):
    """s17(4)-(5): of the full order proposed, an interim order without notice could impose the
    prohibitions only; with none, it warns (never fails: the application may still be made)."""
    result = check_s17_interim_content(order(provisions=provisions))

    assert (result.code, result.status, result.section) == ("S17_INTERIM_CONTENT", expected, "s17(4)-(5)")
    assert result.explanation == explanation
    assert not is_blocked([result])


def test_s17_4_5_the_interim_content_check_is_not_one_of_every_route():
    # Route-specific: orders.checks.interim_order_checks runs it on the without-notice route only.
    assert check_s17_interim_content not in PROVISION_CHECKS
    assert "S17_INTERIM_CONTENT" not in {c.code for c in assess_provisions(order())}


# --- s22: supervisor and evidence of suitability and enforceability -----------------------------


@pytest.mark.parametrize(
    ("provisions", "expected", "names"),
    [
        pytest.param((requirement(),), Status.PASS, None, id="s22-supervised"),
        pytest.param((requirement(supervisor=""),), Status.FAIL, "R1 names no supervisor", id="s22-no-supervisor"),
        pytest.param((requirement(supervisor="   "),), Status.FAIL, "R1 names no supervisor", id="s22-blank"),
        pytest.param(
            (requirement(suitability_evidence=""),),
            Status.FAIL,
            "R1 lacks the supervisor's evidence of suitability",
            id="s22-no-suitability-evidence",
        ),
        pytest.param(
            (requirement("R1", supervisor=""), requirement("R2", supervisor="")),
            Status.FAIL,
            "R1 and R2 name no supervisor",
            id="s22-names-each",
        ),
        pytest.param((prohibition(),), Status.PASS, None, id="s22-prohibitions-need-no-supervisor"),
    ],
)
def test_s22_supervisor(provisions, expected, names):
    result = check(order(provisions=provisions), "S22_SUPERVISOR")
    assert result.status == expected
    if names:
        assert names in result.explanation


# --- s22: requirements compatible with each other ----------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param(("10:00", "12:00"), ("12:00", "14:00"), Status.PASS, id="s22-touching-end-to-start"),
        pytest.param(("10:00", "12:01"), ("12:00", "14:00"), Status.FAIL, id="s22-one-minute-overlap"),
        pytest.param(("12:00", "14:00"), ("10:00", "12:00"), Status.PASS, id="s22-touching-start-to-end"),
        pytest.param(("10:00", "14:00"), ("11:00", "12:00"), Status.FAIL, id="s22-one-inside-the-other"),
    ],
)
def test_s22_requirements_compatible_boundaries(first, second, expected):
    drafted = order(
        provisions=(
            requirement("R1", schedule=(window({MON}, *first),)),
            requirement("R2", schedule=(window({MON}, *second),)),
        )
    )
    assert status(drafted, "S22_REQUIREMENTS_COMPATIBLE") == expected


def test_s22_incompatible_requirements_are_named_with_when_they_clash():
    drafted = order(
        provisions=(
            requirement("R1", schedule=(window({MON}, "10:00", "12:01"),)),
            requirement("R2", schedule=(window({MON}, "12:00", "14:00"),)),
        )
    )
    result = check(drafted, "S22_REQUIREMENTS_COMPATIBLE")
    assert result.explanation == (
        "Requirements must be compatible with each other. R1 and R2 both need the defendant on Monday from 12:00 "
        "to 12:01."
    )


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param(
            window({MON}, "10:00", "12:00"), window({TUE}, "10:00", "12:00"), Status.PASS, id="s22-different-days"
        ),
        # Friday 22:00 to Saturday 06:00 against Saturday morning
        pytest.param(
            window({FRI}, "22:00", "06:00"), window({SAT}, "05:59", "07:00"), Status.FAIL, id="s22-past-midnight"
        ),
        pytest.param(
            window({FRI}, "22:00", "06:00"), window({SAT}, "06:00", "07:00"), Status.PASS, id="s22-touching-next-day"
        ),
        pytest.param(
            window({FRI}, "22:00", "06:00"),
            window({FRI}, "05:00", "07:00"),
            Status.PASS,
            id="s22-friday-night-is-not-friday-morning",
        ),
        pytest.param(
            window({SUN}, "23:00", "01:00"), window({MON}, "00:30", "02:00"), Status.FAIL, id="s22-across-week-end"
        ),
        pytest.param(
            window({MON}, "00:00", "00:00"), window({MON}, "23:59", "23:59"), Status.FAIL, id="s22-all-day-window"
        ),
        pytest.param(
            window({MON}, "00:00", "00:00"), window({TUE}, "00:00", "01:00"), Status.PASS, id="s22-all-day-ends-at-24"
        ),
    ],
)
def test_s22_requirements_compatible_days_and_midnight(first, second, expected):
    drafted = order(provisions=(requirement("R1", schedule=(first,)), requirement("R2", schedule=(second,))))
    assert status(drafted, "S22_REQUIREMENTS_COMPATIBLE") == expected


@pytest.mark.parametrize(
    ("first_period", "second_start", "expected"),
    [
        # s23(8): R1 for the first 3 months, R2 from 3 months in: never in effect together
        pytest.param(Period(months=3), Period(months=3), Status.PASS, id="s22-s23-8-consecutive-periods"),
        pytest.param(Period(months=3, days=1), Period(months=3), Status.FAIL, id="s22-s23-8-one-day-together"),
        pytest.param(None, Period(months=3), Status.FAIL, id="s22-s23-8-whole-order-and-later"),
    ],
)
def test_s22_requirements_only_clash_while_both_have_effect(first_period, second_start, expected):
    same_time = (window({TUE}, "16:00", "18:00"),)
    drafted = order(
        provisions=(
            requirement("R1", schedule=same_time, period=first_period),
            requirement("R2", schedule=same_time, starts_after=second_start),
        )
    )
    assert status(drafted, "S22_REQUIREMENTS_COMPATIBLE") == expected


def test_s22_unscheduled_requirements_cannot_clash():
    drafted = order(provisions=(requirement("R1", schedule=()), requirement("R2", schedule=())))
    assert status(drafted, "S22_REQUIREMENTS_COMPATIBLE") == Status.PASS


@pytest.mark.parametrize(
    ("curfew_start", "expected"),
    [
        pytest.param("18:00", Status.PASS, id="s22-s21-6-curfew-starts-as-session-ends"),
        pytest.param("17:59", Status.WARNING, id="s22-s21-6-curfew-overlaps-session"),
    ],
)
def test_s22_a_requirement_inside_curfew_hours_is_flagged(curfew_start, expected):
    drafted = order(provisions=(requirement("R1"), curfew("P2", start=curfew_start)))
    result = check(drafted, "S22_REQUIREMENTS_COMPATIBLE")
    assert result.status == expected
    if expected == Status.WARNING:
        assert "R1 falls within the curfew P2 on Tuesday from 17:59 to 18:00" in result.explanation


# --- s21(8): avoiding religious observance, work or education, other court orders ---------------


@pytest.mark.parametrize(
    ("provisions", "commitments", "expected"),
    [
        pytest.param((curfew(start="19:00", end="08:30"),), (SCHOOL,), Status.PASS, id="s21-8-curfew-ends-at-school"),
        pytest.param(
            (curfew(start="19:00", end="08:31"),), (SCHOOL,), Status.WARNING, id="s21-8-curfew-into-school-time"
        ),
        pytest.param(
            (requirement(schedule=(window({SAT}, "10:00", "12:00"),)),),
            (Commitment("Saturday service", CommitmentKind.RELIGIOUS, (window({SAT}, "11:00", "13:00"),)),),
            Status.WARNING,
            id="s21-8-a-religious-observance",
        ),
        pytest.param(
            (requirement(schedule=(window({SAT}, "10:00", "12:00"),)),),
            (Commitment("Warehouse shift", CommitmentKind.WORK, (window({SAT}, "12:00", "20:00"),)),),
            Status.PASS,
            id="s21-8-b-work-starts-as-session-ends",
        ),
        pytest.param(
            (requirement(schedule=(window({MON}, "17:00", "18:00"),)),),
            (Commitment("Referral order panel", CommitmentKind.COURT_ORDER, (window({MON}, "17:30", "18:30"),)),),
            Status.WARNING,
            id="s21-8-c-another-court-order",
        ),
        pytest.param(
            (prohibition(schedule=(window(MONDAY_TO_FRIDAY, "00:00", "00:00"),)),),
            (SCHOOL,),
            Status.PASS,
            id="s21-8-exclusion-zone-away-from-school",
        ),
        pytest.param(
            (prohibition(schedule=(window(MONDAY_TO_FRIDAY, "00:00", "00:00"),), blocks_attendance=True),),
            (SCHOOL,),
            Status.WARNING,
            id="s21-8-exclusion-zone-covering-school",
        ),
        pytest.param(
            (requirement(schedule=(window({MON}, "12:00", "13:00"),), blocks_attendance=False),),
            (SCHOOL,),
            Status.PASS,
            id="s21-8-session-held-at-school",
        ),
        pytest.param((curfew(),), (), Status.PASS, id="s21-8-nothing-to-avoid"),
        pytest.param((curfew(),), None, Status.UNKNOWN, id="s21-8-timetable-not-recorded"),
    ],
)
def test_s21_8_timetable(provisions, commitments, expected):
    assert status(order(provisions=provisions, commitments=commitments), "S22_TIMETABLE") == expected


def test_s21_8_timetable_names_the_provision_the_commitment_and_when():
    # A curfew starting on weeknights first reaches school time on Tuesday morning (Sunday night is free).
    drafted = order(provisions=(curfew("P2", days=MONDAY_TO_FRIDAY, start="19:00", end="08:31"),))
    assert check(drafted, "S22_TIMETABLE").explanation.endswith(
        'P2 (Mon-Fri 19:00-08:31) clashes with education "Northumberland Park School" (Mon-Fri 08:30-15:30) '
        "on Tuesday from 08:30 to 08:31."
    )


# --- s23(3): at least 6 months, at most 2 years, beginning with the day it takes effect ----------


@pytest.mark.parametrize(
    ("takes_effect_on", "ends_on", "expected"),
    [
        # 6 months beginning with 1 January 2024 end on 30 June; 2 years on 31 December 2025
        pytest.param(date(2024, 1, 1), date(2024, 6, 29), Status.FAIL, id="s23-3-min-day-before"),
        pytest.param(date(2024, 1, 1), date(2024, 6, 30), Status.PASS, id="s23-3-min-day-of"),
        pytest.param(date(2024, 1, 1), date(2024, 7, 1), Status.PASS, id="s23-3-min-day-after"),
        pytest.param(date(2024, 1, 1), date(2025, 12, 30), Status.PASS, id="s23-3-max-day-before"),
        pytest.param(date(2024, 1, 1), date(2025, 12, 31), Status.PASS, id="s23-3-max-day-of"),
        pytest.param(date(2024, 1, 1), date(2026, 1, 1), Status.FAIL, id="s23-3-max-day-after"),
        # 31 January: 6 months end on 30 July; 2 years on 30 January 2026
        pytest.param(date(2024, 1, 31), date(2024, 7, 29), Status.FAIL, id="s23-3-31-jan-min-day-before"),
        pytest.param(date(2024, 1, 31), date(2024, 7, 30), Status.PASS, id="s23-3-31-jan-min-day-of"),
        pytest.param(date(2024, 1, 31), date(2024, 7, 31), Status.PASS, id="s23-3-31-jan-min-day-after"),
        pytest.param(date(2024, 1, 31), date(2026, 1, 29), Status.PASS, id="s23-3-31-jan-max-day-before"),
        pytest.param(date(2024, 1, 31), date(2026, 1, 30), Status.PASS, id="s23-3-31-jan-max-day-of"),
        pytest.param(date(2024, 1, 31), date(2026, 1, 31), Status.FAIL, id="s23-3-31-jan-max-day-after"),
        # 29 February: 6 months end on 28 August; 2 years, clamped to 28 February 2026, end on 27 February
        pytest.param(date(2024, 2, 29), date(2024, 8, 27), Status.FAIL, id="s23-3-29-feb-min-day-before"),
        pytest.param(date(2024, 2, 29), date(2024, 8, 28), Status.PASS, id="s23-3-29-feb-min-day-of"),
        pytest.param(date(2024, 2, 29), date(2024, 8, 29), Status.PASS, id="s23-3-29-feb-min-day-after"),
        pytest.param(date(2024, 2, 29), date(2026, 2, 26), Status.PASS, id="s23-3-29-feb-max-day-before"),
        pytest.param(date(2024, 2, 29), date(2026, 2, 27), Status.PASS, id="s23-3-29-feb-max-day-of"),
        pytest.param(date(2024, 2, 29), date(2026, 2, 28), Status.FAIL, id="s23-3-29-feb-max-day-after"),
        # 31 August 2023: 6 months reach 29 February 2024 (clamped from 31 February), so end on 28 February
        pytest.param(date(2023, 8, 31), date(2024, 2, 27), Status.FAIL, id="s23-3-31-aug-min-day-before"),
        pytest.param(date(2023, 8, 31), date(2024, 2, 28), Status.PASS, id="s23-3-31-aug-min-day-of"),
        pytest.param(date(2023, 8, 31), date(2024, 2, 29), Status.PASS, id="s23-3-31-aug-min-day-after"),
        pytest.param(date(2024, 1, 1), date(2023, 12, 31), Status.FAIL, id="s23-3-ends-before-it-starts"),
    ],
)
def test_s23_3_duration_by_end_date(takes_effect_on, ends_on, expected):
    drafted = order(period=None, takes_effect_on=takes_effect_on, ends_on=ends_on)
    assert status(drafted, "S23_DURATION") == expected


@pytest.mark.parametrize(
    ("takes_effect_on", "period", "expected"),
    [
        pytest.param(date(2024, 1, 1), Period(5, 29), Status.FAIL, id="s23-3-1-jan-5m29d"),
        pytest.param(date(2024, 1, 1), Period(5, 30), Status.PASS, id="s23-3-1-jan-5m30d-is-6-months"),
        pytest.param(date(2024, 1, 31), Period(5, 30), Status.FAIL, id="s23-3-31-jan-5m30d-a-day-short"),
        pytest.param(date(2024, 1, 31), Period(5, 31), Status.PASS, id="s23-3-31-jan-5m31d"),
        pytest.param(date(2024, 1, 31), Period(23, 31), Status.PASS, id="s23-3-31-jan-23m31d-is-2-years"),
        pytest.param(date(2024, 1, 31), Period(23, 32), Status.FAIL, id="s23-3-31-jan-23m32d"),
        pytest.param(date(2024, 2, 29), Period(24), Status.PASS, id="s23-3-29-feb-2-years"),
        pytest.param(date(2024, 2, 29), Period(24, 1), Status.FAIL, id="s23-3-29-feb-2-years-and-a-day"),
    ],
)
def test_s23_3_duration_by_period_from_a_known_day(takes_effect_on, period, expected):
    assert status(order(period=period, takes_effect_on=takes_effect_on), "S23_DURATION") == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param(Period(6), Status.PASS, id="s23-3-6-months"),
        pytest.param(Period(12), Status.PASS, id="s23-3-12-months"),
        pytest.param(Period(24), Status.PASS, id="s23-3-2-years"),
        pytest.param(Period(5), Status.FAIL, id="s23-3-5-months"),
        pytest.param(Period(24, 1), Status.FAIL, id="s23-3-2-years-and-a-day"),
        pytest.param(Period(25), Status.FAIL, id="s23-3-25-months"),
        pytest.param(Period(5, 31), Status.PASS, id="s23-3-5m31d-always-6-months"),
        pytest.param(Period(5, 28), Status.UNKNOWN, id="s23-3-5m28d-depends-on-start"),
        pytest.param(Period(0, 180), Status.FAIL, id="s23-3-180-days-always-short"),
        pytest.param(Period(0, 181), Status.UNKNOWN, id="s23-3-181-days-6-months-only-from-1-sep"),
        pytest.param(Period(0, 184), Status.PASS, id="s23-3-184-days-always-6-months"),
        pytest.param(Period(0, 730), Status.PASS, id="s23-3-730-days"),
        pytest.param(Period(0, 731), Status.UNKNOWN, id="s23-3-731-days-only-over-a-leap-day"),
        pytest.param(Period(0, 732), Status.FAIL, id="s23-3-732-days"),
        pytest.param(Period(), Status.FAIL, id="s23-3-no-length"),
    ],
)
def test_s23_3_duration_before_the_day_it_takes_effect_is_known(period, expected):
    assert status(order(period=period, takes_effect_on=None), "S23_DURATION") == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"period": None}, Status.UNKNOWN, id="s23-3-no-period"),
        pytest.param({"period": None, "ends_on": date(2025, 1, 1)}, Status.UNKNOWN, id="s23-3-end-date-without-start"),
        pytest.param(
            {"period": Period(12), "takes_effect_on": date(2024, 1, 1), "ends_on": date(2024, 12, 31)},
            Status.PASS,
            id="s23-3-period-and-end-agree",
        ),
        pytest.param(
            {"period": Period(12), "takes_effect_on": date(2024, 1, 1), "ends_on": date(2025, 1, 1)},
            Status.FAIL,
            id="s23-3-period-and-end-disagree",
        ),
        pytest.param({"kind": OrderKind.INTERIM_S18, "period": None}, Status.PASS, id="s23-5-interim-s18"),
        pytest.param(
            {"kind": OrderKind.INTERIM_S17, "period": None, "provisions": (prohibition(),)},
            Status.PASS,
            id="s23-4-interim-s17",
        ),
    ],
)
def test_s23_3_duration_missing_facts_and_interim_orders(changes, expected):
    assert status(order(**changes), "S23_DURATION") == expected


def test_s23_3_explains_the_permitted_range_and_returns_its_dates():
    result = check(order(period=None, takes_effect_on=date(2024, 1, 31), ends_on=date(2024, 7, 29)), "S23_DURATION")
    assert result.explanation == (
        "The order would run from 31 January 2024 to 29 July 2024, less than 6 months: "
        "it must last until at least 30 July 2024."
    )
    assert result.dates == {
        "takes_effect_on": date(2024, 1, 31),
        "ends_on": date(2024, 7, 29),
        "shortest_ends_on": date(2024, 7, 30),
        "longest_ends_on": date(2026, 1, 30),
    }


def test_s23_3_explains_which_bound_depends_on_the_start():
    result = check(order(period=Period(5, 28)), "S23_DURATION")
    assert result.explanation.startswith("Whether 5 months and 28 days is at least 6 months depends on the day")


@given(
    st.integers(min_value=0, max_value=26),
    st.integers(min_value=0, max_value=800),
    st.dates(min_value=date(1901, 3, 1), max_value=date(2097, 12, 31)),
)
def test_s23_3_an_undated_verdict_holds_for_every_start(months, days, start):
    # The undated check decides only when every start gives the same answer: so it must agree
    # with the dated check for any real start (the claim behind _REFERENCE_STARTS).
    undated = status(order(period=Period(months, days)), "S23_DURATION")
    dated = status(order(period=Period(months, days), takes_effect_on=start), "S23_DURATION")
    assert undated == Status.UNKNOWN or undated == dated


# --- s23(8): each provision's own period within the order's ----------------------------------


@pytest.mark.parametrize(
    ("order_changes", "provision_changes", "expected"),
    [
        pytest.param({}, {}, Status.PASS, id="s23-8-whole-order"),
        pytest.param({}, {"period": Period(12)}, Status.PASS, id="s23-8-as-long-as-the-order"),
        pytest.param({}, {"period": Period(13)}, Status.FAIL, id="s23-8-longer-than-the-order"),
        pytest.param({}, {"period": Period(11, 30)}, Status.UNKNOWN, id="s23-8-11m30d-depends-on-start"),
        pytest.param({}, {"starts_after": Period(6), "period": Period(6)}, Status.PASS, id="s23-8-second-half"),
        pytest.param(
            {}, {"starts_after": Period(6), "period": Period(7)}, Status.FAIL, id="s23-8-second-half-and-a-month"
        ),
        # Month-end clamping is not additive: from 31 August, 6 months in is 28/29 February and 6 months
        # and a day after that falls before 31 August, so the extra day only sometimes outlasts the order.
        pytest.param(
            {}, {"starts_after": Period(6), "period": Period(6, 1)}, Status.UNKNOWN, id="s23-8-second-half-and-a-day"
        ),
        pytest.param(
            {"takes_effect_on": date(2024, 1, 1)},
            {"starts_after": Period(6), "period": Period(6, 1)},
            Status.FAIL,
            id="s23-8-second-half-and-a-day-from-1-jan",
        ),
        pytest.param({}, {"starts_after": Period(12)}, Status.FAIL, id="s23-8-starts-after-the-order-ends"),
        pytest.param({}, {"starts_after": Period(11)}, Status.PASS, id="s23-8-last-month-only"),
        # 6 months beginning with 1 January 2024 are 182 days (a leap year)
        pytest.param(
            {"period": Period(6), "takes_effect_on": date(2024, 1, 1)},
            {"period": Period(0, 182)},
            Status.PASS,
            id="s23-8-182-days-of-a-6-month-order-from-1-jan-2024",
        ),
        pytest.param(
            {"period": Period(6), "takes_effect_on": date(2024, 1, 1)},
            {"period": Period(0, 183)},
            Status.FAIL,
            id="s23-8-183-days-of-a-6-month-order-from-1-jan-2024",
        ),
        pytest.param(
            {"period": None, "takes_effect_on": date(2024, 1, 1), "ends_on": date(2024, 12, 31)},
            {"period": Period(12)},
            Status.PASS,
            id="s23-8-against-an-end-date",
        ),
        pytest.param({"period": None}, {"period": Period(6)}, Status.UNKNOWN, id="s23-8-order-period-unknown"),
        pytest.param(
            {"kind": OrderKind.INTERIM_S18, "period": None},
            {"period": Period(3)},
            Status.PASS,
            id="s23-8-interim-order",
        ),
    ],
)
def test_s23_8_provision_periods(order_changes, provision_changes, expected):
    drafted = order(provisions=(requirement(), prohibition("P1", **provision_changes)), **order_changes)
    assert status(drafted, "S23_PROVISION_PERIODS") == expected


def test_s23_8_names_the_provision_that_outlasts_the_order():
    drafted = order(provisions=(prohibition("P1", starts_after=Period(6), period=Period(7)),))
    assert check(drafted, "S23_PROVISION_PERIODS").explanation == (
        "A provision's own period must fall within the order's: P1 (from 6 months in, for 7 months) would outlast it."
    )


# --- guidance: positive requirements for children ----------------------------------------------


@pytest.mark.parametrize(
    ("age", "provisions", "kind", "expected"),
    [
        pytest.param(17, (prohibition(),), OrderKind.FULL, Status.WARNING, id="guidance-ch9-17-prohibitions-only"),
        pytest.param(17, (requirement(), prohibition()), OrderKind.FULL, Status.PASS, id="guidance-ch9-17-with-req"),
        pytest.param(18, (prohibition(),), OrderKind.FULL, Status.PASS, id="guidance-ch9-adult"),
        pytest.param(None, (prohibition(),), OrderKind.FULL, Status.UNKNOWN, id="guidance-ch9-age-unknown"),
        pytest.param(15, (prohibition(),), OrderKind.INTERIM_S17, Status.PASS, id="guidance-ch9-s17-cannot-have-req"),
        pytest.param(15, (prohibition(),), OrderKind.INTERIM_S18, Status.WARNING, id="guidance-ch9-s18-interim"),
    ],
)
def test_guidance_children_get_positive_requirements(age, provisions, kind, expected):
    drafted = order(subject_age_on_application=age, provisions=provisions, kind=kind)
    assert status(drafted, "GUIDANCE_U18_REQUIREMENTS") == expected


# --- guidance: generic conditions that restate the law -----------------------------------------


@pytest.mark.parametrize(
    ("wording", "phrase"),
    [
        pytest.param("Not to carry a knife.", "not carry a knife", id="ucl-cps-not-to-carry-a-knife"),
        pytest.param("NOT TO CARRY A KNIFE in any public place", "not carry a knife", id="ucl-cps-upper-case"),
        pytest.param("Must not carry a bladed article.", "not carry a bladed article", id="ucl-cps-bladed-article"),
        pytest.param("To comply with probation.", "comply with probation", id="ucl-cps-comply-with-probation"),
        pytest.param(
            "To comply with his probation order.", "comply with his probation", id="ucl-cps-with-his-probation"
        ),
        pytest.param("Not to commit any offence.", "not commit any offence", id="ucl-cps-any-offence"),
        pytest.param("Not to carry a knife-sharpener.", None, id="ucl-cps-whole-words-only"),
        pytest.param("Not to carry an unregistered SIM card or mobile phone.", None, id="ucl-cps-bespoke-sim-card"),
        pytest.param(
            "Not to ride a bicycle that is not registered to you.", None, id="ucl-cps-bespoke-unregistered-bike"
        ),
    ],
)
def test_guidance_generic_phrases(wording, phrase):
    assert generic_phrase(wording) == phrase


def test_guidance_generic_wording_names_the_provisions():
    drafted = order(
        provisions=(
            requirement("R1", wording="To comply with probation."),
            prohibition("P1"),
            prohibition("P2", wording="Not to carry a knife."),
        )
    )
    result = check(drafted, "GUIDANCE_GENERIC_WORDING")
    assert result.status == Status.WARNING
    assert result.explanation.startswith(
        'R1 ("comply with probation") and P2 ("not carry a knife") restate the law or another order'
    )


# --- guidance: a child kept from adults who may exploit them ----------------------------------


@pytest.mark.parametrize(
    ("age", "flagged", "expected"),
    [
        pytest.param(17, True, Status.WARNING, id="ucl-yj-child-kept-from-adults"),
        pytest.param(18, True, Status.PASS, id="ucl-yj-adult"),
        pytest.param(17, False, Status.PASS, id="ucl-yj-peers-only"),
        pytest.param(None, True, Status.UNKNOWN, id="ucl-yj-age-unknown"),
        pytest.param(None, False, Status.PASS, id="ucl-yj-age-unknown-nothing-flagged"),
    ],
)
def test_guidance_child_adult_association(age, flagged, expected):
    non_association = prohibition(
        "P3",
        wording="Not to associate with John Smith (aged 24).",
        category=ProvisionCategory.NON_ASSOCIATION,
        restricts_contact_with_adults=flagged,
    )
    drafted = order(subject_age_on_application=age, provisions=(requirement(), non_association))
    result = check(drafted, "GUIDANCE_CHILD_ADULT_ASSOCIATION")
    assert result.status == expected
    if expected == Status.WARNING:
        assert result.explanation.startswith("P3 stops a child associating with adults")


# --- guidance: a long list of prohibitions for a young child ----------------------------------


@pytest.mark.parametrize(
    ("age", "count", "expected"),
    [
        pytest.param(13, 6, Status.PASS, id="ucl-yj-13-six-prohibitions"),
        pytest.param(13, 7, Status.WARNING, id="ucl-yj-13-seven-prohibitions"),
        pytest.param(14, 7, Status.PASS, id="ucl-yj-14-seven-prohibitions"),
        pytest.param(None, 7, Status.UNKNOWN, id="ucl-yj-age-unknown"),
        pytest.param(None, 6, Status.PASS, id="ucl-yj-age-unknown-short-list"),
    ],
)
def test_guidance_child_prohibition_count(age, count, expected):
    provisions = (requirement(), *(prohibition(f"P{n}") for n in range(1, count + 1)))
    drafted = order(subject_age_on_application=age, provisions=provisions)
    assert status(drafted, "GUIDANCE_CHILD_PROHIBITION_COUNT") == expected


# --- time windows ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "stretch"),
    [
        pytest.param(window({MON}, "10:00", "12:00"), window({MON}, "12:00", "14:00"), None, id="touching"),
        pytest.param(window({MON}, "10:00", "12:01"), window({MON}, "12:00", "14:00"), (720, 721), id="one-minute"),
        pytest.param(
            window({FRI}, "22:00", "06:00"), window({SAT}, "05:00", "07:00"), (7500, 7560), id="past-midnight"
        ),
        pytest.param(
            window({SUN}, "23:00", "01:00"), window(EVERY_DAY, "00:00", "00:00"), (10020, 10140), id="across-week-end"
        ),
    ],
)
def test_first_overlap_in_minutes_of_the_week(a, b, stretch):
    assert first_overlap((a,), (b,)) == stretch


def test_a_window_describes_itself():
    assert [str(w) for w in (window(MONDAY_TO_FRIDAY, "19:00", "07:00"), window({SAT, SUN}, "00:00", "00:00"))] == [
        "Mon-Fri 19:00-07:00",
        "Sat, Sun all day",
    ]


def test_a_window_needs_a_day():
    with pytest.raises(ValueError, match="at least one day"):
        TimeWindow(frozenset(), time(10), time(12))


def test_a_period_cannot_be_negative():
    with pytest.raises(ValueError, match="negative"):
        Period(months=-1)


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(24), "2 years"),
        (Period(18), "1 year and 6 months"),
        (Period(1, 1), "1 month and 1 day"),
        (Period(), "0 days"),
    ],
)
def test_a_period_describes_itself(period, text):
    assert str(period) == text


minutes = st.times().map(lambda t: t.replace(second=0, microsecond=0))
windows = st.builds(TimeWindow, st.frozensets(st.sampled_from(list(Weekday)), min_size=1), minutes, minutes)


@given(st.lists(windows, max_size=3), st.lists(windows, max_size=3))
def test_overlap_is_symmetric(a, b):
    assert schedules_overlap(a, b) == schedules_overlap(b, a)


@given(windows)
def test_a_window_overlaps_itself(w):
    assert schedules_overlap((w,), (w,))


@given(st.sampled_from(list(Weekday)), minutes, minutes)
def test_a_window_and_the_rest_of_its_24_hours_touch_but_never_overlap(day, start, end):
    if start == end:
        return  # a 24-hour window has no rest
    w = TimeWindow(frozenset({day}), start, end)
    rest = TimeWindow(frozenset({Weekday((day + (end < start)) % 7)}), end, start)
    assert not schedules_overlap((w,), (rest,))
    assert sum(e - s for s, e in w.intervals() + rest.intervals()) == 24 * 60


# --- the core stays free of Django ------------------------------------------------------------


def test_the_core_imports_no_django():
    # In a fresh interpreter: this test process has Django loaded already by pytest-django.
    # eligibility.core imports every module of the core (rules, provisions, service, working days).
    code = "import sys, eligibility.core; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run(  # noqa: S603 - our own interpreter, a fixed command
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
