"""Calendar arithmetic the statute needs, with its conventions written down once, and the
way every explanation writes a day.

Dates are calendar dates in Europe/London; callers pass `date`s, never datetimes.
"""

import calendar
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)
RELEVANT_PERIOD_YEARS = 2  # s14(4): "the period of two years ending with the day on which the order is made"


def day_text(day: date) -> str:
    """A day as the engine's explanations write it: "1 March 2022" (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def add_years(day: date, years: int) -> date:
    """The same calendar date `years` later (or earlier); 29 February becomes 28 February
    in a common year. Used for periods "of N years ending with" a day."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier), clamped to the end of a shorter
    month: 31 January + 1 month is 28 (or 29) February. The convention of `add_years`, so
    `add_months(day, 12 * n) == add_years(day, n)`."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_last_day(start: date, *, months: int = 0, days: int = 0) -> date:
    """The last day of a period of `months` and `days` "beginning with" `start` (s23(3), (8)).

    A period beginning with a day includes it, so it ends the day before the same date
    `months` later (then `days` more): 6 months beginning with 1 January ends on 30 June.
    Where that date does not exist we clamp as `add_months` does, so 6 months beginning with
    31 August 2023 ends on 28 February 2024 — the shorter reading; counsel to confirm.
    A zero-length period ends the day before it begins.
    """
    return add_months(start, months) + timedelta(days=days) - ONE_DAY


def birthday(date_of_birth: date, age: int) -> date:
    """The day a person attains `age`.

    Family Law Reform Act 1969 s9: a person attains an age at the start of the relevant
    anniversary of their birth. For someone born on 29 February we take the anniversary in
    a common year to be 1 March — the widely used reading; counsel to confirm.
    """
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:
        return date(date_of_birth.year + age, 3, 1)


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of age on `day` (consistent with `birthday`)."""
    years = day.year - date_of_birth.year
    return years if day >= birthday(date_of_birth, years) else years - 1


def relevant_period_start(order_date: date) -> date:
    """s14(4): "the period of two years ending with the day on which the order is made".

    A period ending with day X starts on the day after X two years earlier: for an order
    made on 1 March 2022 the period is 2 March 2020 to 1 March 2022; for 29 February 2024
    it is 1 March 2022 to 29 February 2024.
    """
    return add_years(order_date, -RELEVANT_PERIOD_YEARS) + ONE_DAY


def last_order_date_counting(occasion_date: date) -> date:
    """The last day on which an order could be made with `occasion_date` still inside the
    relevant period (s14(4)). The inverse of `relevant_period_start`: the day before the
    occasion's second anniversary (1 August 2021 counts until 31 July 2023). A 29 February
    occasion counts until 28 February two years on, where `add_years` lands: the period ending
    that day starts on 29 February. The screening SQL states the same rule."""
    anniversary = add_years(occasion_date, RELEVANT_PERIOD_YEARS)
    if (occasion_date.month, occasion_date.day) == (2, 29):
        return anniversary
    return anniversary - ONE_DAY
