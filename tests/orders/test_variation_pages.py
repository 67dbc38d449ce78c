"""The pages for what happens in court after an order is made (orders/views/proceeding_views.py):
recording an application or appeal, representations, the hearing and the outcome — with the
new provisions and what changed — a review hearing's outcome from the order page, and the
release an order waited for (s23(7)); who may see and do each, and that each read is logged."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kcpo.access import POLICE_CASEWORK
from kcpo.audit.models import AuditEvent
from orders.models import Hearing, Order, Proceeding
from orders.variations import proceeding_start
from tests.access import OrganisationAccess, as_member, assert_access
from tests.documents.builders import COURT_WORDING, REVIEW_ON, make_full_order

ON = date(2027, 3, 1)


@pytest.fixture
def order(officer):
    return Order.objects.get(application=make_full_order(officer, court=None))


@pytest.fixture
def proceeding(order, officer):
    return proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="defendant",
        sought="vary",
        made_on=ON,
        today=ON,
        reasons="He has started college.",
    )


def date_fields(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def post(client, officer, url, data, *, on=ON):
    with time_machine.travel(on, tick=False):
        return as_member(client, officer).post(url, data)


def get(client, officer, url, *, on=ON):
    with time_machine.travel(on, tick=False):
        return as_member(client, officer).get(url).content.decode()


def test_recording_a_defendants_application_through_the_page(client, officer, order):
    response = post(
        client,
        officer,
        reverse("orders:proceeding_new", args=[order.id, "application"]),
        {"applicant": "defendant", "sought": "discharge", "reasons": "Doing well", **date_fields("made_on", ON)},
    )

    proceeding = Proceeding.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "orders:proceeding_detail", args=[proceeding.id]
    )
    assert proceeding.representations_due_on == date(2027, 3, 15)
    assert AuditEvent.objects.filter(operation="collect", details__proceeding_id=proceeding.id).exists()


def test_a_form_with_gaps_says_what_is_missing_and_records_nothing(client, officer, order):
    response = post(client, officer, reverse("orders:proceeding_new", args=[order.id, "application"]), {})

    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Select who made it" in html and "Enter the reasons given" in html
    assert not Proceeding.objects.exists()


def test_an_unknown_kind_of_proceeding_is_not_found(client, officer, order):
    response = as_member(client, officer).get(reverse("orders:proceeding_new", args=[order.id, "review"]))

    assert response.status_code == 404


def test_the_proceeding_page_shows_the_representations_deadline_and_when_it_is_overdue(client, officer, proceeding):
    url = reverse("orders:proceeding_detail", args=[proceeding.id])

    assert "Due by 15 March 2027 (14 days from receipt)" in get(client, officer, url, on=date(2027, 3, 15))
    assert "Overdue" not in get(client, officer, url, on=date(2027, 3, 15))
    assert "Overdue" in get(client, officer, url, on=date(2027, 3, 16))


def test_a_variation_through_the_page_shows_the_new_provisions_and_what_changed(client, officer, order, proceeding):
    new_wording = "Not to enter Brixton town centre between 21:00 and 06:00"
    response = post(
        client,
        officer,
        reverse("orders:proceeding_decision", args=[proceeding.id]),
        {
            "outcome": "varied",
            **date_fields("decided_on", date(2027, 4, 1)),
            "wording_1": new_wording,
            "period_1": "12",
            "wording_2": "To attend a weekly mentoring session",
        },
        on=date(2027, 4, 1),
    )
    assert response.status_code == 302

    detail = get(client, officer, reverse("orders:proceeding_detail", args=[proceeding.id]), on=date(2027, 4, 1))
    assert "What changed" in detail and COURT_WORDING in detail and new_wording in detail
    order_page = get(client, officer, reverse("orders:detail", args=[order.id]), on=date(2027, 4, 1))
    assert new_wording in order_page and COURT_WORDING not in order_page
    assert "Order varied, 1 April 2027" in order_page


def test_a_refused_outcome_is_shown_on_the_form_and_changes_nothing(client, officer, order, proceeding):
    response = post(
        client,
        officer,
        reverse("orders:proceeding_decision", args=[proceeding.id]),
        {
            "outcome": "varied",
            **date_fields("decided_on", date(2027, 4, 1)),
            "wording_1": COURT_WORDING,
            "period_1": "12",
            "wording_2": "To attend a weekly mentoring session",
        },
        on=date(2027, 4, 1),
    )

    assert response.status_code == 200 and "Nothing was changed" in response.content.decode()
    proceeding.refresh_from_db()
    assert proceeding.outcome == "" and order.provisions.count() == 2


def test_the_review_hearing_is_offered_on_the_order_page_once_held_and_recorded_there(client, officer, order):
    review = Hearing.objects.get(application=order.application, kind="review")
    url = reverse("orders:review_decision", args=[order.id, review.id])

    assert url not in get(client, officer, reverse("orders:detail", args=[order.id]), on=REVIEW_ON.replace(day=1))
    assert url in get(client, officer, reverse("orders:detail", args=[order.id]), on=REVIEW_ON)
    response = post(
        client, officer, url, {"outcome": "unchanged", **date_fields("decided_on", REVIEW_ON)}, on=REVIEW_ON
    )

    assert response.status_code == 302
    assert Proceeding.objects.get().kind == "review"
    assert url not in get(client, officer, reverse("orders:detail", args=[order.id]), on=REVIEW_ON)


def test_a_review_hearing_not_yet_held_has_no_outcome_page(client, officer, order):
    review = Hearing.objects.get(application=order.application, kind="review")
    with time_machine.travel(REVIEW_ON.replace(day=1), tick=False):
        response = as_member(client, officer).get(reverse("orders:review_decision", args=[order.id, review.id]))

    assert response.status_code == 404


def test_representations_and_the_hearing_through_their_pages(client, officer, proceeding):
    post(
        client,
        officer,
        reverse("orders:representations", args=[proceeding.id]),
        {"representations": "The police oppose it.", **date_fields("sent_on", date(2027, 3, 10))},
        on=date(2027, 3, 10),
    )
    post(
        client, officer, reverse("orders:proceeding_hearing", args=[proceeding.id]), date_fields("on", date(2027, 4, 2))
    )

    proceeding.refresh_from_db()
    assert proceeding.representations_sent_on == date(2027, 3, 10)
    assert (proceeding.hearing.date, proceeding.hearing.kind) == (date(2027, 4, 2), "variation")


PROCEEDING_PAGES = ["proceeding_detail", "representations", "proceeding_hearing", "proceeding_decision"]


@pytest.mark.parametrize("name", PROCEEDING_PAGES)
def test_only_the_owning_forces_police_see_the_proceeding_pages(client, officer, proceeding, name):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, reverse(f"orders:{name}", args=[proceeding.id]), access.expectations(allowed=POLICE_CASEWORK))


@pytest.mark.parametrize("kind", ["application", "appeal"])
def test_only_the_owning_forces_police_record_an_application_or_appeal(client, officer, order, kind):
    access = OrganisationAccess.around(officer.organisation)

    url = reverse("orders:proceeding_new", args=[order.id, kind])
    assert_access(client, url, access.expectations(allowed=POLICE_CASEWORK))
    assert_access(client, url, access.expectations(allowed=POLICE_CASEWORK, ok=200), method="post")
    assert not Proceeding.objects.exists()  # the empty posts were refused by the form


@pytest.mark.parametrize("name", PROCEEDING_PAGES)
def test_reading_each_proceeding_page_is_logged(client, officer, proceeding, name):
    as_member(client, officer).get(reverse(f"orders:{name}", args=[proceeding.id]))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.details["order_id"]) == (str(proceeding.order.application_id), proceeding.order_id)


def test_the_proceeding_page_query_count_does_not_grow_with_changes(client, officer, order, proceeding):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_member(client, officer)
    url = reverse("orders:proceeding_detail", args=[proceeding.id])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    from orders.variations import Decision, VariedProvision, proceeding_decide

    proceeding_decide(
        proceeding=proceeding,
        membership=officer,
        decision=Decision(
            outcome="varied",
            decided_on=date(2027, 4, 1),
            provisions=(
                VariedProvision(number=1, wording="A", period_months=12),
                VariedProvision(number=2, wording="B"),
                VariedProvision(number=None, kind="prohibition", wording="C"),
            ),
        ),
        today=date(2027, 4, 1),
    )
    with CaptureQueriesContext(connection) as after:
        client.get(url)

    assert len(after.captured_queries) <= len(before.captured_queries) + 2  # the comparison's two reads


# --- an order that waits for the defendant's release (s23(6)-(7)) --------------------------------


def test_a_deferred_order_takes_effect_when_the_release_is_recorded(client, officer, order):
    Order.objects.filter(pk=order.pk).update(
        deferred_until="release", takes_effect_on=None, ends_on=None, notification_due_on=None
    )
    order_page = get(client, officer, reverse("orders:detail", args=[order.id]))
    assert "Not until the defendant is released from custody (s23(7)(a))" in order_page

    response = post(client, officer, reverse("orders:release", args=[order.id]), date_fields("ended_on", ON))

    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.deferral_ended_on, order.takes_effect_on, order.ends_on) == (ON, ON, date(2028, 8, 31))
    assert order.notification_due_on == date(2027, 3, 3)  # s24(2): 3 days beginning with the day it took effect


@pytest.mark.parametrize("name", ["release", "review_decision"])
def test_only_the_owning_forces_police_see_the_release_and_review_pages(client, officer, order, name):
    access = OrganisationAccess.around(officer.organisation)
    Order.objects.filter(pk=order.pk).update(deferred_until="release", takes_effect_on=None, ends_on=None)
    review = Hearing.objects.get(application=order.application, kind="review")
    args = [order.id] if name == "release" else [order.id, review.id]

    with time_machine.travel(REVIEW_ON, tick=False):
        assert_access(client, reverse(f"orders:{name}", args=args), access.expectations(allowed=POLICE_CASEWORK))


# --- further review hearings (s26(2)) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "listed"),
    [
        (date(2026, 12, 14), False),  # the day the order took effect
        (date(2026, 12, 15), True),  # the day after
        (date(2028, 6, 13), True),  # its last day (s23(3))
        (date(2028, 6, 14), False),  # the day after its last day
    ],
)
def test_a_further_review_hearing_is_listed_while_the_order_has_effect_s26_2(client, officer, order, on, listed):
    response = post(client, officer, reverse("orders:review_hearing_new", args=[order.id]), date_fields("on", on))

    reviews = Hearing.objects.filter(application=order.application, kind="review").exclude(date=REVIEW_ON)
    assert list(reviews.values_list("date", flat=True)) == ([on] if listed else [])
    assert response.status_code == (302 if listed else 200)


def test_only_the_owning_forces_police_list_a_review_hearing(client, officer, order):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(
        client, reverse("orders:review_hearing_new", args=[order.id]), access.expectations(allowed=POLICE_CASEWORK)
    )
