"""An order for a defendant in custody, serving a custodial sentence or on licence that does not
take effect until they are released (s23(6)-(7); orders.lifecycle.order_deferral_end): nothing
runs until the release is recorded, then every date counts from it — an s17 interim order once
also served (s23(2)) — and a full order needing its review hearing gets it dated then (s26(4))."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from eligibility.core.order_dates import review_window
from orders.court import MadeProvision, OrderTerms, hearing_list, hearing_record_outcome, service_record
from orders.lifecycle import order_deferral_end
from orders.models import Hearing, Order
from orders.workflow import Route, State
from tests.orders.review_builders import make_application

MADE_ON = date(2026, 12, 14)
RELEASED = date(2027, 5, 10)


def make(officer, *, route=Route.S14_WITH_NOTICE, outcome="granted", months=12, review_on=None):
    application = make_application(officer, route=route, state=State.LAID, application_date=MADE_ON)
    kind = "without_notice" if route == Route.S14_WITHOUT_NOTICE else "full"
    hearing = hearing_list(application=application, membership=officer, court=None, on=MADE_ON, kind=kind)
    p1 = application.provisions.get()
    terms = OrderTerms(
        court_reference="KCPO/9",
        provisions=(MadeProvision(kind=p1.kind, wording=p1.wording, proposed=p1),),
        duration_months=months if outcome == "granted" else None,
        review_on=review_on,
        deferred_until="release",
    )
    hearing_record_outcome(hearing=hearing, membership=officer, outcome=outcome, today=MADE_ON, order_terms=terms)
    return Order.objects.get(hearing=hearing)


def release(order, officer, *, on=RELEASED, review_on=None):
    return order_deferral_end(order=order, membership=officer, ended_on=on, today=on, review_on=review_on)


def serve(order, officer, *, on):
    """The order served on the defendant in person on `on` (s23(2))."""
    service_record(
        application=order.application,
        membership=officer,
        document="order",
        recipient="defendant",
        recipient_name="Jordan Ellis",
        method="personal",
        served_on=on,
        served_by="PC Smith",
        today=on,
    )


def test_a_deferred_order_has_no_dates_until_the_release_s23_7(officer):
    order = make(officer)

    assert (order.deferred_until, order.takes_effect_on, order.ends_on, order.notification_due_on) == (
        "release",
        None,
        None,
        None,
    )
    assert order.provisions.get().starts_on is None


def test_on_release_it_takes_effect_and_every_date_counts_from_that_day(officer):
    order = release(make(officer), officer)

    assert order.takes_effect_on == RELEASED
    assert order.ends_on == date(2028, 5, 9)  # s23(3): 12 months beginning with the release
    assert order.notification_due_on == date(2027, 5, 12)  # s24(2)
    assert order.discharge_without_consent_from == date(2027, 11, 10)  # s27: 6 months in effect
    assert order.provisions.get().starts_on == RELEASED


@pytest.mark.parametrize(
    ("released_on", "refused"),
    [(MADE_ON - timedelta(days=1), True), (MADE_ON, False), (MADE_ON + timedelta(days=1), False)],
)
def test_the_release_cannot_be_before_the_order_was_made(officer, released_on, refused):
    order = make(officer)
    if refused:
        with pytest.raises(ValidationError):
            release(order, officer, on=released_on)
    else:
        assert release(order, officer, on=released_on).takes_effect_on == released_on


def test_the_release_is_recorded_once(officer):
    order = release(make(officer), officer)

    with pytest.raises(ValidationError, match="already recorded"):
        release(order, officer)


def test_an_order_that_was_not_deferred_has_no_release_to_record(officer):
    order = make(officer)
    Order.objects.filter(pk=order.pk).update(deferred_until="")

    with pytest.raises(ValidationError, match="does not wait"):
        release(Order.objects.get(pk=order.pk), officer)


def test_a_deferred_s17_order_takes_effect_on_the_later_of_release_and_service_s23_2(officer):
    order = make(officer, route=Route.S14_WITHOUT_NOTICE, outcome="interim_order")

    order = release(order, officer)
    assert order.takes_effect_on is None  # released, but not yet served

    serve(order, officer, on=RELEASED + timedelta(days=2))
    order.refresh_from_db()
    assert order.takes_effect_on == RELEASED + timedelta(days=2)


def test_a_deferred_s17_order_served_in_custody_takes_effect_on_release(officer):
    order = make(officer, route=Route.S14_WITHOUT_NOTICE, outcome="interim_order")
    serve(order, officer, on=MADE_ON)
    order.refresh_from_db()
    assert order.takes_effect_on is None  # served, but still in custody

    assert release(order, officer).takes_effect_on == RELEASED


def test_a_deferred_order_beyond_a_year_has_its_review_dated_on_release_s26_4(officer):
    order = make(officer, months=18)  # P1 runs with the order, beyond its first year
    first, last = review_window(RELEASED)

    with pytest.raises(ValidationError) as refused:
        release(order, officer)
    assert "review_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        release(order, officer, review_on=first - timedelta(days=1))  # the day before the window

    release(order, officer, review_on=last)  # the window's last day
    assert Hearing.objects.get(application=order.application, kind="review").date == last


@pytest.mark.parametrize(
    ("released", "last_day", "notify_by", "discharge_free_from"),
    [
        # s23(3) 12 months, s24(2) 3 days, s27 6 months: all beginning with the day of release.
        (date(2027, 2, 28), date(2028, 2, 27), date(2027, 3, 2), date(2027, 8, 28)),
        (date(2028, 2, 28), date(2029, 2, 27), date(2028, 3, 1), date(2028, 8, 28)),  # across 29 February
        (date(2028, 2, 29), date(2029, 2, 27), date(2028, 3, 2), date(2028, 8, 29)),  # released on 29 February
        (date(2028, 3, 1), date(2029, 2, 28), date(2028, 3, 3), date(2028, 9, 1)),  # the day after
    ],
)
def test_a_deferred_start_counts_every_period_from_the_release_s23_7(
    officer, released, last_day, notify_by, discharge_free_from
):
    order = release(make(officer), officer, on=released)

    assert order.takes_effect_on == released
    assert (order.ends_on, order.notification_due_on, order.discharge_without_consent_from) == (
        last_day,
        notify_by,
        discharge_free_from,
    )
