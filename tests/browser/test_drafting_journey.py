"""An officer drafts an application from a case through the real forms in headless Chromium:
starts it, enters the details, adds a curfew, evidence and a hearsay item, fixes a mistake
shown in the error summary, checks the answers and sends it for authorisation. axe-core runs
on every drafting page."""

import pytest
from playwright.sync_api import expect

from kcpo.accounts.models import Role
from orders.models import Application
from orders.workflow import State
from tests.browser.helpers import assert_no_axe_violations, sign_in, submit
from tests.factories import PASSWORD, CaseFactory, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


def test_an_officer_drafts_an_application_and_sends_it_for_authorisation(page, axe_source):
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__email="officer@example.gov.uk")
    case = CaseFactory(owner=force, subject__given_names="Jordan", subject__family_name="Ellis")

    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/cases/{case.id}/")
    page.get_by_role("link", name="Start an application").click()
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("Section 14, with notice").check()
    submit(page, "Start the application")

    expect(page.locator("h1")).to_have_text("Draft application")
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("To protect the public in England and Wales").check()
    page.get_by_label("The argument for the grounds").fill("Two occasions with a knife near schools.")
    page.get_by_label("How many months should the order last?").fill("12")
    submit(page, "Save the details")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The application’s details have been saved")

    page.get_by_role("link", name="Add a requirement or prohibition").click()
    page.get_by_label("Prohibition", exact=True).check()
    page.get_by_label("Type of provision").select_option("curfew")
    page.get_by_label("Exact wording").fill("To remain at 12 Acre Lane between 19:00 and 07:00")
    page.locator("#id_window_1_days_0").check()
    page.locator("#id_window_1_start").fill("25:00")
    page.locator("#id_window_1_end").fill("07:00")
    page.locator("#id_purposes_0").check()
    submit(page, "Add it")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the start time of the first window as a 24-hour time, like 19:00"
    )
    assert_no_axe_violations(page, axe_source)
    page.locator("#id_window_1_start").fill("19:00")
    page.get_by_label("Why is it necessary?").fill("Both occasions were after dark")
    page.get_by_label("Evidence for it").fill("MG11 of PC Smith")
    submit(page, "Add it")
    expect(page.get_by_test_id("provision-P1")).to_contain_text("To remain at 12 Acre Lane")

    page.get_by_role("link", name="Add or remove evidence and hearsay").click()
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("Lead officer’s statement (MG11)").check()
    page.locator("#id_evidence-description").fill("MG11 of PC 1234 Smith")
    submit(page, "Add the evidence")
    page.get_by_label("Who made the statement?").fill("Shop assistant")
    page.get_by_label("What is the evidence?").fill("Saw him with a knife outside the shop")
    page.get_by_label("Why will the maker not be called as a witness?").fill("Fears reprisals")
    submit(page, "Add the hearsay item")
    expect(page.get_by_test_id("hearsay-items")).to_contain_text("Fears reprisals")
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Back to the draft application").first.click()
    page.get_by_role("link", name="Check your answers").click()
    expect(page.get_by_test_id("application-answers")).to_contain_text("12 months")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Send for authorisation")

    assert Application.objects.get().state == State.AWAITING_AUTHORISATION
