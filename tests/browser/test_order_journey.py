"""The order page in headless Chromium, with axe-core: the officer opens the order from the
application page, sees that the s24 notification is due, and records it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kcpo.accounts.models import Role
from orders.court import OrderTerms, hearing_list, hearing_record_outcome
from orders.workflow import State
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, submit
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_application

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def application():
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__email="officer@example.gov.uk")
    today = timezone.localdate()
    application = make_application(officer, state=State.LAID, application_date=today)
    hearing = hearing_list(application=application, membership=officer, court=None, on=today, kind="full")
    terms = OrderTerms.as_proposed(application, court_reference="KCPO/1", duration_months=12)
    hearing_record_outcome(hearing=hearing, membership=officer, outcome="granted", today=today, order_terms=terms)
    return application


def test_an_officer_records_the_defendants_notification(page, application, axe_source):
    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/applications/{application.id}/")
    page.get_by_role("link", name="View the order").click()
    expect(page.get_by_role("heading", name="Knife crime prevention order", level=1)).to_be_visible()
    expect(page.get_by_test_id("notification-status")).to_contain_text("Not notified yet.")
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Record a notification").click()
    page.get_by_label("On the order taking effect (s24(2))").check()
    page.get_by_label("The name or names the defendant uses").fill("Jordan Ellis")
    page.get_by_label("Their home address").fill("12 Acre Lane, London SW2 5SG")
    fill_date(page, "notified_on", timezone.localdate())
    page.get_by_label("Police station").fill("Brixton police station")
    page.get_by_label("Who received it").fill("PC Smith")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Record the notification")

    expect(page.get_by_test_id("notification-status")).to_contain_text("in time.")
    assert_no_axe_violations(page, axe_source)
