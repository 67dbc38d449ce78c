"""After an order is made (orders/variations.py): applications to vary, renew or discharge it
(s27), review hearings (s26) and appeals (s28), their outcomes applied to the order — a new
version of the provisions with what changed, a renewal within s23(3)'s limit, a discharge not in
the first 6 months without both consents (s27(10)) — and the police's 14 days for representations
on a defendant's application (the guidance, chapter 11)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from orders.court import hearing_record_outcome
from orders.models import Hearing, Order, Proceeding
from orders.variations import (
    Decision,
    VariedProvision,
    proceeding_comparison,
    proceeding_decide,
    proceeding_hearing_list,
    proceeding_start,
    representations_record,
    review_decide,
)
from tests.documents.builders import COURT_WORDING, HEARING_DAY, MENTORING_WORDING, REVIEW_ON, make_full_order
from tests.factories import OrganisationFactory

# make_full_order: 18 months from HEARING_DAY (14 December 2026); P1 has 12 months of its own,
# R2 runs with the order; 6 months in effect end on 13 June 2027.
SIX_MONTHS_IN = date(2027, 6, 14)
LATER = date(2027, 9, 1)


@pytest.fixture
def order(officer):
    return Order.objects.get(application=make_full_order(officer, court=None))


def start(order, officer, **overrides):
    fields = {
        "kind": "application",
        "applicant": "police",
        "sought": "vary",
        "made_on": date(2027, 3, 1),
        "today": date(2027, 3, 1),
        "reasons": "The curfew stops him attending college in the evening.",
    }
    return proceeding_start(order=order, membership=officer, **{**fields, **overrides})


def decide(proceeding, officer, **decision):
    on = decision.pop("decided_on", LATER)
    return proceeding_decide(
        proceeding=proceeding, membership=officer, decision=Decision(decided_on=on, **decision), today=on
    )


def keep(order, changes=None):
    """Every current provision as it is, with `changes` by number (VariedProvision fields)."""
    changes = changes or {}
    return tuple(
        VariedProvision(
            **{"number": p.number, "wording": p.wording, "period_months": p.period_months, **changes.get(p.number, {})}
        )
        for p in order.provisions.current().order_by("number")
    )


# --- starting one ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received_on", "due"),
    [(date(2027, 3, 1), date(2027, 3, 15)), (date(2027, 2, 20), date(2027, 3, 6))],
)
def test_a_defendants_application_gives_the_police_14_days_for_representations(order, officer, received_on, due):
    proceeding = start(order, officer, applicant="defendant", made_on=received_on, today=received_on)

    assert proceeding.representations_due_on == due  # the guidance, ch. 11


def test_a_police_application_has_no_representations_deadline(order, officer):
    assert start(order, officer).representations_due_on is None


def test_a_police_application_about_a_child_needs_the_yots_views_first(order, officer):
    subject = order.application.case.subject
    subject.date_of_birth = date(2011, 5, 1)  # 15 on 1 March 2027
    subject.save()

    with pytest.raises(ValidationError) as refused:
        start(order, officer)
    assert "youth offending team" in str(refused.value)
    assert not Proceeding.objects.exists()

    yot = OrganisationFactory(yot=True)
    proceeding = start(order, officer, yot=yot, yot_consulted_on=date(2027, 2, 20), yot_views="Supports the change")
    assert proceeding.yot == yot


def test_the_day_before_the_18th_birthday_the_yot_is_still_needed_and_on_it_not(order, officer):
    subject = order.application.case.subject
    subject.date_of_birth = date(2009, 3, 1)  # 18 on 1 March 2027
    subject.save()

    with pytest.raises(ValidationError):
        start(order, officer, made_on=date(2027, 2, 28), today=date(2027, 2, 28))
    assert start(order, officer, made_on=date(2027, 3, 1)).kind == "application"


def test_an_interim_order_cannot_be_renewed_s27_1_b(officer):
    from tests.documents.builders import make_order

    interim = Order.objects.get(
        application=make_order(officer, route="s14_with_interim", outcome="interim_order", duration_months=None)
    )
    with pytest.raises(ValidationError) as refused:
        start(interim, officer, sought="renew", made_on=HEARING_DAY, today=HEARING_DAY)
    assert "s27(1)(b)" in str(refused.value)


@pytest.mark.parametrize(
    ("made_on", "today", "message"),
    [
        (date(2027, 3, 2), date(2027, 3, 1), "today or in the past"),
        (HEARING_DAY - timedelta(days=1), date(2027, 3, 1), "before the order was made"),
    ],
)
def test_the_date_it_was_made_is_checked(order, officer, made_on, today, message):
    with pytest.raises(ValidationError) as refused:
        start(order, officer, made_on=made_on, today=today)
    assert message in str(refused.value)


def test_representations_are_recorded_even_when_late(order, officer):
    proceeding = start(order, officer, applicant="defendant")

    representations_record(
        proceeding=proceeding,
        membership=officer,
        sent_on=date(2027, 3, 20),
        representations="The police oppose the discharge.",
        today=date(2027, 3, 20),
    )

    proceeding.refresh_from_db()
    assert proceeding.representations_sent_on == date(2027, 3, 20)
    assert proceeding.representations_sent_on > proceeding.representations_due_on


def test_a_listed_hearing_is_a_hearing_of_the_orders_application(order, officer):
    proceeding = start(order, officer)

    hearing = proceeding_hearing_list(proceeding=proceeding, membership=officer, on=date(2027, 4, 1), court=None)

    assert hearing.application == order.application and hearing.kind == "variation"
    # Its outcome is the order's, not the application's.
    with pytest.raises(ValidationError) as refused:
        hearing_record_outcome(hearing=hearing, membership=officer, outcome="granted", today=date(2027, 4, 1))
    assert "order’s page" in str(refused.value)


# --- a variation -----------------------------------------------------------------------------


def test_a_variation_makes_a_new_version_of_the_provisions_and_keeps_the_old(order, officer):
    proceeding = start(order, officer)
    provisions = keep(order, {1: {"wording": "Not to enter Brixton town centre after 21:00"}, 2: {"remove": True}})
    added = VariedProvision(number=None, kind="prohibition", wording="Not to carry a bladed article", period_months=6)

    decide(proceeding, officer, outcome="varied", provisions=(*provisions, added))

    current = {p.number: p for p in order.provisions.current()}
    assert {n: p.wording for n, p in current.items()} == {
        1: "Not to enter Brixton town centre after 21:00",
        3: "Not to carry a bladed article",
    }
    assert [p.wording for p in order.provisions.as_made().order_by("number")] == [COURT_WORDING, MENTORING_WORDING]
    # The new P1 keeps the old one's terms and its own period from the day the order took effect (s23(8)).
    assert current[1].place == "Brixton town centre"
    assert (current[1].starts_on, current[1].ends_on) == (HEARING_DAY, date(2027, 12, 13))
    assert (current[3].starts_on, current[3].ends_on) == (HEARING_DAY, date(2027, 6, 13))


def test_the_comparison_says_what_changed_provision_by_provision(order, officer):
    proceeding = start(order, officer)
    provisions = keep(order, {1: {"wording": "Not to enter Brixton town centre after 21:00"}, 2: {"remove": True}})
    added = VariedProvision(number=None, kind="prohibition", wording="Not to carry a bladed article")
    decide(proceeding, officer, outcome="varied", provisions=(*provisions, added))

    comparison = {change.label: change for change in proceeding_comparison(proceeding)}

    assert {label: change.status for label, change in comparison.items()} == {
        "P1": "changed",
        "R2": "removed",
        "P3": "added",
    }
    wording = next(c for c in comparison["P1"].changes if c.field == "wording")
    assert (wording.before, wording.after) == (COURT_WORDING, "Not to enter Brixton town centre after 21:00")
    assert comparison["R2"].changes[0].before == MENTORING_WORDING


def test_a_variation_that_changes_nothing_is_refused_and_records_nothing(order, officer):
    proceeding = start(order, officer)

    with pytest.raises(ValidationError) as refused:
        decide(proceeding, officer, outcome="varied", provisions=keep(order))

    assert "Nothing was changed" in str(refused.value)
    proceeding.refresh_from_db()
    assert proceeding.outcome == "" and order.provisions.count() == 2


def test_a_variation_removing_everything_must_be_a_discharge(order, officer):
    with pytest.raises(ValidationError) as refused:
        decide(
            start(order, officer),
            officer,
            outcome="varied",
            provisions=keep(order, {1: {"remove": True}, 2: {"remove": True}}),
        )
    assert "record a discharge" in str(refused.value)


def test_an_outcome_is_recorded_once(order, officer):
    proceeding = start(order, officer)
    decide(proceeding, officer, outcome="unchanged")

    with pytest.raises(ValidationError) as refused:
        decide(proceeding, officer, outcome="unchanged")
    assert "already recorded" in str(refused.value)


def test_an_application_ends_only_in_what_it_sought_or_nothing(order, officer):
    with pytest.raises(ValidationError):
        decide(start(order, officer, sought="vary"), officer, outcome="discharged")


# --- a discharge (s27(10)) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided_on", "consents", "allowed"),
    [
        (SIX_MONTHS_IN - timedelta(days=1), False, False),  # the day before 6 months in effect
        (SIX_MONTHS_IN - timedelta(days=1), True, True),  # with both consents
        (SIX_MONTHS_IN, False, True),  # the day of
        (SIX_MONTHS_IN + timedelta(days=1), False, True),  # the day after
    ],
)
def test_no_discharge_in_the_first_6_months_without_both_consents_s27_10(order, officer, decided_on, consents, allowed):
    proceeding = start(order, officer, sought="discharge")
    decision = {"outcome": "discharged", "decided_on": decided_on}
    decision |= {"defendant_consents": consents, "police_consent": consents}

    if not allowed:
        with pytest.raises(ValidationError) as refused:
            decide(proceeding, officer, **decision)
        assert "s27(10)" in str(refused.value)
        order.refresh_from_db()
        assert order.ended_on is None
        return
    decide(proceeding, officer, **decision)
    order.refresh_from_db()
    assert order.ended_on == decided_on
    assert order.end_reason == "Discharged on an application under s27"


# --- a renewal (s27 with s23(3)) ---------------------------------------------------------------


def test_a_renewal_extends_the_order_and_the_provisions_that_ran_with_it(order, officer):
    proceeding = start(order, officer, sought="renew")
    old_last_day = order.ends_on  # 13 June 2028

    decide(proceeding, officer, outcome="renewed", decided_on=date(2028, 5, 1), renewed_ends_on=date(2029, 4, 30))

    order.refresh_from_db()
    proceeding.refresh_from_db()
    assert order.ends_on == date(2029, 4, 30)
    assert (proceeding.previous_ends_on, proceeding.renewed_ends_on) == (old_last_day, date(2029, 4, 30))
    ends = {p.number: p.ends_on for p in order.provisions.current()}
    assert ends == {1: date(2027, 12, 13), 2: date(2029, 4, 30)}  # P1 keeps its own 12 months (s23(8))


@pytest.mark.parametrize(
    ("renewed_ends_on", "allowed"),
    [(date(2030, 4, 30), True), (date(2030, 5, 1), False)],  # 2 years beginning with 1 May 2028
)
def test_a_renewal_may_not_run_more_than_2_years_from_the_day_renewed(order, officer, renewed_ends_on, allowed):
    proceeding = start(order, officer, sought="renew")
    decision = {"outcome": "renewed", "decided_on": date(2028, 5, 1), "renewed_ends_on": renewed_ends_on}
    if allowed:
        decide(proceeding, officer, **decision)
        order.refresh_from_db()
        assert order.ends_on == renewed_ends_on
    else:
        with pytest.raises(ValidationError) as refused:
            decide(proceeding, officer, **decision)
        assert "s23(3)" in str(refused.value)


# --- review hearings (s26) -----------------------------------------------------------------------


def test_a_review_hearing_that_varies_the_order_is_recorded_as_a_review(order, officer):
    review = Hearing.objects.get(application=order.application, kind="review", date=REVIEW_ON)
    provisions = keep(order, {2: {"wording": "To attend a fortnightly mentoring session"}})

    proceeding = review_decide(
        order=order,
        hearing=review,
        membership=officer,
        decision=Decision(outcome="varied", decided_on=REVIEW_ON, provisions=provisions),
        today=REVIEW_ON,
    )

    assert (proceeding.kind, proceeding.hearing, proceeding.outcome) == ("review", review, "varied")
    assert order.provisions.current().get(number=2).wording == "To attend a fortnightly mentoring session"


def test_a_refused_review_outcome_leaves_no_review_recorded(order, officer):
    review = Hearing.objects.get(application=order.application, kind="review")

    with pytest.raises(ValidationError):
        review_decide(
            order=order,
            hearing=review,
            membership=officer,
            decision=Decision(outcome="varied", decided_on=review.date, provisions=keep(order)),
            today=review.date,
        )

    assert not Proceeding.objects.exists()


def test_a_review_hearing_not_yet_held_cannot_be_decided(order, officer):
    review = Hearing.objects.get(application=order.application, kind="review")
    with pytest.raises(ValidationError) as refused:
        review_decide(
            order=order,
            hearing=review,
            membership=officer,
            decision=Decision(outcome="unchanged", decided_on=review.date - timedelta(days=1)),
            today=review.date - timedelta(days=1),
        )
    assert "not happened yet" in str(refused.value)


# --- appeals (s28) -----------------------------------------------------------------------------


def test_an_appeal_allowed_discharges_the_order(order, officer):
    appeal = start(order, officer, kind="appeal", applicant="defendant", sought="", made_on=date(2027, 1, 5))

    decide(
        appeal, officer, outcome="discharged", decided_on=date(2027, 2, 1), defendant_consents=True, police_consent=True
    )

    order.refresh_from_db()
    assert appeal.sought == "" and appeal.representations_due_on is None
    assert (order.ended_on, order.end_reason) == (date(2027, 2, 1), "Discharged on appeal (s28)")
