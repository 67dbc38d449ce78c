"""An order's dates once it takes effect (orders/lifecycle.py, through orders.court): stored
from eligibility.core.order_dates when a full or s18 order is made (s23(1)) or an s17 interim
order is served on the defendant (s23(2)); the s24 notification day, none for a full order
replacing an interim one in effect (s24(1)(a)); and a new full order replacing the subject's
existing one."""

from datetime import date, timedelta

import pytest

from eligibility.core.order_dates import review_window
from orders.court import MadeProvision, OrderTerms, hearing_list, hearing_record_outcome, service_record
from orders.lifecycle import ProvisionState, provision_state
from orders.models import Hearing, Order, OrderProvision
from orders.workflow import Route, State
from tests.factories import CaseFactory
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)


def make(application, officer, outcome, *, on=HEARING_DAY, kind="full", months=18, reference="KCPO/1", period=None):
    """The court makes an order at a hearing on `on`: P1 as proposed, with its own `period`."""
    hearing = hearing_list(application=application, membership=officer, court=None, on=on, kind=kind)
    proposed = application.provisions.get(number=1)
    terms = OrderTerms(
        court_reference=reference,
        provisions=(
            MadeProvision(kind=proposed.kind, wording=proposed.wording, proposed=proposed, period_months=period),
        ),
        duration_months=months if outcome == "granted" else None,
        # s26: P1 runs with the order, so one beyond a year sets its review hearing.
        review_on=review_window(on)[0] if outcome == "granted" and months > 12 and period is None else None,
    )
    hearing_record_outcome(hearing=hearing, membership=officer, outcome=outcome, today=on, order_terms=terms)
    return Order.objects.get(hearing=hearing)


def serve_order(application, officer, *, on, recipient="defendant", document="order"):
    return service_record(
        application=application,
        membership=officer,
        document=document,
        recipient=recipient,
        recipient_name="Jordan Ellis",
        method="personal",
        served_on=on,
        served_by="PC Smith",
        today=on,
    )


def grant_at_the_full_hearing(application, officer) -> Hearing:
    """The court determines the application 30 days after HEARING_DAY with a 12-month order."""
    full = Hearing.objects.create(application=application, date=HEARING_DAY + timedelta(days=30), kind="full")
    proposed = application.provisions.get(number=1)
    hearing_record_outcome(
        hearing=full,
        membership=officer,
        outcome="granted",
        today=full.date,
        order_terms=OrderTerms(
            court_reference="KCPO/2",
            provisions=(MadeProvision(kind=proposed.kind, wording=proposed.wording, proposed=proposed),),
            duration_months=12,
        ),
    )
    return full


@pytest.fixture
def laid(officer):
    return make_application(officer, state=State.LAID, application_date=TODAY)


def test_a_full_order_takes_effect_the_day_made_with_every_date_stored(laid, officer):
    order = make(laid, officer, "granted", months=18, period=12)

    assert order.takes_effect_on == HEARING_DAY  # s23(1)
    assert order.ends_on == date(2028, 6, 13)  # s23(3): 18 months beginning with 14 December 2026
    assert order.notification_due_on == date(2026, 12, 16)  # s24(2): 3 days beginning with that day
    assert order.discharge_without_consent_from == date(2027, 6, 14)  # s27: after 6 months in effect
    provision = order.provisions.get()
    assert (provision.starts_on, provision.ends_on) == (HEARING_DAY, date(2027, 12, 13))  # s23(8)


def test_an_s18_interim_order_takes_effect_the_day_made_and_has_no_fixed_end(officer):
    application = make_application(officer, route=Route.S14_WITH_INTERIM, state=State.LAID, application_date=TODAY)

    order = make(application, officer, "interim_order")

    assert (order.takes_effect_on, order.ends_on) == (HEARING_DAY, None)  # s23(1), s23(5)
    assert order.notification_due_on == date(2026, 12, 16)
    assert order.discharge_without_consent_from is None
    assert order.provisions.get().ends_on is None


@pytest.fixture
def s17_order(officer):
    application = make_application(officer, route=Route.S14_WITHOUT_NOTICE, state=State.LAID, application_date=TODAY)
    return make(application, officer, "interim_order", kind="without_notice")


def test_an_s17_interim_order_has_no_dates_until_it_is_served(s17_order):
    assert (s17_order.takes_effect_on, s17_order.notification_due_on) == (None, None)
    assert s17_order.provisions.get().starts_on is None


