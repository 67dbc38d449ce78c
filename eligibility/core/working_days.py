"""Working days in England and Wales, and how we count them before a hearing.

A working day is what the Magistrates' Courts Rules 1981 r. 2(1) call a "business day", the
meaning S.I. 2020/210 r. 1(2)(d) adopts for KCPO applications: "any day other than (a) a
Saturday, Sunday, Christmas Day or Good Friday; or (b) a bank holiday under the Banking and
Financial Dealings Act 1971, in England and Wales" (reference/procedure-and-commencement.md B2).

Bank holidays come from the maintained `holidays` library (GB, subdivisions "ENG" and "WLS").
The rule speaks of one set "in England and Wales"; we take the union of the two lists so that
a future divergence in the library could only make us stricter, and a test pins them as equal
for 2019-2035. Christmas Day and Good Friday are in the library's list in every year. One-off
holidays (the 2022 Platinum Jubilee and State Funeral, the 2023 Coronation) appear only once
the library knows of them, so keep the pinned version current.

Counting convention, used by every "N working days before the hearing" in the engine: we count
*clear* working days, excluding both the day of service and the day of the hearing. No rule
text we hold says how to count: the 7-working-day figure comes from the Home Office
practitioners' guidance ch. 10 ("served, with the application, on the defendant a minimum of
seven working days ahead of the hearing"), and MCR 1981 r. 99 (service) and S.I. 2020/210
r. 2(1)(c) onward were not retrieved. We follow CPR 2.8(2)-(3), which counts "clear days": "the
day on which the period begins; and ... if the end of the period is defined by reference to an
event, the day on which that event occurs are not included". It is also the strictest reading,
so service that meets it meets any other. Counsel to confirm before go-live.
"""

from datetime import date
from functools import cache

import holidays

from eligibility.core.dates import ONE_DAY

# MCR 1981 r. 2(1)(b) speaks of one set of bank holidays "in England and Wales"; the library
# models the two nations separately, so we take both.
SUBDIVISIONS = ("ENG", "WLS")


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England-and-Wales bank holidays (with substitute days) in `year`, computed once per year."""
    found: set[date] = set()
    for subdivision in SUBDIVISIONS:
        found.update(holidays.country_holidays("GB", subdiv=subdivision, years=year).keys())
    return frozenset(found)


def is_working_day(day: date) -> bool:
    """MCR 1981 r. 2(1): not a Saturday, Sunday, Christmas Day, Good Friday or E&W bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day` (before it, for negative n); `day` itself never counts.

    add_working_days(Friday 27 May 2022, 1) is Monday 30 May 2022; with n == 0, `day` is
    returned unchanged even if it is not a working day.
    """
    step = ONE_DAY if n >= 0 else -ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Clear working days between two days: those strictly after `start` and strictly before `end`.

    With `start` the day of service and `end` the day of the hearing, this is the number of
    working days the defendant has (see the module docstring for why neither end counts). It is
    0 when `end` is no more than a day after `start`, including when `end` is before `start`.
    """
    count, day = 0, start + ONE_DAY
    while day < end:
        count += is_working_day(day)
        day += ONE_DAY
    return count


def latest_service_day(hearing_day: date, working_days: int = 7) -> date:
    """The last day on which service still leaves `working_days` clear working days before the hearing.

    It is the day before the `working_days`-th working day before the hearing. It may itself be
    a weekend or bank holiday: the day of service is never counted, so serving on a Sunday gives
    as many clear working days as serving on the Friday before. The default of 7 is the
    guidance's minimum for serving the summons and application (ch. 10).
    """
    if working_days < 0:
        raise ValueError("working_days must be 0 or more")
    return add_working_days(hearing_day, -working_days) - ONE_DAY
