"""The dates an order's life turns on once the court has made it (ss.23, 24, 26): the day it
takes effect, its last day, the last day to notify the police, and the window for the review
hearing. Pure dates in, dates out; the order's records (orders.models.Order) are read by the
callers. Periods "beginning with" a day include that day (eligibility.core.dates.period_last_day)."""

from datetime import date, timedelta

from eligibility.core.dates import ONE_DAY, add_months, day_text, period_last_day
from eligibility.core.determination import CheckResult, Status

# s24(2), (5): notify "within the period of 3 days beginning with" the day it takes effect.
NOTIFICATION_DAYS = 3
# s26(3): a review is needed where a provision "is to have effect after the end of the period of
# 1 year beginning with the day on which the order takes effect"; s26(4): the hearing is "within
# the last 4 weeks" of that year.
REVIEW_YEAR_MONTHS = 12
REVIEW_WINDOW = timedelta(weeks=4)
# s27: no discharge "before it has been in effect for 6 months" without both consents. The text
# of s27(4)-(10) was not retrieved: these are the guidance's words, citing s27(10).
DISCHARGE_CONSENT_MONTHS = 6


def takes_effect_on(*, made_on: date, on_service: bool) -> date | None:
    """s23(1): an order takes effect on the day it is made; s23(2): an interim order made
    without notice (s17) on the day it is served on the defendant, which `made_on` cannot tell
    (None). s23(6)-(7) let the court defer a full order for a defendant in custody: the caller
    passes the deferred day as `made_on` once it is known."""
    return None if on_service else made_on


def order_last_day(takes_effect: date, *, months: int) -> date:
    """s23(3): the last day of the fixed period of `months` beginning with the day it takes effect."""
    return period_last_day(takes_effect, months=months)


def provision_period(
    takes_effect: date, *, starts_after_months: int, period_months: int | None, order_ends: date | None
) -> tuple[date, date | None]:
    """s23(8): the first and last day of a provision's own period, counted from the day the
    order takes effect: it starts `starts_after_months` in and lasts `period_months` (None: until
    the order ends, `order_ends`, which is None for an interim order)."""
    starts = add_months(takes_effect, starts_after_months)
    if period_months is None:
        return starts, order_ends
    ends = period_last_day(starts, months=period_months)
    return starts, ends if order_ends is None else min(ends, order_ends)


def discharge_without_consent_from(takes_effect: date) -> date:
    """s27 (guidance, citing s27(10)): the first day the order may be discharged without the
    consent of both the defendant and the chief officer, once it has been in effect for 6 months
    (the day after the 6 months beginning with the day it took effect)."""
    return period_last_day(takes_effect, months=DISCHARGE_CONSENT_MONTHS) + ONE_DAY


def notification_last_day(takes_effect: date) -> date:
    """s24(2): the last of the 3 days, beginning with the day the order takes effect, in which
    the defendant must notify the police of their names and home address. s24(5) counts the
    same 3 days from a change of name or address."""
    return period_last_day(takes_effect, days=NOTIFICATION_DAYS)


def provision_end_months(*, starts_after_months: int, period_months: int | None, order_months: int) -> int:
    """s23(8): how many months after the order takes effect a provision stops having effect: the
    end of its own period, or the order's end when it has none."""
    return starts_after_months + period_months if period_months else order_months


def review_needed(*, provision_end_months: list[int]) -> bool:
    """s26(3): whether any provision has effect beyond the first year, given the months after
    the order takes effect at which each stops having effect (s23(8))."""
    return any(months > REVIEW_YEAR_MONTHS for months in provision_end_months)


def review_window(takes_effect: date) -> tuple[date, date]:
    """s26(4): the first and last day of the last 4 weeks of the year beginning with the day the
    order takes effect, within which the review hearing must be held."""
    year_ends = period_last_day(takes_effect, months=REVIEW_YEAR_MONTHS)
    return year_ends - REVIEW_WINDOW + ONE_DAY, year_ends


CODE_NOTIFICATION = "S24_NOTIFICATION"


def check_notification(*, due: date | None, notified_on: date | None, today: date) -> CheckResult:
    """s24(2)/(5): a notification given by its last day passes; one given later, or none given
    once the last day has passed, is a warning that an offence under s25 may have been committed
    (whether it was is for the police and the courts: s25 allows a reasonable excuse). `due`
    None: the duty has not started (the order has not taken effect, or s24(1)(a))."""
    section = "s24(2), s25"
    if due is None:
        return CheckResult(CODE_NOTIFICATION, Status.PASS, section, "No notification is due under section 24.")
    dates = {"due_on": due}
    if notified_on is not None:
        if notified_on <= due:
            return CheckResult(
                CODE_NOTIFICATION, Status.PASS, section, f"Notified on {day_text(notified_on)}, in time.", dates
            )
        return CheckResult(
            CODE_NOTIFICATION,
            Status.WARNING,
            section,
            f"Notified on {day_text(notified_on)}, after the last day, {day_text(due)}: a possible offence under "
            "section 25. Consider whether there was a reasonable excuse.",
            dates,
        )
    if today <= due:
        return CheckResult(
            CODE_NOTIFICATION, Status.UNKNOWN, section, f"Not notified yet. The last day is {day_text(due)}.", dates
        )
    return CheckResult(
        CODE_NOTIFICATION,
        Status.WARNING,
        section,
        f"No notification is recorded and the last day was {day_text(due)}: a possible offence under section 25.",
        dates,
    )


