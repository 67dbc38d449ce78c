"""The guidance's "more than trivial" test for a child's breach (eligibility/core/breaches.py;
seeds/001 "Breaches of KCPOs"), at its boundaries: 1 against 2 missed sessions, a curfew broken by
15 against 16 minutes, prohibited places and associations, other prohibitions, adults. No database."""

import pytest

from eligibility.core.breaches import BreachFacts, Triviality, assess_triviality
from eligibility.core.provisions import ProvisionCategory, ProvisionKind

REQUIREMENT = {
    "provision_kind": ProvisionKind.REQUIREMENT,
    "category": ProvisionCategory.YOUTH_MENTORING,
    "label": "R1",
}
CURFEW = {"provision_kind": ProvisionKind.PROHIBITION, "category": ProvisionCategory.CURFEW, "label": "P2"}


@pytest.mark.parametrize(
    ("missed", "result"),
    [
        (0, Triviality.EXAMPLES_NOT_MET),
        (1, Triviality.EXAMPLES_NOT_MET),  # one fewer than the example
        (2, Triviality.MORE_THAN_TRIVIAL),  # "two or more sessions"
        (3, Triviality.MORE_THAN_TRIVIAL),
    ],
)
def test_missed_sessions_of_a_requirement_two_or_more(missed, result):
    assessment = assess_triviality(BreachFacts(under_18=True, missed_sessions=missed, **REQUIREMENT))

    assert assessment.result == result
    if result == Triviality.MORE_THAN_TRIVIAL:
        assert assessment.reasons == (f"Failed to attend {missed} sessions of R1 (two or more).",)


def test_one_missed_session_says_the_example_is_two_and_that_it_is_a_judgement():
    (reason,) = assess_triviality(BreachFacts(under_18=True, missed_sessions=1, **REQUIREMENT)).reasons

    assert reason.startswith("Failed to attend 1 session of R1: the example is two or more.")
    assert "not exhaustive" in reason


@pytest.mark.parametrize(
    ("minutes", "result"),
    [
        (None, Triviality.EXAMPLES_NOT_MET),  # no check shows it broken
        (15, Triviality.EXAMPLES_NOT_MET),  # "more than 15 minutes": 15 is not more
        (16, Triviality.MORE_THAN_TRIVIAL),
        (90, Triviality.MORE_THAN_TRIVIAL),
    ],
)
def test_a_curfew_broken_by_more_than_15_minutes(minutes, result):
    assessment = assess_triviality(BreachFacts(under_18=True, curfew_minutes_outside=minutes, **CURFEW))

    assert assessment.result == result


def test_the_reason_names_the_minutes():
    assessment = assess_triviality(BreachFacts(under_18=True, curfew_minutes_outside=16, **CURFEW))

    assert assessment.reasons == ("Broke the curfew (P2) by 16 minutes (more than 15).",)


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        (
            {"category": ProvisionCategory.NOT_TO_ATTEND_LOCATION, "in_prohibited_place": True},
            "Was in a place P1 prohibits.",
        ),
        (
            {"category": ProvisionCategory.NON_ASSOCIATION, "prohibited_association": True},
            "Associated with someone P1 prohibits associating with.",
        ),
        # Any other prohibition contravened: "normally" more than trivial.
        ({"category": ProvisionCategory.ARTICLES}, "Contravened a prohibition (P1): normally more than trivial."),
        ({"category": None}, "Contravened a prohibition (P1): normally more than trivial."),
    ],
)
def test_prohibitions_are_normally_more_than_trivial(facts, reason):
    assessment = assess_triviality(
        BreachFacts(under_18=True, provision_kind=ProvisionKind.PROHIBITION, label="P1", **facts)
    )

    assert assessment.result == Triviality.MORE_THAN_TRIVIAL
    assert assessment.reasons == (reason,)


def test_a_failure_to_notify_is_not_among_the_examples_so_it_is_a_judgement():
    assessment = assess_triviality(BreachFacts(under_18=True))

    assert assessment.result == Triviality.EXAMPLES_NOT_MET
    assert "s24" in assessment.reasons[0]


def test_the_test_is_for_under_18s_only():
    assessment = assess_triviality(BreachFacts(under_18=False, missed_sessions=5, **REQUIREMENT))

    assert assessment.result == Triviality.NOT_APPLICABLE
    assert not assessment.more_than_trivial
