"""Non-compliance to court in headless Chromium, with axe-core: a KCPO lead records a curfew
check that found a child out 20 minutes past the curfew, records a suspected breach resting on
it, sees that the guidance's "more than trivial" test is met and why, decides to charge under
s29, and records the court's outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kcpo.accounts.models import Role
from orders.court import OrderTerms, hearing_list, hearing_record_outcome
from orders.models import Provision
from orders.workflow import State
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, submit
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_application, under_18_on

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

CURFEW = "To remain at 12 Acre Lane between 21:00 and 06:00 every day"


@pytest.fixture
def order():
    """A 12-month order made a week ago on a 15-year-old: P1 (a place) and P2, a curfew."""
    made_on = timezone.localdate() - timedelta(days=7)
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__email="lead@example.gov.uk")
    application = make_application(lead, state=State.LAID, application_date=made_on, date_of_birth=under_18_on(made_on))
    Provision.objects.create(application=application, number=2, kind="prohibition", category="curfew", wording=CURFEW)
    hearing = hearing_list(application=application, membership=lead, court=None, on=made_on, kind="full")
    terms = OrderTerms.as_proposed(application, court_reference="KCPO/1", duration_months=12)
    hearing_record_outcome(hearing=hearing, membership=lead, outcome="granted", today=made_on, order_terms=terms)
    return application.orders.get()


def test_a_lead_takes_a_broken_curfew_from_check_to_court(page, order, axe_source):
    today = timezone.localdate()
    last_night = today - timedelta(days=1)
    sign_in(page, "lead@example.gov.uk", PASSWORD)
    page.goto(f"/orders/{order.id}/")
    expect(page.get_by_role("heading", name="Compliance", level=2)).to_be_visible()
    expect(page.get_by_text("The order has no requirements.")).to_be_visible()
    assert_no_axe_violations(page, axe_source)

    # The curfew check: out 20 minutes past 21:00.
    page.get_by_role("link", name="Record a check").click()
    page.get_by_label("Curfew check", exact=True).check()
    page.get_by_label("The prohibition checked").select_option(label=f"P2: {CURFEW}")
    fill_date(page, "checked_on", last_night)
    page.get_by_label("Time of the check").fill("21:20")
    page.get_by_label("Where the check was made").fill("12 Acre Lane, London SW2 5SG")
    page.get_by_label("No: not at home during the curfew", exact=False).check()
    page.get_by_label("If the curfew was broken: by how many minutes").fill("20")
    page.get_by_label("The officer who made the check").fill("PC Smith")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Record the check")
    expect(page.get_by_test_id("police-checks")).to_contain_text("20 minutes outside the curfew")

    # The suspected breach, resting on that check.
    page.get_by_role("link", name="Record a suspected breach").click()
    page.get_by_label("P2", exact=True).check()
    fill_date(page, "occurred_on", last_night)
    page.get_by_label("A curfew check", exact=True).check()
    page.get_by_label("The evidence").fill("Not at home at 21:20 when PC Smith called; came home at 21:25.")
    page.get_by_label("Curfew check of P2", exact=False).check()
    assert_no_axe_violations(page, axe_source)
    submit(page, "Record the suspected breach")

    expect(page.get_by_role("heading", name="Suspected breach of P2", level=1)).to_be_visible()
    expect(page.get_by_test_id("breach-checks")).to_contain_text("20 minutes outside the curfew")
    triviality = page.get_by_test_id("triviality")
    expect(triviality).to_contain_text("More than trivial")
    expect(triviality).to_contain_text("Broke the curfew (P2) by 20 minutes (more than 15).")
    expect(triviality).to_contain_text("Home Office guidance, “Breaches of KCPOs” (under 18s)")
    assert_no_axe_violations(page, axe_source)

    # The decision: charge under s29.
    page.get_by_label("Charge: breach of the order (s29)", exact=True).check()
    fill_date(page, "decided_on", today)
    page.get_by_label("The reasons for the decision").fill("A deliberate breach of the curfew.")
    submit(page, "Record the decision")
    expect(page.get_by_test_id("breach-decision")).to_contain_text("Charge: breach of the order (s29)")

    # The court's outcome.
    page.get_by_label("Conditional discharge", exact=True).check()
    fill_date(page, "outcome_on", today)
    assert_no_axe_violations(page, axe_source)
    submit(page, "Record the court’s outcome")
    expect(page.get_by_test_id("breach-outcome")).to_contain_text("Conditional discharge")
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Back to the order").click()
    expect(page.get_by_test_id("breach-history")).to_contain_text("Conditional discharge")
