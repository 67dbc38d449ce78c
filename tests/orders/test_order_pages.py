"""The order page and s24 notifications (orders/views/order_views.py, orders/lifecycle.py): the
provisions in force today, what ends early, the next hearing, the notifications with late or
missing ones flagged as possible s25 offences, the history; recording a notification; who may
see and do it, and that each read is logged."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kcpo.access import POLICE_CASEWORK
from kcpo.audit.models import AuditEvent
from orders.court import MadeProvision, OrderTerms, hearing_list, hearing_record_outcome
from orders.lifecycle import notification_record, order_pnc_record
from orders.models import Hearing, Notification, Order, Provision
from orders.workflow import Route, State
from tests.access import OrganisationAccess, as_member, assert_access
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
MADE_ON = date(2026, 12, 14)  # a Monday; the notification is due by 16 December (s24(2))


@pytest.fixture
def order(officer):
    """A full 18-month order made on MADE_ON: P1 with its own 6 months, R2 for the whole order."""
    application = make_application(officer, state=State.LAID, application_date=TODAY)
    Provision.objects.create(
        application=application, number=2, kind="requirement", wording="To attend weekly mentoring",
        supervisor_name="Sam Mentor",
    )  # fmt: skip
    hearing = hearing_list(application=application, membership=officer, court=None, on=MADE_ON, kind="full")
    p1, r2 = application.provisions.order_by("number")
    terms = OrderTerms(
        court_reference="KCPO/1",
        provisions=(
            MadeProvision(kind=p1.kind, wording=p1.wording, proposed=p1, period_months=6),
            MadeProvision(kind=r2.kind, wording=r2.wording, proposed=r2),
        ),
        duration_months=18,
        review_on=date(2027, 11, 20),  # R2 runs beyond the first year: s26(4)'s window is 16 Nov-13 Dec 2027
    )
    hearing_record_outcome(hearing=hearing, membership=officer, outcome="granted", today=MADE_ON, order_terms=terms)
    return Order.objects.get(hearing=hearing)


def notify(order, officer, *, on, kind="initial", changed_on=None):
    return notification_record(
        order=order,
        membership=officer,
        kind=kind,
        names="Jordan Ellis",
        home_address="12 Acre Lane, London SW2 5SG",
        notified_on=on,
        changed_on=changed_on,
        station="Brixton police station",
        received_by="PC Smith",
        today=on,
    )


def page(client, officer, order, *, on):
    with time_machine.travel(on, tick=False):
        return as_member(client, officer).get(reverse("orders:detail", args=[order.id])).content.decode()


def test_the_page_shows_what_is_in_force_today_and_what_ends_early(client, officer, order):
    html = page(client, officer, order, on=date(2027, 7, 1))

    assert "Ended on 13 June 2027" in html  # P1's own 6 months (s23(8))
    assert "In force today" in html  # R2
    assert "P1: last day 13 June 2027 (s23(8))" in html
    assert "13 June 2028, the end of 18 months (s23(3))" in html
    assert "Not before 14 June 2027 (s27: 6 months in effect)" in html


def test_the_page_shows_the_next_hearing(client, officer, order):
    Hearing.objects.create(application=order.application, date=date(2027, 11, 20), kind="review")

    html = page(client, officer, order, on=date(2027, 7, 1))

    assert "Review (s26), 20 November 2027" in html


def test_a_notification_in_time_is_shown_as_in_time(client, officer, order):
    notify(order, officer, on=date(2026, 12, 16))

    html = page(client, officer, order, on=date(2026, 12, 20))

    assert "Notified on 16 December 2026, in time." in html
    assert 'data-testid="notification-warning"' not in html


@pytest.mark.parametrize(
    ("notified_on", "warning"),
    [
        (date(2026, 12, 17), "after the last day, 16 December 2026: a possible offence under section 25"),
        (None, "No notification is recorded and the last day was 16 December 2026"),
    ],
)
def test_a_late_or_missing_notification_is_flagged_as_a_possible_s25_offence(
    client, officer, order, notified_on, warning
):
    if notified_on:
        notify(order, officer, on=notified_on)

    html = page(client, officer, order, on=date(2026, 12, 20))

    assert 'data-testid="notification-warning"' in html and warning in html


def test_a_change_of_address_is_due_within_3_days_of_the_change_s24_5(client, officer, order):
    notify(order, officer, on=date(2026, 12, 15))
    notify(order, officer, on=date(2027, 3, 5), kind="change", changed_on=date(2027, 3, 1))

    html = page(client, officer, order, on=date(2027, 3, 10))

    assert "Change on 1 March 2027: Notified on 5 March 2027, after the last day, 3 March 2027" in html


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"on": MADE_ON - timedelta(days=1)}, "notified_on"),  # before the order took effect
        ({"on": date(2027, 1, 5), "kind": "change"}, "changed_on"),  # a change needs its date
        ({"on": date(2027, 1, 5), "kind": "change", "changed_on": date(2027, 1, 6)}, "changed_on"),
    ],
)
def test_a_notification_that_cannot_be_right_is_refused_and_nothing_recorded(officer, order, fields, field):
    with pytest.raises(ValidationError) as refused:
        notify(order, officer, **fields)

    assert field in refused.value.message_dict
    assert not Notification.objects.exists()


def test_an_s17_order_not_yet_served_takes_no_notification(officer):
    application = make_application(officer, route=Route.S14_WITHOUT_NOTICE, state=State.LAID, application_date=TODAY)
    hearing = hearing_list(application=application, membership=officer, court=None, on=MADE_ON, kind="without_notice")
    p1 = application.provisions.get()
    terms = OrderTerms(
        court_reference="INT/1", provisions=(MadeProvision(kind=p1.kind, wording=p1.wording, proposed=p1),)
    )
    hearing_record_outcome(
        hearing=hearing, membership=officer, outcome="interim_order", today=MADE_ON, order_terms=terms
    )

    with pytest.raises(ValidationError, match="has not taken effect"):
        notify(Order.objects.get(), officer, on=MADE_ON)


def test_recording_through_the_page(client, officer, order):
    with time_machine.travel(date(2026, 12, 16), tick=False):
        response = as_member(client, officer).post(
            reverse("orders:notification_new", args=[order.id]),
            {
                "kind": "initial",
                "names": "Jordan Ellis",
                "home_address": "12 Acre Lane",
                "notified_on_day": "16",
                "notified_on_month": "12",
                "notified_on_year": "2026",
                "station": "Brixton",
                "received_by": "PC Smith",
            },
        )

    assert response.status_code == 302 and response["Location"].endswith("#notifications")
    assert Notification.objects.get().notified_on == date(2026, 12, 16)
    assert AuditEvent.objects.filter(operation="collect", details__notification_id=Notification.objects.get().id)


def test_a_form_with_gaps_says_what_is_missing_and_records_nothing(client, officer, order):
    response = as_member(client, officer).post(reverse("orders:notification_new", args=[order.id]), {"kind": "initial"})

    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Enter the defendant’s name or names" in html and "Enter the police station" in html
    assert not Notification.objects.exists()


@pytest.mark.parametrize("name", ["detail", "notification_new"])
def test_only_the_owning_forces_police_see_the_order_pages(client, officer, order, name):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, reverse(f"orders:{name}", args=[order.id]), access.expectations(allowed=POLICE_CASEWORK))


@pytest.mark.parametrize("name", ["detail", "notification_new", "pnc_edit"])
def test_reading_each_order_page_is_logged(client, officer, order, name):
    as_member(client, officer).get(reverse(f"orders:{name}", args=[order.id]))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.details["order_id"]) == (str(order.application_id), order.id)


def test_the_order_page_query_count_does_not_grow_with_notifications(
    client, officer, order, django_assert_max_num_queries
):
    client = as_member(client, officer)
    notify(order, officer, on=date(2026, 12, 15))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("orders:detail", args=[order.id]))
    for day in (1, 2, 3):
        notify(order, officer, on=date(2027, 1, day + 1), kind="change", changed_on=date(2027, 1, day))

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("orders:detail", args=[order.id]))


def test_the_application_page_links_to_the_order(client, officer, order):
    html = as_member(client, officer).get(reverse("applications:detail", args=[order.application_id])).content.decode()

    assert reverse("orders:detail", args=[order.id]) in html


# --- the Police National Computer ------------------------------------------------------------


def pnc(order, officer, *, sent_on=None, uploaded_on=None, today=date(2027, 1, 10)):
    return order_pnc_record(order=order, membership=officer, sent_on=sent_on, uploaded_on=uploaded_on, today=today)


def test_the_pnc_dates_are_recorded_one_after_the_other(officer, order):
    pnc(order, officer, sent_on=date(2026, 12, 15))

    pnc(order, officer, uploaded_on=date(2026, 12, 18))

    order.refresh_from_db()
    assert (order.pnc_sent_on, order.pnc_uploaded_on) == (date(2026, 12, 15), date(2026, 12, 18))
    assert AuditEvent.objects.filter(reason="PNC recorded", details__order_id=order.id).count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"uploaded_on": date(2026, 12, 18)}, "sent_on"),  # uploaded before anything was sent
        ({"sent_on": MADE_ON - timedelta(days=1)}, "sent_on"),  # before the order was made
        ({"sent_on": date(2027, 1, 11)}, "sent_on"),  # in the future
        ({"sent_on": date(2026, 12, 15), "uploaded_on": date(2026, 12, 14)}, "uploaded_on"),  # before sent
    ],
)
def test_pnc_dates_that_cannot_be_right_are_refused_and_nothing_changes(officer, order, fields, field):
    with pytest.raises(ValidationError) as refused:
        pnc(order, officer, **fields)

    assert field in refused.value.message_dict
    order.refresh_from_db()
    assert (order.pnc_sent_on, order.pnc_uploaded_on) == (None, None)


def test_the_order_page_says_where_the_pnc_has_got_to(client, officer, order):
    assert "Not sent to the PNC Bureau yet" in page(client, officer, order, on=date(2027, 1, 10))
    pnc(order, officer, sent_on=date(2026, 12, 15))

    assert "Sent to the PNC Bureau 15 December 2026; not uploaded yet" in page(
        client, officer, order, on=date(2027, 1, 10)
    )


def test_recording_the_pnc_dates_through_the_page(client, officer, order):
    with time_machine.travel(date(2027, 1, 10), tick=False):
        response = as_member(client, officer).post(
            reverse("orders:pnc_edit", args=[order.id]),
            {"sent_on_day": "15", "sent_on_month": "12", "sent_on_year": "2026"},
        )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.pnc_sent_on == date(2026, 12, 15)


def test_only_the_owning_forces_police_record_the_pnc_dates(client, officer, order):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, reverse("orders:pnc_edit", args=[order.id]), access.expectations(allowed=POLICE_CASEWORK))
