"""Date conventions of the Act (no database)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.core.dates import (
    add_months,
    add_years,
    age_on,
    birthday,
    day_text,
    last_order_date_counting,
    period_last_day,
    relevant_period_start,
)


@pytest.mark.parametrize(
    ("order_date", "start"),
    [
        # s14(4): "the period of two years ending with the day on which the order is made"
        (date(2022, 3, 1), date(2020, 3, 2)),  # the issue's own example
        (date(2022, 2, 28), date(2020, 2, 29)),  # the period may contain a leap day
        (date(2024, 2, 29), date(2022, 3, 1)),  # leap day: the period still spans exactly two years
        (date(2024, 3, 1), date(2022, 3, 2)),
        (date(2021, 3, 1), date(2019, 3, 2)),
        (date(2022, 1, 1), date(2020, 1, 2)),
    ],
)
def test_relevant_period_start_s14_4(order_date, start):
    assert relevant_period_start(order_date) == start


@pytest.mark.parametrize(
    ("date_of_birth", "age", "day"),
    [
        (date(2010, 3, 1), 12, date(2022, 3, 1)),
        (date(2008, 2, 29), 12, date(2020, 2, 29)),  # leap year: the real anniversary
        (date(2008, 2, 29), 13, date(2021, 3, 1)),  # common year: 1 March (FLRA 1969 s9 reading)
        (date(2004, 6, 15), 18, date(2022, 6, 15)),
    ],
)
def test_birthday(date_of_birth, age, day):
    assert birthday(date_of_birth, age) == day


@pytest.mark.parametrize(
    ("day", "age"),
    [(date(2022, 2, 28), 11), (date(2022, 3, 1), 12), (date(2022, 3, 2), 12)],
)
def test_age_on_the_day_before_of_and_after_a_birthday(day, age):
    assert age_on(date(2010, 3, 1), day) == age


@pytest.mark.parametrize(
    ("occasion_date", "last_day"),
    [
        (date(2021, 8, 1), date(2023, 7, 31)),
        (date(2020, 3, 2), date(2022, 3, 1)),
        # around a 29 February occasion: the period ending 28 February 2022 starts on 29 February 2020
        (date(2020, 2, 28), date(2022, 2, 27)),
        (date(2020, 2, 29), date(2022, 2, 28)),
        (date(2020, 3, 1), date(2022, 2, 28)),
        (date(2022, 3, 1), date(2024, 2, 29)),
    ],
)
def test_s14_4_last_order_date_counting_an_occasion(occasion_date, last_day):
    assert last_order_date_counting(occasion_date) == last_day


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)))
def test_last_order_date_counting_is_the_inverse_of_the_relevant_period(occasion_date):
    last = last_order_date_counting(occasion_date)
    assert relevant_period_start(last) <= occasion_date < relevant_period_start(last + timedelta(days=1))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)), st.integers(min_value=0, max_value=40))
def test_age_on_a_birthday_is_that_age(date_of_birth, age):
    day = birthday(date_of_birth, age)
    assert age_on(date_of_birth, day) == age
    assert age_on(date_of_birth, day - timedelta(days=1)) == age - 1


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # clamped to the end of a shorter month (leap year)
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 6, date(2024, 7, 31)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # as add_years does
        (date(2024, 12, 15), 1, date(2025, 1, 15)),  # across a year end
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, result):
    assert add_months(day, months) == result


@pytest.mark.parametrize(
    ("start", "months", "days", "last_day"),
    [
        # s23(3): a period "beginning with" the day it takes effect includes that day
        (date(2024, 1, 1), 6, 0, date(2024, 6, 30)),
        (date(2024, 1, 1), 24, 0, date(2025, 12, 31)),
        (date(2024, 1, 31), 6, 0, date(2024, 7, 30)),
        (date(2024, 2, 29), 24, 0, date(2026, 2, 27)),
        (date(2024, 1, 1), 0, 1, date(2024, 1, 1)),  # one day: the day itself
        (date(2024, 1, 1), 0, 0, date(2023, 12, 31)),  # no length: ends before it begins
    ],
)
def test_period_last_day(start, months, days, last_day):
    assert period_last_day(start, months=months, days=days) == last_day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=-5, max_value=5))
def test_add_months_in_whole_years_is_add_years(day, years):
    assert add_months(day, 12 * years) == add_years(day, years)


@pytest.mark.parametrize(("day", "text"), [(date(2022, 3, 1), "1 March 2022"), (date(2024, 2, 29), "29 February 2024")])
def test_day_text_writes_a_day_as_explanations_do(day, text):
    assert day_text(day) == text
