"""The dates of an order once made (eligibility/core/order_dates.py), at their boundaries: the
day before, of and after, leap years and an order made on 29 February. No database."""

from datetime import date

import pytest

from eligibility.core.determination import Status
from eligibility.core.order_dates import (
    check_discharge,
    check_notification,
    check_renewal,
    check_review_hearing,
    discharge_without_consent_from,
    notification_last_day,
    order_last_day,
    provision_end_months,
    provision_period,
    representations_last_day,
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


@pytest.mark.parametrize(
    ("starts_after", "months", "order_ends", "expected"),
    [
        # s23(8): counted from the day the order takes effect (1 January 2026 here).
        (0, None, date(2027, 6, 30), (date(2026, 1, 1), date(2027, 6, 30))),  # runs with the order
        (0, 12, date(2027, 6, 30), (date(2026, 1, 1), date(2026, 12, 31))),  # its own 12 months
        (6, 6, date(2027, 6, 30), (date(2026, 7, 1), date(2026, 12, 31))),  # starts 6 months in
        (12, 12, date(2027, 6, 30), (date(2027, 1, 1), date(2027, 6, 30))),  # cut off by the order's end
        (0, 3, None, (date(2026, 1, 1), date(2026, 3, 31))),  # in an interim order, which has no end
        (0, None, None, (date(2026, 1, 1), None)),
    ],
)
def test_a_provisions_own_period_s23_8(starts_after, months, order_ends, expected):
    period = provision_period(
        date(2026, 1, 1), starts_after_months=starts_after, period_months=months, order_ends=order_ends
    )
    assert period == expected


@pytest.mark.parametrize(
    ("takes_effect", "first_day"),
    [
        # s27 (guidance citing s27(10)): in effect for 6 months, so from the day after they end.
        (date(2026, 1, 1), date(2026, 7, 1)),
        (date(2026, 1, 31), date(2026, 7, 31)),
        (date(2025, 8, 31), date(2026, 2, 28)),  # no 31 February: 6 months end on 27 February
        (date(2024, 2, 29), date(2024, 8, 29)),  # taken effect on 29 February
    ],
)
def test_the_first_day_an_order_may_be_discharged_without_both_consents_s27(takes_effect, first_day):
    assert discharge_without_consent_from(takes_effect) == first_day


DUE = date(2026, 12, 16)


@pytest.mark.parametrize(
    ("notified_on", "today", "status"),
    [
        # s24(2): notified by the last day passes; the day after is late (a possible s25 offence).
        (date(2026, 12, 15), date(2026, 12, 20), Status.PASS),
        (DUE, date(2026, 12, 20), Status.PASS),
        (date(2026, 12, 17), date(2026, 12, 20), Status.WARNING),
        # Nothing recorded: still in time on the last day, missing the day after.
        (None, date(2026, 12, 15), Status.UNKNOWN),
        (None, DUE, Status.UNKNOWN),
        (None, date(2026, 12, 17), Status.WARNING),
    ],
)
def test_a_notification_by_the_last_day_passes_and_a_late_or_missing_one_warns_s24_s25(notified_on, today, status):
    check = check_notification(due=DUE, notified_on=notified_on, today=today)

    assert (check.status, check.section) == (status, "s24(2), s25")
    if status == Status.WARNING:
        assert "possible offence under section 25" in check.explanation


def test_no_notification_is_due_before_the_duty_starts():
    assert check_notification(due=None, notified_on=None, today=DUE).status == Status.PASS


@pytest.mark.parametrize(
    ("end_months", "review_on", "status"),
    [
        # s26(3)-(4), for an order taking effect on 1 January 2026: the window is 4–31 December 2026.
        ([18], date(2026, 12, 3), Status.FAIL),  # the day before the window
        ([18], date(2026, 12, 4), Status.PASS),  # its first day
        ([18], date(2026, 12, 31), Status.PASS),  # its last day
        ([18], date(2027, 1, 1), Status.FAIL),  # the day after
        ([18], None, Status.FAIL),  # needed and missing
        ([12], None, Status.PASS),  # nothing beyond the first year: none needed
        ([12], date(2026, 6, 1), Status.PASS),  # one the court orders anyway
        ([12], date(2026, 1, 1), Status.FAIL),  # but not on the day it takes effect
    ],
)
def test_a_review_hearing_in_the_last_4_weeks_of_the_first_year_s26(end_months, review_on, status):
    check = check_review_hearing(takes_effect=date(2026, 1, 1), provision_end_months=end_months, review_on=review_on)

    assert (check.status, check.section) == (status, "s26(3)-(4)")


@pytest.mark.parametrize(
    ("starts_after", "period", "end_months"),
    [
        (0, None, 18),  # s23(8): no period of its own: it runs with the 18-month order
        (0, 12, 12),  # its own 12 months from the start
        (6, 6, 12),  # 6 months starting 6 months in
        (6, 7, 13),  # a month beyond the first year: s26(3) needs a review
    ],
)
def test_when_a_provision_stops_having_effect_s23_8(starts_after, period, end_months):
    assert provision_end_months(starts_after_months=starts_after, period_months=period, order_months=18) == end_months


# --- s27: variation, renewal and discharge ---------------------------------------------------


@pytest.mark.parametrize(
    ("received_on", "last_day"),
    [
        # The guidance, ch. 11: representations "within 14 days of receipt".
        (date(2026, 3, 2), date(2026, 3, 16)),
        (date(2026, 12, 25), date(2027, 1, 8)),  # across the year's end
        (date(2028, 2, 20), date(2028, 3, 5)),  # across 29 February in a leap year
        (date(2027, 2, 20), date(2027, 3, 6)),  # and in a common year
    ],
)
def test_the_last_day_for_representations_on_a_defendants_application_s27(received_on, last_day):
    assert representations_last_day(received_on) == last_day


@pytest.mark.parametrize(
    ("decided_on", "defendant_consents", "police_consent", "status"),
    [
        # Took effect 2 March 2026: 6 months in effect on 1 September; discharge free from 2 September.
        (date(2026, 9, 1), False, False, Status.FAIL),  # the day before
        (date(2026, 9, 1), True, False, Status.FAIL),  # one consent is not enough
        (date(2026, 9, 1), False, True, Status.FAIL),
        (date(2026, 9, 1), True, True, Status.PASS),  # both consent
        (date(2026, 9, 2), False, False, Status.PASS),  # the day of
        (date(2026, 9, 3), False, False, Status.PASS),  # the day after
    ],
)
def test_no_discharge_in_the_first_6_months_without_both_consents_s27_10(
    decided_on, defendant_consents, police_consent, status
):
    check = check_discharge(
        takes_effect=date(2026, 3, 2),
        decided_on=decided_on,
        defendant_consents=defendant_consents,
        police_consent=police_consent,
    )
    assert check.status == status
    assert check.section == "s27(10)"


def test_an_order_made_on_29_february_may_be_discharged_without_consent_after_6_months_s27_10():
    # 6 months beginning with 29 February 2028 end on 28 August 2028.
    assert (
        check_discharge(
            takes_effect=date(2028, 2, 29), decided_on=date(2028, 8, 28), defendant_consents=False, police_consent=False
        ).status
        == Status.FAIL
    )
    assert (
        check_discharge(
            takes_effect=date(2028, 2, 29), decided_on=date(2028, 8, 29), defendant_consents=False, police_consent=False
        ).status
        == Status.PASS
    )


@pytest.mark.parametrize(
    ("renewed_on", "renewed_ends_on", "status"),
    [
        # The order's last day is 30 June 2027.
        (date(2027, 6, 1), date(2027, 6, 30), Status.FAIL),  # does not extend it
        (date(2027, 6, 1), date(2027, 7, 1), Status.PASS),  # the day after its last day
        (date(2027, 6, 1), date(2029, 5, 31), Status.PASS),  # 2 years beginning with the renewal
        (date(2027, 6, 1), date(2029, 6, 1), Status.FAIL),  # a day longer
        (date(2027, 6, 30), date(2028, 6, 29), Status.PASS),  # renewed on its last day
        (date(2027, 7, 1), date(2028, 6, 30), Status.FAIL),  # the day after: it has ended
    ],
)
def test_a_renewal_extends_the_order_within_2_years_of_the_renewal_s27_s23_3(renewed_on, renewed_ends_on, status):
    check = check_renewal(ends_on=date(2027, 6, 30), renewed_on=renewed_on, renewed_ends_on=renewed_ends_on)
    assert check.status == status
    assert check.section == "s27(1)(a), s23(3)"


@pytest.mark.parametrize(
    ("renewed_ends_on", "status"),
    [
        # Renewed on 29 February 2028: 2 years beginning with it end on 27 February 2030 (clamped).
        (date(2030, 2, 27), Status.PASS),
        (date(2030, 2, 28), Status.FAIL),
    ],
)
def test_a_renewal_on_29_february_s27_s23_3(renewed_ends_on, status):
    check = check_renewal(ends_on=date(2028, 3, 31), renewed_on=date(2028, 2, 29), renewed_ends_on=renewed_ends_on)
    assert check.status == status
