"""The statistics tables (oversight/selectors.py): what each counts, for the force, the period
(both ends included) and the borough asked, and nothing else."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from breaches.models import Breach
from kcpo.accounts.models import Role
from orders.court import hearing_list, hearing_record_outcome
from orders.models import ApplicationEvent, OrderProvision
from orders.workflow import Route, State
from oversight import registry, selectors
from oversight.selectors import age_band
from tests.factories import BreachFactory, MembershipFactory, OccasionFactory, OrganisationFactory
from tests.orders.review_builders import make_application
from tests.oversight.builders import FIRST, LAST, order_made, scope


def refused(officer, *, on=FIRST, reason="sentence_sufficient"):
    """An application with notice the court refused at a hearing on `on`."""
    application = make_application(officer, state=State.LAID, application_date=on)
    hearing = hearing_list(application=application, membership=officer, court=None, on=on, kind="full")
    hearing_record_outcome(hearing=hearing, membership=officer, outcome="refused", today=on, refusal_reason=reason)
    return application


def counts(table) -> dict[str, tuple[int, ...]]:
    return {row.label: row.counts for row in table.rows if row.total}


@pytest.mark.parametrize(
    ("made_on", "counted"),
    [
        (FIRST - timedelta(days=1), False),
        (FIRST, True),
        (LAST, True),
        (LAST + timedelta(days=1), False),
    ],
)
def test_an_order_counts_if_made_on_a_day_of_the_period_both_ends_included(officer, made_on, counted):
    order_made(officer, on=made_on)

    assert selectors.orders_made(scope(officer)).total == (1 if counted else 0)


def test_orders_made_are_counted_by_route_and_kind(officer):
    order_made(officer)
    order_made(officer, route=Route.S19)

    table = selectors.orders_made(scope(officer))

    assert table.columns[0] == "Knife crime prevention order"
    assert counts(table) == {"Section 14, with notice": (1, 0, 0), "On conviction (s19)": (1, 0, 0)}
    assert [row.label for row in table.rows] == [route.label for route in Route]  # zeros listed too


def test_another_forces_orders_are_not_counted(officer):
    order_made(MembershipFactory(organisation=OrganisationFactory(), role=Role.KCPO_LEAD))

    assert selectors.orders_made(scope(officer)).total == 0


def test_the_borough_matches_the_subjects_local_authority_in_any_case(officer):
    order_made(officer, local_authority="Lambeth")
    order_made(officer, local_authority="Southwark")

    assert selectors.orders_made(scope(officer, area="  lambeth ")).total == 1
    assert counts(selectors.orders_by_borough(scope(officer))) == {"Lambeth": (1,), "Southwark": (1,)}


def test_gender_and_ethnicity_are_counted_with_every_category_listed(officer):
    order_made(officer, gender="female", ethnicity="B2")
    order_made(officer, gender="male", ethnicity="B2")

    gender, ethnicity = selectors.orders_by_gender(scope(officer)), selectors.orders_by_ethnicity(scope(officer))

    assert counts(gender) == {"Female": (1,), "Male": (1,)} and len(gender.rows) > 2
    assert list(counts(ethnicity).values()) == [(2,)]


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (12, "12 to 14"),
        (14, "12 to 14"),
        (15, "15 to 17"),
        (17, "15 to 17"),
        (18, "18 to 20"),
        (21, "21 to 24"),
        (24, "21 to 24"),
        (25, "25 and over"),
        (60, "25 and over"),
    ],
)
def test_age_bands_at_their_edges(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2011, 10, 2), "12 to 14"),  # 15 the day after the order
        (date(2011, 10, 1), "15 to 17"),  # 15 on the day of the order
        (date(2008, 10, 2), "15 to 17"),  # 18 the day after
        (date(2008, 10, 1), "18 to 20"),  # 18 on the day
    ],
)
def test_the_age_is_the_subjects_on_the_day_the_order_was_made(officer, born, band):
    order_made(officer, on=FIRST, date_of_birth=born)

    assert counts(selectors.orders_by_age(scope(officer))) == {band: (1,)}


def test_a_29_february_birthday_falls_on_1_march_in_a_common_year(officer):
    order_made(officer, on=date(2026, 2, 28), date_of_birth=date(2008, 2, 29))
    order_made(officer, on=date(2026, 3, 1), date_of_birth=date(2008, 2, 29))

    table = selectors.orders_by_age(scope(officer, first=date(2026, 2, 1), last=date(2026, 3, 31)))

    assert counts(table) == {"15 to 17": (1,), "18 to 20": (1,)}


def test_refusals_are_counted_by_reason_and_route(officer):
    refused(officer)

    outcomes, reasons = selectors.hearing_outcomes(scope(officer)), selectors.refusal_reasons(scope(officer))

    assert counts(outcomes) == {"Section 14, with notice": (0, 1)}
    assert counts(reasons) == {"Probation or youth offending sentencing elements were enough": (1,)}


def event(application, officer, transition, on):
    made = ApplicationEvent.objects.create(
        application=application,
        transition=transition,
        from_state="authorised",
        to_state="laid",
        by=officer.user,
        organisation=officer.organisation,
        role=officer.role,
    )
    ApplicationEvent.objects.filter(pk=made.pk).update(
        occurred_at=timezone.make_aware(datetime.combine(on, time(12, 0)))
    )


def test_each_application_counts_once_per_step_it_took_in_the_period(officer):
    application = make_application(officer)
    event(application, officer, "lay_complaint", FIRST)
    event(application, officer, "lay_complaint", LAST)  # laid again after a withdrawal: one application
    event(make_application(officer), officer, "lay_complaint", LAST + timedelta(days=1))

    table = selectors.application_steps(scope(officer))

    assert counts(table) == {"Complaint laid before a magistrates’ court (s14)": (1,)}


def test_requirements_are_counted_as_the_court_made_them(officer):
    order = order_made(officer)
    OrderProvision.objects.create(order=order, number=2, kind="requirement", category="youth_mentoring", wording="M")
    proceeding = order.proceedings.create(
        kind="application", sought="vary", applicant="police", made_on=FIRST, created_by=officer.user
    )
    OrderProvision.objects.create(
        order=order, number=3, kind="requirement", category="job_readiness", wording="J", added_by=proceeding
    )

    assert counts(selectors.positive_requirements(scope(officer))) == {"Youth mentoring": (1,)}


def test_breaches_are_counted_by_what_was_breached_and_the_decision(officer):
    order = order_made(officer)
    p1 = order.provisions.get(number=1)
    BreachFactory(order=order, provision=p1, occurred_on=FIRST)
    BreachFactory(
        order=order,
        provision=p1,
        occurred_on=LAST,
        decision="charge_s29",
        decided_on=LAST,
        court_outcome="fine",
        court_outcome_on=LAST,
    )
    BreachFactory(order=order, provision=None, notification_duty=True, occurred_on=LAST + timedelta(days=1))

    breaches, outcomes = selectors.breaches_by_decision(scope(officer)), selectors.court_outcomes(scope(officer))

    label = f"Prohibition: {p1.category.replace('_', ' ')}" if p1.category else "Prohibition: written for the case"
    assert counts(breaches) == {label: (1, 0, 0, 0, 0, 1, 0)}
    assert counts(outcomes) == {"Fine": (1, 0)}
    assert Breach.objects.count() == 3


def test_every_table_is_one_query(officer, django_assert_num_queries):
    order_made(officer)

    with django_assert_num_queries(len(registry.TABLES) + 1):  # disproportionality: orders, then population
        tables = registry.statistics(scope(officer))

    assert [table.key for table in tables] == list(registry.TABLES)


@pytest.mark.parametrize(
    ("occurred_on", "basis"),
    [
        (date(2024, 10, 1), "s14: occasions from crime reports, stop and search or other sources only"),
        (date(2024, 10, 2), "s14: an occasion known from intelligence"),  # the first day of the period
        (FIRST, "s14: an occasion known from intelligence"),  # the day the order was made
        (FIRST + timedelta(days=1), "s14: occasions from crime reports, stop and search or other sources only"),
    ],
)
def test_an_order_rests_on_intelligence_if_an_intelligence_occasion_is_in_its_relevant_period_s14_4(
    officer, occurred_on, basis
):
    order = order_made(officer, on=FIRST)
    OccasionFactory(subject=order.subject, occurred_on=occurred_on, source="intelligence")
    OccasionFactory(subject=order.subject, occurred_on=FIRST, source="stop_and_search")

    assert counts(selectors.orders_by_basis(scope(officer))) == {basis: (1,)}


def test_an_order_on_conviction_rests_on_the_conviction(officer):
    order = order_made(officer, route=Route.S19)
    OccasionFactory(subject=order.subject, occurred_on=FIRST, source="intelligence")

    assert counts(selectors.orders_by_basis(scope(officer))) == {"On conviction (s19)": (1,)}
