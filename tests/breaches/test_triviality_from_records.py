"""The guidance's "more than trivial" test for a child's breach (seeds/001, "Breaches of KCPOs";
eligibility/core/breaches.py), computed from the records end to end: supervisors' reports and
police checks in the database → breaches.selectors.breach_facts → the assessment on the breach
page. At its boundaries: 1 against 2 missed sessions, a curfew broken by 15 against 16 minutes."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from breaches.selectors import breach_facts, triviality_for
from eligibility.core.breaches import BreachFacts, Triviality
from eligibility.core.provisions import ProvisionCategory, ProvisionKind
from tests.access import as_member
from tests.breaches.conftest import at, provision, report
from tests.factories import BreachFactory, PoliceCheckFactory

NIGHT = date(2027, 2, 20)
SOURCE = "Home Office guidance, “Breaches of KCPOs” (under 18s)"


def breach_of(order, label, *, on=NIGHT, **fields):
    return BreachFactory(order=order, provision=provision(order, label), occurred_on=on, **fields)


def curfew_check(order, *, minutes, day=NIGHT, **fields):
    return PoliceCheckFactory(
        order=order,
        prohibition=provision(order, "P3"),
        kind="curfew",
        checked_at=at(day, 21, minutes),
        complied=False,
        minutes_outside=minutes,
        **fields,
    )


def breach_page(client, officer, breach) -> str:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        response = as_member(client, officer).get(reverse("breaches:detail", args=[breach.id]))
    assert response.status_code == 200
    return response.content.decode()


# --- missed sessions of a requirement: "two or more" ---------------------------------------------


@pytest.mark.parametrize(
    ("missed", "result"),
    [(0, Triviality.EXAMPLES_NOT_MET), (1, Triviality.EXAMPLES_NOT_MET), (2, Triviality.MORE_THAN_TRIVIAL)],
)
def test_missed_sessions_are_counted_from_the_supervisors_reports(child_order, missed, result):
    r2 = provision(child_order, "R2")
    for day in range(1, missed + 1):
        report(r2, date(2027, 2, day), "failed")
    report(r2, date(2027, 2, 10), "attended")

    assessment = triviality_for(breach_of(child_order, "R2"))

    assert breach_facts(breach_of(child_order, "R2")).missed_sessions == missed
    assert assessment.result == result


def test_late_and_excused_sessions_are_not_missed(child_order):
    r2 = provision(child_order, "R2")
    report(r2, date(2027, 2, 1), "failed")
    report(r2, date(2027, 2, 8), "late", minutes_late=40)
    report(r2, date(2027, 2, 15), "excused")

    assert breach_facts(breach_of(child_order, "R2")).missed_sessions == 1


def test_sessions_after_the_day_of_the_breach_are_not_counted(child_order):
    """A session missed after the breach is part of a later one."""
    r2 = provision(child_order, "R2")
    report(r2, date(2027, 2, 1), "failed")
    report(r2, NIGHT, "failed")  # on the day: counted
    report(r2, date(2027, 2, 21), "failed")

    assert breach_facts(breach_of(child_order, "R2")).missed_sessions == 2


def test_the_facts_of_a_requirement_breach(child_order):
    r2 = provision(child_order, "R2")
    report(r2, date(2027, 2, 1), "failed")

    assert breach_facts(breach_of(child_order, "R2")) == BreachFacts(
        under_18=True,
        provision_kind=ProvisionKind.REQUIREMENT,
        category=ProvisionCategory.YOUTH_MENTORING,
        label="R2",
        missed_sessions=1,
    )


def test_the_breach_page_shows_one_missed_session_is_not_the_example(client, officer, child_order):
    report(provision(child_order, "R2"), date(2027, 2, 1), "failed")

    html = breach_page(client, officer, breach_of(child_order, "R2"))

    assert "The guidance’s examples are not met" in html and "More than trivial" not in html
    assert "Failed to attend 1 session of R2: the example is two or more." in html
    assert "Sessions of R2 reported “failed to attend” up to 20 February 2027: 1" in html
    assert SOURCE in html


def test_the_breach_page_shows_two_missed_sessions_are_more_than_trivial(client, officer, child_order):
    r2 = provision(child_order, "R2")
    missed = [report(r2, date(2027, 2, day), "failed") for day in (1, 8)]

    html = breach_page(client, officer, breach_of(child_order, "R2", reports=missed))

    assert "More than trivial" in html
    assert "Failed to attend 2 sessions of R2 (two or more)." in html
    assert SOURCE in html


# --- a curfew: "by more than 15 minutes" ---------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "result"),
    [(15, Triviality.EXAMPLES_NOT_MET), (16, Triviality.MORE_THAN_TRIVIAL)],
)
def test_a_curfew_broken_by_more_than_15_minutes_from_the_check_linked(child_order, minutes, result):
    breach = breach_of(child_order, "P3", checks=[curfew_check(child_order, minutes=minutes)])

    assert breach_facts(breach).curfew_minutes_outside == minutes
    assert triviality_for(breach).result == result


@pytest.mark.parametrize(
    ("minutes", "shown", "reason"),
    [
        (15, "The guidance’s examples are not met", "The curfew (P3): broken by 15 minutes; the example is more"),
        (16, "More than trivial", "Broke the curfew (P3) by 16 minutes (more than 15)."),
    ],
)
def test_the_breach_page_shows_the_curfew_minutes_against_the_example(
    client, officer, child_order, minutes, shown, reason
):
    breach = breach_of(child_order, "P3", checks=[curfew_check(child_order, minutes=minutes)])

    html = breach_page(client, officer, breach)

    assert shown in html and reason in html
    assert f"Most minutes outside the curfew a check found: {minutes}" in html


def test_the_most_minutes_any_linked_check_found_counts(child_order):
    checks = [curfew_check(child_order, minutes=10), curfew_check(child_order, minutes=25, day=date(2027, 2, 21))]

    assert breach_facts(breach_of(child_order, "P3", checks=checks)).curfew_minutes_outside == 25


def test_with_no_check_linked_the_orders_failed_checks_of_the_prohibition_that_day_count(child_order):
    curfew_check(child_order, minutes=30)
    curfew_check(child_order, minutes=50, day=date(2027, 2, 19))  # another night
    PoliceCheckFactory(order=child_order, prohibition=provision(child_order, "P3"), checked_at=at(NIGHT, 22))

    assert breach_facts(breach_of(child_order, "P3")).curfew_minutes_outside == 30


def test_linked_checks_are_the_evidence_when_there_are_any(child_order):
    linked = curfew_check(child_order, minutes=5)
    curfew_check(child_order, minutes=40)  # the same night, not linked

    breach = breach_of(child_order, "P3", checks=[linked])

    assert breach_facts(breach).curfew_minutes_outside == 5
    assert triviality_for(breach).result == Triviality.EXAMPLES_NOT_MET


def test_a_curfew_check_that_found_the_subject_at_home_breaks_nothing(child_order):
    at_home = PoliceCheckFactory(order=child_order, prohibition=provision(child_order, "P3"), checked_at=at(NIGHT, 21))

    assessment = triviality_for(breach_of(child_order, "P3", checks=[at_home]))

    assert assessment.result == Triviality.EXAMPLES_NOT_MET
    assert assessment.reasons[0].startswith("The curfew (P3): no check shows it broken")


# --- places and associations: prohibitions ------------------------------------------------------


def test_a_check_that_found_the_subject_in_a_prohibited_place(child_order):
    check = PoliceCheckFactory(
        order=child_order,
        prohibition=provision(child_order, "P1"),
        kind="place",
        checked_at=at(NIGHT, 15),
        place="Brixton Road",
        complied=False,
    )

    breach = breach_of(child_order, "P1", came_to_light="stop", checks=[check])

    assert breach_facts(breach).in_prohibited_place is True
    assert triviality_for(breach).reasons == ("Was in a place P1 prohibits.",)


def test_a_check_that_found_a_prohibited_association(child_order):
    from tests.breaches.conftest import add_provision

    add_provision(child_order, number=4, category="non_association", wording="Not to associate with A or B")
    check = PoliceCheckFactory(
        order=child_order,
        prohibition=provision(child_order, "P4"),
        kind="association",
        checked_at=at(NIGHT, 15),
        place="Brixton Road",
        complied=False,
    )

    breach = breach_of(child_order, "P4", checks=[check])

    assert breach_facts(breach).prohibited_association is True
    assert triviality_for(breach).reasons == ("Associated with someone P4 prohibits associating with.",)


def test_a_prohibition_contravened_with_no_check_is_normally_more_than_trivial(child_order):
    assessment = triviality_for(breach_of(child_order, "P1", came_to_light="stop"))

    assert assessment.result == Triviality.MORE_THAN_TRIVIAL
    assert assessment.reasons == ("Contravened a prohibition (P1): normally more than trivial.",)


# --- who the test is for ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("occurred_on", "under_18"),
    # Born 1 June 2010 (tests/breaches/conftest.py): 18 on 1 June 2028.
    [(date(2028, 5, 31), True), (date(2028, 6, 1), False)],
)
def test_the_age_is_on_the_day_of_the_breach(child_order, occurred_on, under_18):
    assert breach_facts(breach_of(child_order, "R2", on=occurred_on)).under_18 is under_18


def test_for_an_adult_the_page_says_not_applicable(client, officer, order):
    r2 = provision(order, "R2")
    missed = [report(r2, date(2027, 2, day), "failed") for day in (1, 8, 15)]

    html = breach_page(client, officer, breach_of(order, "R2", reports=missed))

    assert "Not applicable" in html and "More than trivial" not in html
    assert "The subject is 18 or over: the “more than trivial” test is for under-18s." in html


def test_a_failure_to_notify_is_a_judgement(client, officer, child_order):
    breach = BreachFactory(order=child_order, provision=None, notification_duty=True, occurred_on=NIGHT)

    assert triviality_for(breach).result == Triviality.EXAMPLES_NOT_MET
    assert "A failure to notify (s24) is not among the guidance’s examples." in breach_page(client, officer, breach)


def test_the_facts_cost_the_same_queries_however_many_records(child_order, django_assert_num_queries):
    r2 = provision(child_order, "R2")
    few = breach_of(child_order, "R2")
    report(r2, date(2027, 2, 1), "failed")
    many = breach_of(child_order, "P3", checks=[curfew_check(child_order, minutes=m) for m in (5, 20, 40)])
    for day in range(2, 12):
        report(r2, date(2027, 2, day), "failed")

    with django_assert_num_queries(1):  # the count of missed sessions
        breach_facts(few)
    with django_assert_num_queries(1):  # the linked checks
        breach_facts(many)
