"""Working days in England and Wales (no database).

MCR 1981 r. 2(1), adopted by S.I. 2020/210 r. 1(2)(d): a "business day" is any day other than a
Saturday, Sunday, Christmas Day, Good Friday or a bank holiday in England and Wales. Before a
hearing we count clear working days: neither the day of service nor the day of the hearing.
"""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.core.working_days import (
    add_working_days,
    bank_holidays,
    is_working_day,
    latest_service_day,
    working_days_between,
)

ONE_DAY = timedelta(days=1)
days_2019_to_2035 = st.dates(min_value=date(2019, 1, 1), max_value=date(2035, 12, 31))


def test_england_and_wales_have_the_same_bank_holidays_2019_to_2035():
    # MCR 1981 r. 2(1)(b): bank holidays "in England and Wales". The library keeps two lists;
    # if they ever diverge, working_days.py takes the union, and this test says so.
    for year in range(2019, 2036):
        england = holidays.country_holidays("GB", subdiv="ENG", years=year)
        wales = holidays.country_holidays("GB", subdiv="WLS", years=year)
        assert dict(england) == dict(wales), year


def test_the_calendar_is_computed_once_per_year():
    assert bank_holidays(2022) is bank_holidays(2022)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # MCR 1981 r. 2(1)(a): Saturdays and Sundays.
        (date(2022, 6, 4), False),  # Saturday
        (date(2022, 6, 5), False),  # Sunday
        # r. 2(1)(a): Christmas Day and Good Friday by name.
        (date(2023, 12, 25), False),  # Christmas Day, a Monday
        (date(2023, 4, 7), False),  # Good Friday 2023
        # Christmas 2021 fell on a Saturday: substitute days on Monday 27 and Tuesday 28.
        (date(2021, 12, 24), True),
        (date(2021, 12, 27), False),
        (date(2021, 12, 28), False),
        (date(2021, 12, 29), True),
        # Christmas 2022 fell on a Sunday: Boxing Day Monday 26, substitute for Christmas Tuesday 27.
        (date(2022, 12, 23), True),
        (date(2022, 12, 26), False),
        (date(2022, 12, 27), False),
        (date(2022, 12, 28), True),
        # New Year's Day 2022 was a Saturday: substitute Monday 3 January.
        (date(2022, 1, 3), False),
        (date(2022, 1, 4), True),
        # Easter 2025: Good Friday 18 April, Easter Monday 21 April.
        (date(2025, 4, 17), True),
        (date(2025, 4, 18), False),
        (date(2025, 4, 21), False),
        (date(2025, 4, 22), True),
        # 2022: spring bank holiday moved to Thursday 2 June, Platinum Jubilee Friday 3 June.
        (date(2022, 5, 30), True),  # the usual last-Monday-of-May date was a working day
        (date(2022, 6, 1), True),
        (date(2022, 6, 2), False),
        (date(2022, 6, 3), False),
        (date(2022, 6, 6), True),
        # State funeral of Queen Elizabeth II, Monday 19 September 2022.
        (date(2022, 9, 16), True),
        (date(2022, 9, 19), False),
        (date(2022, 9, 20), True),
        # Coronation of King Charles III, Monday 8 May 2023 (and the early May bank holiday on 1 May).
        (date(2023, 5, 1), False),
        (date(2023, 5, 5), True),
        (date(2023, 5, 8), False),
        (date(2023, 5, 9), True),
    ],
)
def test_is_working_day_mcr_1981_r2_1(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2022, 5, 27), 1, date(2022, 5, 30)),  # over a weekend
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # over the 2022 spring and jubilee bank holidays
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # over the state funeral
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # over the coronation
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # over Christmas 2021 and its substitute days
        (date(2022, 12, 23), 1, date(2022, 12, 28)),  # over Christmas 2022
        (date(2025, 4, 17), 1, date(2025, 4, 22)),  # over Easter 2025
        (date(2025, 4, 22), -1, date(2025, 4, 17)),  # backwards over Easter 2025
        (date(2022, 6, 4), 0, date(2022, 6, 4)),  # zero: unchanged, even on a Saturday
        (date(2022, 6, 4), 1, date(2022, 6, 6)),  # the start day never counts
        (date(2022, 5, 30), 7, date(2022, 6, 10)),  # 31 May, 1, 6, 7, 8, 9, 10 June
    ],
)
def test_add_working_days(day, n, expected):
    assert add_working_days(day, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 6, 6), date(2022, 6, 6), 0),  # same day
        (date(2022, 6, 6), date(2022, 6, 7), 0),  # consecutive days: nothing in between
        (date(2022, 6, 6), date(2022, 6, 8), 1),
        (date(2022, 6, 8), date(2022, 6, 6), 0),  # end before start
        (date(2022, 5, 30), date(2022, 6, 7), 3),  # 31 May, 1 and 6 June; not the jubilee days
        (date(2021, 12, 23), date(2021, 12, 31), 3),  # 24, 29 and 30 December 2021
        (date(2025, 4, 16), date(2025, 4, 23), 2),  # 17 and 22 April 2025
    ],
)
def test_working_days_between_counts_clear_days(start, end, expected):
    assert working_days_between(start, end) == expected


