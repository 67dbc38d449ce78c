"""The statistics page in headless Chromium, with axe-core: an analyst opens it from the menu,
narrows the period and the borough by the GET form (with JavaScript on and off), reads the
orders made and finds each table's CSV download; a bad period is shown in the error summary."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cases.models import Subject
from kcpo.accounts.models import Role
from orders.models import Order
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, submit
from tests.documents.builders import HEARING_DAY, make_order
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def orders(force):
    MembershipFactory(organisation=force, role=Role.ANALYST, user__email="analyst@example.gov.uk")
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD)
    for borough in ("Lambeth", "Lambeth", "Croydon"):
        order = Order.objects.get(application=make_order(lead))
        Subject.objects.filter(pk=order.subject_id).update(local_authority=borough)


def choose_period(page, first: date, last: date, area: str = "") -> None:
    fill_date(page, "date_from", first)
    fill_date(page, "date_to", last)
    page.get_by_label("Borough (optional)").fill(area)
    submit(page, "Show the statistics")


def test_an_analyst_reads_the_orders_made_in_a_borough(page, orders, axe_source):
    sign_in(page, "analyst@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Statistics").click()
    expect(page.get_by_role("heading", name="Statistics", level=1)).to_be_visible()
    assert_no_axe_violations(page, axe_source)

    choose_period(page, date(2026, 12, 1), date(2026, 12, 31), "lambeth")
    made = page.get_by_test_id("table-orders-made")
    expect(made.get_by_role("row", name="Section 14, with notice").get_by_role("cell")).to_have_text(
        ["2", "0", "0", "2"]
    )
    expect(page.get_by_test_id("table-borough").get_by_role("row", name="Lambeth").get_by_role("cell")).to_have_text(
        ["2"]
    )
    expect(page.get_by_role("link", name="Download “Orders made” as CSV")).to_have_attribute(
        "href",
        "/statistics/orders-made.csv?date_from_day=1&date_from_month=12&date_from_year=2026"
        "&date_to_day=31&date_to_month=12&date_to_year=2026&area=lambeth",
    )
    assert_no_axe_violations(page, axe_source)

    choose_period(page, date(2026, 12, 15), date(2026, 12, 1))
    expect(page.get_by_role("alert")).to_contain_text("The last day must be the same as or after the first day")
    assert_no_axe_violations(page, axe_source)


def test_the_filters_work_without_javascript(browser, live_server, orders):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, "analyst@example.gov.uk", PASSWORD)
        page.goto("/statistics/")
        choose_period(page, HEARING_DAY, HEARING_DAY)
        row = page.get_by_test_id("table-orders-made").get_by_role("row", name="Section 14, with notice")
        expect(row.get_by_role("cell")).to_have_text(["3", "0", "0", "3"])
    finally:
        context.close()
