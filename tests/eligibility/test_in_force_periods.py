"""Commencement as data: an area's in-force periods (s31; S.I. 2021/762) never overlap, so
"are ss.14-33 in force here on this day?" has one answer for the engine and the screening."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from eligibility.models import InForcePeriod
from eligibility.services import in_force_period_record

PILOT = {"police_area": "testshire", "starts_on": date(2021, 7, 5), "ends_on": date(2023, 3, 31)}


@pytest.fixture
def pilot(db):
    return in_force_period_record(**PILOT, legal_basis="S.I. 2021/762")


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "allowed"),
    [
        (date(2023, 3, 31), None, False),  # starts on the pilot's last day
        (date(2023, 4, 1), None, True),  # the day after
        (date(2020, 1, 1), date(2021, 7, 4), True),  # ends the day before the pilot
        (date(2020, 1, 1), date(2021, 7, 5), False),  # ends on its first day
        (date(2022, 1, 1), date(2022, 2, 1), False),  # inside it
        (date(2020, 1, 1), None, False),  # open-ended from before it
    ],
)
def test_an_areas_periods_cannot_overlap(pilot, starts_on, ends_on, allowed):
    if allowed:
        assert in_force_period_record(
            police_area="testshire", starts_on=starts_on, ends_on=ends_on, legal_basis="Roll-out"
        ).pk
    else:
        with pytest.raises(ValidationError, match="overlaps another period"):
            in_force_period_record(police_area="testshire", starts_on=starts_on, ends_on=ends_on, legal_basis="x")
        assert InForcePeriod.objects.filter(police_area="testshire").count() == 1


def test_the_database_refuses_an_overlap_that_skips_validation(pilot):
    with pytest.raises(IntegrityError), transaction.atomic():
        InForcePeriod.objects.create(police_area="testshire", starts_on=date(2022, 1, 1), legal_basis="x")


def test_other_areas_are_independent(pilot):
    assert in_force_period_record(police_area="kent", starts_on=date(2022, 1, 1), ends_on=None, legal_basis="x").pk


def test_recording_the_same_start_again_changes_nothing(pilot):
    assert in_force_period_record(**PILOT, legal_basis="S.I. 2021/762") == pilot
