"""An officer records a person, two occasions with a bladed article, and sees the s14
determination, in headless Chromium through the real forms, with axe-core on every page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eligibility.models import InForcePeriod
from kcpo.accounts.models import Role
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


def submit(page, name: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=name).click()


def record_occasion(page, day: date, location: str) -> None:
    page.get_by_role("link", name="Record an occasion").click()
    fill_date(page, "occurred_on", day)
    page.get_by_label("Public place").check()
    page.get_by_label("Location").fill(location)
    page.get_by_label("What was the bladed article?").fill("Kitchen knife")
    page.get_by_label("Stop and search").check()
    submit(page, "Save occasion")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The occasion has been recorded")


def test_an_officer_records_a_person_and_two_occasions_and_sees_the_determination(page, axe_source, screenshots_dir):
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    InForcePeriod.objects.create(police_area="metropolitan", starts_on=date(2023, 4, 1), legal_basis="Test")
    MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__email="officer@example.gov.uk")
    today = timezone.localdate()
    date_of_birth = date(today.year - 15, 3, 14)

    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.get_by_role("link", name="People").click()
    assert_no_axe_violations(page, axe_source)
    page.get_by_role("link", name="Record a new person").click()

    # A mistake first: the error summary names it and nothing is saved.
    page.get_by_label("Given names").fill("Jordan")
    submit(page, "Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person’s family name")
    assert_no_axe_violations(page, axe_source)

    page.get_by_label("Family name").fill("Ellis")
    fill_date(page, "date_of_birth", date_of_birth)
    submit(page, "Save")
    expect(page.locator("h1")).to_have_text("Jordan Ellis")

    record_occasion(page, today - timedelta(days=200), "Acre Lane, Brixton")
    assert_no_axe_violations(page, axe_source)
    record_occasion(page, today - timedelta(days=20), "Brixton Road")

    expect(page.locator("[data-testid=occasions] .govuk-tag--green")).to_have_count(2)
    checks = page.locator("[data-testid=eligibility-checks]")
    expect(checks).to_contain_text("s14(1)")
    expect(checks).to_contain_text("s14(3)")
    eligible_until = today - timedelta(days=200)
    eligible_until = eligible_until.replace(year=eligible_until.year + 2) - timedelta(days=1)
    expect(page.locator("[data-testid=eligibility-result]")).to_contain_text(
        f"Eligible until {eligible_until.day} {eligible_until:%B %Y}"
    )
    expect(page.locator("[data-testid=timeline]")).to_contain_text("Occasion with a bladed article recorded")
    page.screenshot(path=screenshots_dir / "subject-journey.png", full_page=True)
    assert_no_axe_violations(page, axe_source)