CODE_REVIEW = "S26_REVIEW_HEARING"


def check_review_hearing(*, takes_effect: date, provision_end_months: list[int], review_on: date | None) -> CheckResult:
    """s26(3)-(4): a full order any of whose provisions has effect beyond the first year must
    provide for a review hearing within the last 4 weeks of that year. FAIL when it is needed and
    missing or outside the window; a review the court orders when none is needed must at least
    fall after the order takes effect."""
    section = "s26(3)-(4)"
    first, last = review_window(takes_effect)
    dates = {"review_from": first, "review_to": last}
    needed = review_needed(provision_end_months=provision_end_months)
    window = f"between {day_text(first)} and {day_text(last)}"
    if not needed:
        if review_on is not None and review_on <= takes_effect:
            return CheckResult(
                CODE_REVIEW, Status.FAIL, section, "A review hearing must be after the order takes effect."
            )
        return CheckResult(
            CODE_REVIEW, Status.PASS, section, "No review hearing is required: nothing runs beyond the first year."
        )
    if review_on is None:
        return CheckResult(
            CODE_REVIEW,
            Status.FAIL,
            section,
            f"A provision runs beyond the first year, so the order must set a review hearing in the last 4 weeks "
            f"of that year: {window}.",
            dates,
        )
    if not first <= review_on <= last:
        return CheckResult(
            CODE_REVIEW,
            Status.FAIL,
            section,
            f"The review hearing on {day_text(review_on)} is outside the last 4 weeks of the first year: "
            f"it must be {window}.",
            dates,
        )
    return CheckResult(CODE_REVIEW, Status.PASS, section, f"Review hearing on {day_text(review_on)}, {window}.", dates)


# --- s27: variation, renewal and discharge ---------------------------------------------------

# The guidance, chapter 11: on a defendant's application the police reply "as soon as
# practicable, and in any case within 14 days of receipt" if they wish to make representations.
REPRESENTATIONS_DAYS = 14
# s23(3)'s longest fixed period. A renewal may not make the order run longer than this from the
# day it is renewed: the text of s27(4)-(10) was not retrieved, so this is our reading of "within
# the statutory limits" (counsel to confirm).
LONGEST_PERIOD_MONTHS = 24


def representations_last_day(received_on: date) -> date:
    """The last day for the police's representations on a defendant's application under s27:
    14 days after the day the police received it (the guidance, chapter 11)."""
    return received_on + timedelta(days=REPRESENTATIONS_DAYS)


def renewal_latest_last_day(renewed_on: date) -> date:
    """The latest last day a renewal decided on `renewed_on` may give the order: the end of the
    longest fixed period (s23(3)) beginning with that day."""
    return period_last_day(renewed_on, months=LONGEST_PERIOD_MONTHS)


CODE_DISCHARGE = "S27_DISCHARGE_CONSENT"
CODE_RENEWAL = "S27_RENEWAL_PERIOD"


def check_discharge(
    *, takes_effect: date | None, decided_on: date, defendant_consents: bool, police_consent: bool
) -> CheckResult:
    """s27 (the guidance, citing s27(10)): an order cannot be discharged before it has been in
    effect for 6 months without the consent of both the defendant and the chief officer. FAIL
    when the discharge falls earlier and a consent is missing."""
    section = "s27(10)"
    if takes_effect is None:
        return CheckResult(CODE_DISCHARGE, Status.PASS, section, "The order has not taken effect.")
    first_day = discharge_without_consent_from(takes_effect)
    dates = {"discharge_without_consent_from": first_day}
    if decided_on >= first_day:
        return CheckResult(CODE_DISCHARGE, Status.PASS, section, "The order has been in effect for 6 months.", dates)
    if defendant_consents and police_consent:
        return CheckResult(
            CODE_DISCHARGE,
            Status.PASS,
            section,
            "Discharged within the first 6 months with the consent of both the defendant and the police.",
            dates,
        )
    return CheckResult(
        CODE_DISCHARGE,
        Status.FAIL,
        section,
        f"The order cannot be discharged before {day_text(first_day)} (6 months in effect) without the consent "
        "of both the defendant and the chief officer of police.",
        dates,
    )


def check_renewal(*, ends_on: date, renewed_on: date, renewed_ends_on: date) -> CheckResult:
    """s27(1)(a) with s23(3): a renewal is decided while the order still has effect (its last day
    `ends_on` not passed), extends it, and leaves it no longer than 2 years from the day renewed."""
    section = "s27(1)(a), s23(3)"
    latest = renewal_latest_last_day(renewed_on)
    dates = {"latest_last_day": latest}
    if renewed_on > ends_on:
        return CheckResult(
            CODE_RENEWAL,
            Status.FAIL,
            section,
            f"The order ended on {day_text(ends_on)}: an order that has ended cannot be renewed.",
            dates,
        )
    if renewed_ends_on <= ends_on:
        return CheckResult(
            CODE_RENEWAL,
            Status.FAIL,
            section,
            f"A renewal must extend the order beyond its last day, {day_text(ends_on)}.",
            dates,
        )
    if renewed_ends_on > latest:
        return CheckResult(
            CODE_RENEWAL,
            Status.FAIL,
            section,
            f"A renewed order may run for at most 2 years from the day it is renewed: its last day can be no later "
            f"than {day_text(latest)}.",
            dates,
        )
    return CheckResult(CODE_RENEWAL, Status.PASS, section, f"Renewed to {day_text(renewed_ends_on)}.", dates)
