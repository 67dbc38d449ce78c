"""The set-based s14 screening and the per-subject engine agree (one definition, two evaluators)."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.core import Status
from eligibility.models import InForcePeriod
from eligibility.screening import s14_screening
from eligibility.services import subject_s14_determination
from tests.factories import OrganisationFactory, SubjectFactory, make_occasion

PLACES = ["public_place", "school_premises", "further_education_premises", "other"]
REASONS = ["", "", "", "work", "lawful_authority"]  # mostly none claimed


def statutory_conditions_met(determination) -> bool:
    return all(
        determination.check(code).status == Status.PASS for code in ("IN_FORCE", "S14_MIN_AGE", "S14_TWO_OCCASIONS")
    )


@pytest.fixture
def area(db):
    force = OrganisationFactory(code="testshire")
    InForcePeriod.objects.create(police_area="testshire", starts_on=date(2021, 7, 5), ends_on=date(2023, 3, 31))
    InForcePeriod.objects.create(police_area="testshire", starts_on=date(2024, 1, 1))
    return force


def test_it_lists_eligible_subjects_soonest_to_lapse_first(area):
    later, sooner, one_only = (SubjectFactory(owner=area, date_of_birth=date(2000, 1, 1)) for _ in range(3))
    for day in (date(2024, 3, 1), date(2024, 5, 1)):
        make_occasion(later, day)
    for day in (date(2024, 2, 1), date(2024, 2, 10), date(2024, 6, 1)):
        make_occasion(sooner, day)
    make_occasion(one_only, date(2024, 2, 1))

    page = s14_screening(owner_id=area.id, police_area="testshire", today=date(2024, 7, 1))

    assert [(r.subject_id, r.qualifying_occasions, r.eligible_until) for r in page.rows] == [
        (sooner.id, 3, date(2026, 2, 9)),
        (later.id, 2, date(2026, 2, 28)),
    ]
    assert page.total == 2


def test_it_only_screens_the_forces_own_subjects(area):
    other = SubjectFactory(owner=OrganisationFactory(), date_of_birth=date(2000, 1, 1))
    for day in (date(2024, 3, 1), date(2024, 5, 1)):
        make_occasion(other, day)
    assert s14_screening(owner_id=area.id, police_area="testshire", today=date(2024, 7, 1)).total == 0


def test_it_pages(area):
    for _ in range(3):
        subject = SubjectFactory(owner=area, date_of_birth=date(2000, 1, 1))
        for day in (date(2024, 3, 1), date(2024, 5, 1)):
            make_occasion(subject, day)
    page = s14_screening(owner_id=area.id, police_area="testshire", today=date(2024, 7, 1), limit=2, offset=2)
    assert (len(page.rows), page.total) == (1, 3)


dates_around_the_law = st.dates(min_value=date(2021, 6, 1), max_value=date(2026, 6, 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    today=dates_around_the_law,
    subjects=st.lists(
        st.tuples(
            st.one_of(st.dates(min_value=date(2008, 1, 1), max_value=date(2014, 12, 31)), st.just(date(2012, 2, 29))),
            st.lists(
                st.tuples(
                    st.one_of(dates_around_the_law, st.sampled_from([date(2024, 2, 29), date(2022, 2, 28)])),
                    st.sampled_from(PLACES),
                    st.sampled_from(REASONS),
                ),
                max_size=5,
            ),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_screening_agrees_with_the_engine(area, today, subjects):
    with transaction.atomic():
        created = []
        for date_of_birth, occasions in subjects:
            subject = SubjectFactory(owner=area, date_of_birth=date_of_birth)
            for day, place, reason in occasions:
                make_occasion(subject, day, place, reason)
            created.append(subject)

        screened = {
            r.subject_id: (r.qualifying_occasions, r.eligible_until)
            for r in s14_screening(owner_id=area.id, police_area="testshire", today=today, limit=100).rows
        }
        expected = {}
        for subject in created:
            determination = subject_s14_determination(subject=subject, on=today)
            if statutory_conditions_met(determination):
                expected[subject.id] = (len(determination.qualifying_occasions), determination.eligible_until)

        assert screened == expected
        transaction.set_rollback(True)


def test_an_eligible_subject_drops_off_the_day_after_eligible_until(area):
    subject = SubjectFactory(owner=area, date_of_birth=date(2000, 1, 1))
    for day in (date(2024, 3, 1), date(2024, 5, 1)):
        make_occasion(subject, day)
    until = s14_screening(owner_id=area.id, police_area="testshire", today=date(2024, 7, 1)).rows[0].eligible_until

    assert s14_screening(owner_id=area.id, police_area="testshire", today=until).total == 1
    assert s14_screening(owner_id=area.id, police_area="testshire", today=until + timedelta(days=1)).total == 0
