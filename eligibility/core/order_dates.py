"""The dates an order's life turns on once the court has made it (ss.23, 24, 26): the day it
takes effect, its last day, the last day to notify the police, and the window for the review
hearing. Pure dates in, dates out; the order's records (orders.models.Order) are read by the
callers. Periods "beginning with" a day include that day (eligibility.core.dates.period_last_day)."""

from datetime import date, timedelta

from eligibility.core.dates import ONE_DAY, period_last_day

# s24(2), (5): notify "within the period of 3 days beginning with" the day it takes effect.
NOTIFICATION_DAYS = 3
# s26(3): a review is needed where a provision "is to have effect after the end of the period of
# 1 year beginning with the day on which the order takes effect"; s26(4): the hearing is "within
# the last 4 weeks" of that year.
REVIEW_YEAR_MONTHS = 12
REVIEW_WINDOW = timedelta(weeks=4)


def takes_effect_on(*, made_on: date, on_service: bool) -> date | None:
    """s23(1): an order takes effect on the day it is made; s23(2): an interim order made
    without notice (s17) on the day it is served on the defendant, which `made_on` cannot tell
    (None). s23(6)-(7) let the court defer a full order for a defendant in custody: the caller
    passes the deferred day as `made_on` once it is known."""
    return None if on_service else made_on


def order_last_day(takes_effect: date, *, months: int) -> date:
    """s23(3): the last day of the fixed period of `months` beginning with the day it takes effect."""
    return period_last_day(takes_effect, months=months)


def notification_last_day(takes_effect: date) -> date:
    """s24(2): the last of the 3 days, beginning with the day the order takes effect, in which
    the defendant must notify the police of their names and home address. s24(5) counts the
    same 3 days from a change of name or address."""
    return period_last_day(takes_effect, days=NOTIFICATION_DAYS)


def review_needed(*, provision_end_months: list[int]) -> bool:
    """s26(3): whether any provision has effect beyond the first year, given the months after
    the order takes effect at which each stops having effect (s23(8))."""
    return any(months > REVIEW_YEAR_MONTHS for months in provision_end_months)


def review_window(takes_effect: date) -> tuple[date, date]:
    """s26(4): the first and last day of the last 4 weeks of the year beginning with the day the
    order takes effect, within which the review hearing must be held."""
    year_ends = period_last_day(takes_effect, months=REVIEW_YEAR_MONTHS)
    return year_ends - REVIEW_WINDOW + ONE_DAY, year_ends
