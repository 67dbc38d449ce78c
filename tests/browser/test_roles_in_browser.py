"""Every role signs in through the real form in headless Chromium and sees its own home page.

Each page is checked with axe-core against WCAG 2.2 AA, and a screenshot per role is saved
to test-results/screenshots/<role>.png for a person to look at.
"""

import re

import pytest
from playwright.sync_api import expect

from kcpo.accounts.models import ROLES_BY_ORGANISATION_TYPE, Organisation, Role
from tests.access import TRAITS
from tests.browser.helpers import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CaseFactory, MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    # The live server's WhiteNoise middleware warns that `collectstatic` has not filled
    # var/staticfiles; the live server serves static/ through staticfiles' handler instead.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def organisation_type_for(role: Role) -> str:
    """The first organisation type (police force first) in which the role may sit."""
    return next(kind for kind, roles in ROLES_BY_ORGANISATION_TYPE.items() if role in roles)


def test_sign_in_page_has_no_accessibility_violations(page, axe_source):
    page.goto("/sign-in/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Sign in"))
    assert_no_axe_violations(page, axe_source)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_signs_in_and_sees_its_home(page, live_server, axe_source, screenshots_dir, role):
    kind = organisation_type_for(role)
    organisation = OrganisationFactory(**TRAITS[kind])
    if kind == Organisation.Type.POLICE_FORCE:
        CaseFactory(owner=organisation)
    email = f"{role.value.replace('_', '.')}@example.gov.uk"
    MembershipFactory(organisation=organisation, role=role, user__email=email)

    sign_in(page, email, PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text(f"{role.label} home")
    expect(page.locator("[data-testid=identity-organisation]")).to_have_text(organisation.name)
    if role in (Role.POLICE_OFFICER, Role.KCPO_LEAD, Role.AUTHORISING_OFFICER):
        expect(page.locator("[data-testid=home-cases] tbody tr")).to_have_count(1)
    page.screenshot(path=screenshots_dir / f"{role.value}.png", full_page=True)
    assert_no_axe_violations(page, axe_source)


def test_wrong_password_shows_error_summary_and_stays_on_sign_in(page, live_server, axe_source):
    membership = MembershipFactory(role=Role.KCPO_LEAD, user__email="wrong.password@example.gov.uk")

    sign_in(page, membership.user.email, "not-the-password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("h2")).to_have_text("There is a problem")
    expect(page).to_have_url(f"{live_server.url}/sign-in/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Sign in"))
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    assert_no_axe_violations(page, axe_source)


def test_a_case_page_with_its_determination_is_accessible(page, live_server, axe_source, screenshots_dir):
    from datetime import timedelta

    from django.utils import timezone

    from eligibility.models import InForcePeriod
    from tests.factories import make_occasion

    force = OrganisationFactory()
    InForcePeriod.objects.create(police_area=force.code, starts_on=timezone.localdate() - timedelta(days=400))
    case = CaseFactory(owner=force)
    for days in (100, 30):
        make_occasion(case.subject, timezone.localdate() - timedelta(days=days))
    MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__email="case.lead@example.gov.uk")

    sign_in(page, "case.lead@example.gov.uk", PASSWORD)
    page.goto(f"/cases/{case.id}/")

    expect(page.locator("[data-testid=occasions] tbody tr")).to_have_count(2)
    expect(page.locator("[data-testid=eligibility-checks]")).to_contain_text("s14(3)-(5)")
    page.screenshot(path=screenshots_dir / "case_page.png", full_page=True)
    assert_no_axe_violations(page, axe_source)
