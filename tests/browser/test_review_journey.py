"""The review of an order in headless Chromium, with axe-core: a KCPO lead opens "My tasks",
follows the review-hearing reminder the sweep made (s26) to the order, records that the review
varied it, and sees the new provisions and what changed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eligibility.core.dates import add_months
from kcpo.accounts.models import Role
from kcpo.reminders.sweeps import sweep
from orders.court import OrderTerms, hearing_list, hearing_record_outcome
from orders.lifecycle import notification_record, order_pnc_record
from orders.workflow import State
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, submit
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_application

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

ORIGINAL = "Not to enter the area marked on the attached map"
VARIED = "Not to enter the area marked on the attached map between 19:00 and 07:00"


@pytest.fixture
def order():
    """An 18-month order made almost a year ago whose s26 review hearing is today."""
    today = timezone.localdate()
    made_on = add_months(today, -12) + timedelta(days=14)  # today is in the review window (s26(4))
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__email="lead@example.gov.uk")
    application = make_application(lead, state=State.LAID, application_date=made_on)
    hearing = hearing_list(application=application, membership=lead, court=None, on=made_on, kind="full")
    terms = OrderTerms.as_proposed(application, court_reference="KCPO/1", duration_months=18, review_on=today)
    hearing_record_outcome(hearing=hearing, membership=lead, outcome="granted", today=made_on, order_terms=terms)
    order = application.orders.get()
    # Notified (s24) and on the PNC in time, so the review is the lead's only task.
    notification_record(
        order=order,
        membership=lead,
        kind="initial",
        names="Jordan Ellis",
        home_address="12 Acre Lane, London",
        notified_on=made_on,
        station="Brixton",
        received_by="PC Smith",
        today=made_on,
    )
    order_pnc_record(order=order, membership=lead, sent_on=made_on, uploaded_on=made_on, today=made_on)
    sweep(today)
    return order


def test_a_lead_follows_the_review_reminder_and_records_a_variation(page, order, axe_source):
    today = timezone.localdate()
    sign_in(page, "lead@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My tasks (1)").click()
    row = page.get_by_test_id("task")
    expect(row).to_contain_text("Review hearing approaching (s26)")
    expect(row).to_contain_text("Due today")
    assert_no_axe_violations(page, axe_source)

    row.get_by_role("link", name="Review hearing for").click()
    expect(page.get_by_role("heading", name="Knife crime prevention order", level=1)).to_be_visible()
    expect(page.get_by_test_id("review-due")).to_contain_text("The review hearing on")
    page.get_by_role("link", name="record its outcome").click()

    expect(page.get_by_role("heading", name="Record the outcome of the review hearing", level=1)).to_be_visible()
    page.get_by_label("Order varied").check()
    fill_date(page, "decided_on", today)
    page.get_by_label("Wording of P1").fill(VARIED)
    page.get_by_label("Notes (optional)").fill("Curfew hours only: he has started college.")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Record the outcome")

    expect(page.get_by_role("alert")).to_contain_text("The outcome has been recorded: order varied.")
    comparison = page.get_by_test_id("comparison")
    expect(comparison).to_contain_text("P1: Changed")
    expect(comparison).to_contain_text(ORIGINAL)
    expect(comparison).to_contain_text(VARIED)
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Back to the order").click()
    expect(page.get_by_test_id("order-provisions")).to_contain_text(VARIED)
    expect(page.get_by_test_id("proceedings")).to_contain_text("Order varied")
    expect(page.get_by_test_id("review-due")).to_have_count(0)
    assert_no_axe_violations(page, axe_source)
