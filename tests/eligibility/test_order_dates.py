"""The dates of an order once made (eligibility/core/order_dates.py), at their boundaries: the
day before, of and after, leap years and an order made on 29 February. No database."""

from datetime import date

import pytest

from eligibility.core.order_dates import (
    notification_last_day,
    order_last_day,
    review_needed,
    review_window,
    takes_effect_on,
)


@pytest.mark.parametrize(
    ("on_service", "expected"),
    [
        (False, date(2026, 3, 2)),  # s23(1): the day it is made
        (True, None),  # s23(2): an s17 interim order, on service, not known from the day made
    ],
)
def test_when_an_order_takes_effect_s23_1_and_2(on_service, expected):
    assert takes_effect_on(made_on=date(2026, 3, 2), on_service=on_service) == expected


@pytest.mark.parametrize(
    ("takes_effect", "months", "last_day"),
    [
        # s23(3): the fixed period begins with the day it takes effect, so ends the day before.
        (date(2026, 1, 1), 6, date(2026, 6, 30)),  # the minimum period
        (date(2026, 1, 1), 24, date(2027, 12, 31)),  # the maximum period
        (date(2024, 2, 29), 12, date(2025, 2, 27)),  # made on 29 February: 28 Feb 2025 less a day
        (date(2023, 8, 31), 6, date(2024, 2, 28)),  # no 31 February: the shorter reading
    ],
)
def test_the_last_day_of_the_fixed_period_s23_3(takes_effect, months, last_day):
    assert order_last_day(takes_effect, months=months) == last_day


@pytest.mark.parametrize(
    ("takes_effect", "last_day"),
    [
        # s24(2): 3 days beginning with the day it takes effect: that day and the next two.
        (date(2026, 3, 2), date(2026, 3, 4)),
        (date(2026, 12, 30), date(2027, 1, 1)),  # across the year's end
        (date(2024, 2, 28), date(2024, 3, 1)),  # across 29 February in a leap year
        (date(2023, 2, 28), date(2023, 3, 2)),  # and in a common year
    ],
)
def test_the_last_day_to_notify_s24_2(takes_effect, last_day):
    assert notification_last_day(takes_effect) == last_day


@pytest.mark.parametrize(
    ("end_months", "needed"),
    [
        ([12], False),  # ends with the first year: no review (s26(3))
        ([13], True),  # a month beyond it
        ([6, 24], True),  # any one provision beyond it is enough
        ([], False),
    ],
)
def test_a_review_is_needed_when_a_provision_runs_beyond_the_first_year_s26_3(end_months, needed):
    assert review_needed(provision_end_months=end_months) is needed


@pytest.mark.parametrize(
    ("takes_effect", "first", "last"),
    [
        # s26(4): the last 4 weeks (28 days) of the year beginning with the day it takes effect.
        (date(2026, 1, 1), date(2026, 12, 4), date(2026, 12, 31)),
        (date(2024, 2, 29), date(2025, 1, 31), date(2025, 2, 27)),  # made on 29 February
        (date(2023, 3, 1), date(2024, 2, 2), date(2024, 2, 29)),  # the year ends on a leap day
    ],
)
def test_the_review_hearing_window_s26_4(takes_effect, first, last):
    assert review_window(takes_effect) == (first, last)
    assert (last - first).days == 27