def test_an_s17_interim_order_takes_effect_the_day_it_is_served_on_the_defendant_s23_2(s17_order, officer):
    served_on = HEARING_DAY + timedelta(days=2)

    serve_order(s17_order.application, officer, on=served_on)

    s17_order.refresh_from_db()
    assert s17_order.takes_effect_on == served_on
    assert s17_order.notification_due_on == served_on + timedelta(days=2)
    assert s17_order.provisions.get().starts_on == served_on


@pytest.mark.parametrize(
    ("document", "recipient"), [("order", "parent_guardian"), ("summons", "defendant"), ("application", "defendant")]
)
def test_serving_something_else_or_someone_else_does_not_start_it(s17_order, officer, document, recipient):
    serve_order(s17_order.application, officer, on=HEARING_DAY, document=document, recipient=recipient)

    s17_order.refresh_from_db()
    assert s17_order.takes_effect_on is None


def test_a_second_service_of_the_order_leaves_the_first_days_dates(s17_order, officer):
    serve_order(s17_order.application, officer, on=HEARING_DAY)

    serve_order(s17_order.application, officer, on=HEARING_DAY + timedelta(days=3))

    s17_order.refresh_from_db()
    assert s17_order.takes_effect_on == HEARING_DAY


def test_a_full_order_replacing_an_interim_one_in_effect_starts_no_new_notification_s24_1_a(s17_order, officer):
    serve_order(s17_order.application, officer, on=HEARING_DAY)

    full = grant_at_the_full_hearing(s17_order.application, officer)

    order = Order.objects.get(kind="full")
    assert (order.takes_effect_on, order.notification_due_on) == (full.date, None)


def test_a_full_order_after_an_unserved_interim_one_starts_the_notification(s17_order, officer):
    full = grant_at_the_full_hearing(s17_order.application, officer)

    assert Order.objects.get(kind="full").notification_due_on == full.date + timedelta(days=2)


def test_a_new_full_order_replaces_the_subjects_existing_one(laid, officer):
    first = make(laid, officer, "granted", reference="KCPO/1")
    later = make_application(officer, state=State.LAID, application_date=TODAY)
    later.case = CaseFactory(owner=officer.organisation, subject=laid.case.subject)
    later.save()
    made_on = HEARING_DAY + timedelta(days=200)

    second = make(later, officer, "granted", on=made_on, reference="KCPO/2")

    first.refresh_from_db()
    assert (first.ended_on, first.end_reason) == (made_on, "Replaced by a new order")
    assert second.replaces == first and first.replaced_by == second
    assert second.ended_on is None


def test_an_order_of_another_subject_is_not_replaced(laid, officer):
    first = make(laid, officer, "granted", reference="KCPO/1")
    other = make_application(officer, state=State.LAID, application_date=TODAY)

    second = make(other, officer, "granted", on=HEARING_DAY + timedelta(days=1), reference="KCPO/2")

    first.refresh_from_db()
    assert first.ended_on is None and second.replaces is None


@pytest.mark.parametrize(
    ("on", "state"),
    [
        # s23(8): P1's own period here is 1 January to 30 June 2027, in an order ending 31 December 2027.
        (date(2026, 12, 31), (ProvisionState.NOT_YET, date(2027, 1, 1))),  # the day before it starts
        (date(2027, 1, 1), (ProvisionState.IN_FORCE, None)),  # the day it starts
        (date(2027, 6, 30), (ProvisionState.IN_FORCE, None)),  # its last day
        (date(2027, 7, 1), (ProvisionState.ENDED, date(2027, 6, 30))),  # the day after
    ],
)
def test_a_provision_has_effect_only_within_its_own_period_s23_8(on, state):
    order = Order(made_on=date(2026, 1, 1), takes_effect_on=date(2026, 1, 1), ends_on=date(2027, 12, 31))
    provision = OrderProvision(starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30))

    assert provision_state(provision, order, on=on) == state


def test_a_provision_of_an_order_not_in_effect_or_ended_has_no_effect():
    waiting = Order(made_on=date(2026, 1, 1))
    ended = Order(made_on=date(2026, 1, 1), takes_effect_on=date(2026, 1, 1), ended_on=date(2026, 3, 1))

    assert provision_state(OrderProvision(), waiting, on=date(2026, 2, 1)) == (ProvisionState.WAITING, None)
    assert provision_state(OrderProvision(starts_on=date(2026, 1, 1)), ended, on=date(2026, 3, 1)) == (
        ProvisionState.ENDED_WITH_ORDER,
        date(2026, 3, 1),
    )