# Guidance ch. 10: the summons and application served "a minimum of seven working days ahead
# of the hearing", counted as clear working days (neither the day of service nor the hearing).
@pytest.mark.parametrize(
    ("hearing", "latest"),
    [
        (date(2022, 6, 13), date(2022, 5, 30)),  # Platinum Jubilee 2-3 June 2022 push it back two days
        (date(2022, 9, 27), date(2022, 9, 14)),  # state funeral, 19 September 2022
        (date(2023, 5, 16), date(2023, 5, 3)),  # coronation, 8 May 2023
        (date(2025, 4, 29), date(2025, 4, 15)),  # Easter 2025
        (date(2022, 1, 5), date(2021, 12, 21)),  # Christmas 2021 substitutes and New Year 2022 substitute
        (date(2023, 1, 4), date(2022, 12, 20)),  # Christmas 2022 substitute and New Year 2023 substitute
        (date(2022, 6, 10), date(2022, 5, 29)),  # a Sunday: the day of service does not count
    ],
)
def test_latest_service_day_7_working_days(hearing, latest):
    assert latest_service_day(hearing) == latest
    # the day before, the day of and the day after the deadline
    assert working_days_between(latest - ONE_DAY, hearing) >= 7
    assert working_days_between(latest, hearing) == 7
    assert working_days_between(latest + ONE_DAY, hearing) == 6


def test_latest_service_day_refuses_a_negative_count():
    with pytest.raises(ValueError, match="0 or more"):
        latest_service_day(date(2022, 6, 13), -1)


@given(day=days_2019_to_2035, n=st.integers(min_value=1, max_value=60))
def test_adding_working_days_lands_on_a_working_day(day, n):
    assert is_working_day(add_working_days(day, n))
    assert is_working_day(add_working_days(day, -n))


@given(day=days_2019_to_2035, n=st.integers(min_value=1, max_value=60))
def test_working_days_between_round_trips_with_add_working_days(day, n):
    later = add_working_days(day, n)
    # clear days: the n-th working day itself is the end, so it is not counted ...
    assert working_days_between(day, later) == n - 1
    # ... and it is once the end is the day after it
    assert working_days_between(day, later + ONE_DAY) == n


@given(day=days_2019_to_2035, n=st.integers(min_value=0, max_value=60))
def test_adding_then_subtracting_working_days_returns_to_a_working_day(day, n):
    start = add_working_days(day, 1)  # a working day
    assert add_working_days(add_working_days(start, n), -n) == start


@given(hearing=days_2019_to_2035, n=st.integers(min_value=1, max_value=30))
def test_latest_service_day_is_the_last_day_that_leaves_n_clear_working_days(hearing, n):
    latest = latest_service_day(hearing, n)
    assert working_days_between(latest, hearing) == n
    assert working_days_between(latest + ONE_DAY, hearing) == n - 1
