"""The compliance and breach pages (breaches/views.py) and the order page's "Compliance" and
"Breaches" sections: recording a check and a suspected breach through the forms, the decision
and the court's outcome on the breach page, clear messages that change nothing, who may see and
do each, that each read is logged, and that the order page costs the same queries however many
checks, breaches and reports there are. Every form is a plain POST: no JavaScript needed."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from breaches.models import Breach, PoliceCheck
from breaches.services import breach_decide
from kcpo.access import POLICE_CASEWORK
from kcpo.audit.models import AuditEvent
from orders.variations import proceeding_start
from tests.access import OrganisationAccess, as_member, assert_access
from tests.breaches.conftest import at, provision, report
from tests.factories import BreachFactory, PoliceCheckFactory

ON = date(2027, 3, 1)
NIGHT = date(2027, 2, 20)


def date_fields(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def post(client, membership, url, data, *, on=ON):
    with time_machine.travel(at(on, 12), tick=False):
        return as_member(client, membership).post(url, data)


def get(client, membership, url, *, on=ON):
    with time_machine.travel(at(on, 12), tick=False):
        return as_member(client, membership).get(url)


def order_page(client, officer, order, query="") -> str:
    response = get(client, officer, reverse("orders:detail", args=[order.id]) + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def breach(order):
    return BreachFactory(order=order, provision=provision(order, "P3"), occurred_on=NIGHT)


@pytest.fixture
def charged(breach, officer):
    return breach_decide(
        breach=breach,
        membership=officer,
        decision="charge_s29",
        decided_on=ON,
        reason="Second breach in a month",
        today=ON,
    )


CHECK = {
    "kind": "curfew",
    **date_fields("checked_on", NIGHT),
    "checked_time": "21:20",
    "place": "12 Acre Lane, London SW2 5SG",
    "complied": "no",
    "minutes_outside": "20",
    "officer": "PC Smith",
}


# --- recording a check ---------------------------------------------------------------------------


def test_recording_a_curfew_check_through_the_page(client, officer, order):
    response = post(
        client,
        officer,
        reverse("breaches:check_new", args=[order.id]),
        {**CHECK, "prohibition": str(provision(order, "P3").id)},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("orders:detail", args=[order.id]) + "#compliance"
    check = PoliceCheck.objects.get()
    assert (check.checked_at, check.minutes_outside, check.complied) == (at(NIGHT, 21, 20), 20, False)
    html = order_page(client, officer, order)
    assert "20 February 2027, 21:20" in html and "20 minutes outside the curfew" in html


def test_an_empty_check_form_says_what_is_missing_and_records_nothing(client, officer, order):
    response = post(client, officer, reverse("breaches:check_new", args=[order.id]), {})

    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    for message in (
        "Select the kind of check",
        "Enter the date of the check",
        "Enter the time of the check",
        "Enter where the check was made",
        "Select whether the subject complied",
        "Enter the officer who made the check",
    ):
        assert message in html
    assert not PoliceCheck.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"checked_time": "25:00"}, "Enter the time as a 24-hour time, like 21:20"),
        ({"minutes_outside": "twenty"}, "Enter a whole number of minutes, like 20"),
        ({**date_fields("checked_on", date(2027, 3, 2))}, "The check must be now or in the past"),
        ({"minutes_outside": ""}, "Enter how many minutes outside the curfew the subject was"),
        ({"complied": "yes"}, "Minutes outside the curfew are recorded only for a curfew found broken"),
        ({"prohibition": ""}, "Select the prohibition that was checked"),
    ],
)
def test_a_refused_check_is_shown_on_the_form_and_records_nothing(client, officer, order, changes, message):
    data = {**CHECK, "prohibition": str(provision(order, "P3").id), **changes}

    response = post(client, officer, reverse("breaches:check_new", args=[order.id]), data)

    assert response.status_code == 200 and message in response.content.decode()
    assert not PoliceCheck.objects.exists()


# --- recording a suspected breach -----------------------------------------------------------------


def test_recording_a_breach_linked_to_a_check_through_the_page(client, officer, order):
    check = PoliceCheckFactory(
        order=order,
        prohibition=provision(order, "P3"),
        checked_at=at(NIGHT, 21, 20),
        complied=False,
        minutes_outside=20,
    )

    response = post(
        client,
        officer,
        reverse("breaches:new", args=[order.id]),
        {
            "breached": str(provision(order, "P3").id),
            **date_fields("occurred_on", NIGHT),
            "came_to_light": "curfew_check",
            "evidence": "Not at home at 21:20.",
            "checks": [str(check.id)],
        },
    )

    breach = Breach.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("breaches:detail", args=[breach.id])
    assert list(breach.checks.all()) == [check]
    html = get(client, officer, response["Location"]).content.decode()
    assert "Suspected breach of P3" in html and "Not at home at 21:20." in html and "PC Smith" in html
    assert "20 February 2027" in order_page(client, officer, order)


def test_recording_a_failure_to_notify_through_the_page(client, officer, order):
    post(
        client,
        officer,
        reverse("breaches:new", args=[order.id]),
        {
            "breached": "s24",
            **date_fields("occurred_on", NIGHT),
            "came_to_light": "other",
            "evidence": "Moved without telling the police.",
        },
    )

    assert Breach.objects.get().notification_duty is True


def test_the_breach_form_offers_the_orders_non_compliance_to_link(client, officer, order):
    report(provision(order, "R2"), date(2027, 2, 1), "failed")
    PoliceCheckFactory(order=order, prohibition=provision(order, "P3"), complied=False, minutes_outside=20)

    html = get(client, officer, reverse("breaches:new", args=[order.id])).content.decode()

    assert "R2, session of 1 February 2027 16:00: Failed to attend" in html
    assert "Curfew check of P3, 4 January 2027 21:00 at 12 Acre Lane, London SW2 5SG: broken by 20 minutes" in html


def test_an_empty_breach_form_says_what_is_missing_and_records_nothing(client, officer, order):
    response = post(client, officer, reverse("breaches:new", args=[order.id]), {})

    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    for message in (
        "Select what was breached",
        "Enter the date of the breach",
        "Select how it came to light",
        "Enter the evidence of the breach",
    ):
        assert message in html
    assert not Breach.objects.exists()


def test_a_refused_breach_is_shown_on_the_form_and_records_nothing(client, officer, order):
    response = post(
        client,
        officer,
        reverse("breaches:new", args=[order.id]),
        {
            "breached": str(provision(order, "P3").id),
            **date_fields("occurred_on", date(2026, 12, 1)),
            "came_to_light": "stop",
            "evidence": "Seen out",
        },
    )

    assert "The breach cannot be before the order took effect (14 December 2026)" in response.content.decode()
    assert not Breach.objects.exists()


# --- the decision and the court's outcome --------------------------------------------------------


def test_deciding_to_charge_then_recording_the_courts_outcome(client, officer, breach):
    url = reverse("breaches:detail", args=[breach.id])
    assert "decision-form" in get(client, officer, url).content.decode()

    response = post(
        client,
        officer,
        reverse("breaches:decide", args=[breach.id]),
        {"decision": "charge_s29", **date_fields("decided_on", ON), "reason": "Flagrant"},
    )
    assert response.status_code == 302 and response["Location"] == url
    html = get(client, officer, url).content.decode()
    assert "Charge: breach of the order (s29), 1 March 2027" in html and "outcome-form" in html

    response = post(
        client,
        officer,
        reverse("breaches:outcome", args=[breach.id]),
        {"outcome": "yro", **date_fields("outcome_on", date(2027, 4, 1))},
        on=date(2027, 4, 1),
    )
    assert response.status_code == 302
    breach.refresh_from_db()
    assert (breach.court_outcome, breach.court_outcome_on) == ("yro", date(2027, 4, 1))
    assert "Youth rehabilitation order, 1 April 2027" in order_page(client, officer, breach.order)


def test_no_court_outcome_form_before_a_charge(client, officer, breach):
    html = get(client, officer, reverse("breaches:detail", args=[breach.id])).content.decode()

    assert "outcome-form" not in html and "Court outcome" not in html


def test_the_s25_charge_is_not_offered_for_a_provision(client, officer, breach):
    html = get(client, officer, reverse("breaches:detail", args=[breach.id])).content.decode()

    assert 'value="charge_s29"' in html and 'value="charge_s25"' not in html


def test_an_empty_decision_says_what_is_missing_and_changes_nothing(client, officer, breach):
    response = post(client, officer, reverse("breaches:decide", args=[breach.id]), {})

    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Select the decision" in html and "Enter the reasons for the decision" in html
    breach.refresh_from_db()
    assert breach.decision == ""


def test_a_refused_decision_is_shown_on_the_page_and_changes_nothing(client, officer, breach):
    response = post(
        client,
        officer,
        reverse("breaches:decide", args=[breach.id]),
        {"decision": "nfa", **date_fields("decided_on", date(2027, 2, 1)), "reason": "Trivial"},
    )

    assert "The decision cannot be before the breach (20 February 2027)" in response.content.decode()
    breach.refresh_from_db()
    assert breach.decision == ""


def test_a_second_decision_changes_nothing(client, officer, charged):
    response = post(
        client,
        officer,
        reverse("breaches:decide", args=[charged.id]),
        {"decision": "nfa", **date_fields("decided_on", ON), "reason": "Changed my mind"},
    )

    assert response.status_code == 302
    charged.refresh_from_db()
    assert charged.decision == "charge_s29"


def test_an_empty_court_outcome_says_what_is_missing_and_changes_nothing(client, officer, charged):
    response = post(client, officer, reverse("breaches:outcome", args=[charged.id]), {})

    html = response.content.decode()
    assert "Select the court’s outcome" in html and "Enter the date of the court’s decision" in html
    charged.refresh_from_db()
    assert charged.court_outcome == ""


def test_considering_a_variation_links_to_recording_the_application(client, officer, breach, order):
    post(
        client,
        officer,
        reverse("breaches:decide", args=[breach.id]),
        {"decision": "consider_variation", **date_fields("decided_on", ON), "reason": "More time"},
    )

    html = get(client, officer, reverse("breaches:detail", args=[breach.id])).content.decode()
    assert reverse("orders:proceeding_new", args=[order.id, "application"]) in html


def test_considering_a_variation_may_name_the_application_already_made(client, officer, breach, order):
    application = proceeding_start(
        order=order,
        membership=officer,
        kind="application",
        applicant="police",
        sought="vary",
        made_on=ON,
        today=ON,
        reasons="More time",
    )

    post(
        client,
        officer,
        reverse("breaches:decide", args=[breach.id]),
        {
            "decision": "consider_variation",
            **date_fields("decided_on", ON),
            "reason": "More time",
            "variation": str(application.id),
        },
    )

    breach.refresh_from_db()
    assert breach.variation == application
    html = get(client, officer, reverse("breaches:detail", args=[breach.id])).content.decode()
    assert reverse("orders:proceeding_detail", args=[application.id]) in html


# --- the order page ------------------------------------------------------------------------------


def test_the_order_page_shows_each_requirements_compliance(client, officer, order):
    r2 = provision(order, "R2")
    report(r2, date(2027, 1, 4), "attended")
    report(r2, date(2027, 1, 11), "late", minutes_late=5)
    report(r2, date(2027, 1, 18), "failed")
    report(r2, date(2027, 1, 25), "excused")
    report(r2, date(2027, 2, 1), "failed")

    html = order_page(client, officer, order)

    assert "2 of 5 (40%), 1 late" in html
    assert "11 January 2027" in html  # the last contact: the latest session attended
    assert "Record a check" in html and "Record a suspected breach" in html


def test_the_order_page_shows_a_requirement_with_no_reports(client, officer, order):
    html = order_page(client, officer, order)

    assert "No sessions reported" in html and "None yet" in html
    assert "No checks recorded." in html and "No suspected breaches recorded." in html


def test_the_order_page_shows_the_breach_history_with_decision_and_outcome(client, officer, charged):
    html = order_page(client, officer, charged.order)

    assert reverse("breaches:detail", args=[charged.id]) in html
    assert "Charge: breach of the order (s29), 1 March 2027" in html and "Awaiting the court" in html


def _fill(order, n, *, start=0):
    """n days of records from 1 January 2027 (+ `start` days): a session reported, a check, a breach."""
    r2, p3 = provision(order, "R2"), provision(order, "P3")
    for i in range(start, start + n):
        day = date(2027, 1, 1) + timedelta(days=i)
        report(r2, day, "failed" if i % 2 else "attended")
        check = PoliceCheckFactory(order=order, prohibition=p3, checked_at=at(day, 21))
        BreachFactory(order=order, provision=p3, occurred_on=day, checks=[check])


def test_the_order_page_costs_the_same_queries_however_many_checks_breaches_and_reports(client, officer, order):
    _fill(order, 1)
    url = reverse("orders:detail", args=[order.id])
    with time_machine.travel(at(ON, 12), tick=False):
        client = as_member(client, officer)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        _fill(order, 24, start=1)
        with CaptureQueriesContext(connection) as many:
            html = client.get(url).content.decode()

    assert len(many.captured_queries) == len(few.captured_queries)
    assert 'aria-label="Page 3"' in html  # 25 checks and 25 breaches, 10 a page


def test_the_order_pages_lists_paginate_each_on_its_own(client, officer, order):
    _fill(order, 12)

    html = order_page(client, officer, order, "?checks=2")

    assert "Showing 11 to 12 of 12" in html and "Showing 1 to 10 of 12" in html
    assert "?checks=2&amp;breaches=2" in html  # the breaches' next page keeps the checks' page


def test_nothing_new_is_offered_on_an_order_not_yet_in_effect(client, officer, order):
    type(order).objects.filter(pk=order.pk).update(
        deferred_until="release", takes_effect_on=None, ends_on=None, notification_due_on=None
    )

    html = order_page(client, officer, order)

    assert "Record a check" not in html and "Record a suspected breach" not in html


# --- who may see and do what, and the audit of reads ---------------------------------------------


@pytest.mark.parametrize("name", ["check_new", "new"])
def test_only_the_owning_forces_police_record_checks_and_breaches(client, officer, order, name):
    access = OrganisationAccess.around(officer.organisation)
    url = reverse(f"breaches:{name}", args=[order.id])

    assert_access(client, url, access.expectations(allowed=POLICE_CASEWORK))
    assert_access(client, url, access.expectations(allowed=POLICE_CASEWORK), method="post")
    assert not PoliceCheck.objects.exists() and not Breach.objects.exists()  # the empty posts were refused


def test_only_the_owning_forces_police_see_a_breach(client, officer, breach):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, reverse("breaches:detail", args=[breach.id]), access.expectations(allowed=POLICE_CASEWORK))


def test_only_the_owning_forces_police_decide(client, officer, breach):
    access = OrganisationAccess.around(officer.organisation)
    url = reverse("breaches:decide", args=[breach.id])

    assert_access(client, url, access.expectations(allowed=POLICE_CASEWORK), method="post")
    breach.refresh_from_db()
    assert breach.decision == ""


def test_only_the_owning_forces_police_record_the_courts_outcome(client, officer, charged):
    access = OrganisationAccess.around(officer.organisation)
    url = reverse("breaches:outcome", args=[charged.id])

    assert_access(client, url, access.expectations(allowed=POLICE_CASEWORK), method="post")
    charged.refresh_from_db()
    assert charged.court_outcome == ""


@pytest.mark.parametrize("name", ["decide", "outcome"])
def test_the_decision_and_outcome_are_posted_not_read(client, officer, breach, name):
    assert get(client, officer, reverse(f"breaches:{name}", args=[breach.id])).status_code == 405


def test_an_unknown_breach_is_not_found(client, officer):
    assert get(client, officer, reverse("breaches:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", ["check_new", "new"])
def test_reading_the_forms_is_logged(client, officer, order, name):
    get(client, officer, reverse(f"breaches:{name}", args=[order.id]))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.data_subject_id, read.details) == (
        str(order.application_id),
        order.subject_id,
        {"order_id": order.id},
    )


def test_reading_a_breach_is_logged(client, officer, breach):
    get(client, officer, reverse("breaches:detail", args=[breach.id]))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_type, read.object_id, read.data_subject_id) == (
        "breaches.breach",
        str(breach.id),
        breach.order.subject_id,
    )


def test_the_order_page_read_is_still_logged_once(client, officer, breach):
    order_page(client, officer, breach.order)

    assert AuditEvent.objects.filter(operation="consult").count() == 1
