"""A referral in headless Chromium, with axe-core: the police open an order, search the
catalogue for its mentoring requirement and refer it; the mentoring provider signs in, sees its
offers, finds the referral, accepts it and records first contact; both sides see where it has
got to."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from kcpo.accounts.models import Role
from orders.models import Order
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, sign_in_as, submit
from tests.documents.builders import make_full_order
from tests.factories import PASSWORD, MembershipFactory, OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

NOW = timezone.make_aware(datetime(2027, 1, 6, 10, 0))


@pytest.fixture
def frozen():
    # Wednesday 6 January 2027; ticking, so the browser's waits work.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def order(frozen, force):
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__email="officer@example.gov.uk")
    order = Order.objects.select_related("subject").get(application=make_full_order(officer, court=None))
    type(order.subject).objects.filter(pk=order.subject_id).update(local_authority="Lambeth")
    provider = order.provisions.get(number=2).supervisor_organisation
    OfferFactory(
        provider=provider,
        name="Weekly mentoring",
        categories=["youth_mentoring"],
        areas=["lambeth"],
        min_age=14,
        max_age=25,
        schedule=[{"days": [2], "start": "16:00", "end": "17:30"}],
    )
    OfferFactory(provider__name="Croydon Job Club", categories=["job_readiness"], areas=["croydon"])
    MembershipFactory(organisation=provider, role=Role.SUPERVISOR, user__email="mentor@example.gov.uk")
    return order


def test_the_police_refer_a_requirement_and_the_provider_takes_it_on(page, order, axe_source):
    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/orders/{order.id}/")
    page.get_by_role("link", name="Refer R2 to a provider").click()

    expect(page.get_by_role("heading", name="Refer R2 to a provider", level=1)).to_be_visible()
    results = page.get_by_test_id("offer-result")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Lambeth Youth Mentoring")
    assert_no_axe_violations(page, axe_source)

    # The filters work by GET, with or without JavaScript: widen the search, then narrow it.
    page.get_by_label("Kind of requirement").select_option("")
    page.get_by_label("Area").fill("")
    submit(page, "Apply filters")
    expect(results).to_have_count(2)
    page.get_by_label("Area").fill("Lambeth")
    submit(page, "Apply filters")
    expect(results).to_have_count(1)

    results.get_by_role("link", name="Refer R2").click()
    expect(page.get_by_role("heading", name="Refer R2 to Lambeth Youth Mentoring", level=1)).to_be_visible()
    assert_no_axe_violations(page, axe_source)
    submit(page, "Send the referral")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date consent was given")
    assert_no_axe_violations(page, axe_source)

    page.get_by_label("How can the provider contact the young person?").fill("Mother, Ms Ellis: 07700 900123")
    page.get_by_label("A parent or guardian").check()
    fill_date(page, "consent_on", NOW.date())
    page.get_by_label("Needs relevant to the activity (optional)").fill("Dyslexic: read written material aloud")
    submit(page, "Send the referral")
    expect(page.get_by_role("alert")).to_contain_text("R2 has been referred to Lambeth Youth Mentoring.")
    expect(page.get_by_test_id("referral-state")).to_have_text("Sent")
    assert_no_axe_violations(page, axe_source)

    sign_in_as(page, "mentor@example.gov.uk", PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Our offers").click()
    expect(page.get_by_test_id("offer")).to_contain_text("Weekly mentoring")
    assert_no_axe_violations(page, axe_source)
    page.get_by_role("link", name="Add an offer").click()
    submit(page, "Add the offer")
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of what you offer")
    assert_no_axe_violations(page, axe_source)

    menu.get_by_role("link", name="Referrals").click()
    expect(page.get_by_role("link", name="New (1)")).to_be_visible()
    assert_no_axe_violations(page, axe_source)
    page.get_by_test_id("referral").get_by_role("link", name="Jordan Lee Ellis").click()
    expect(page.get_by_test_id("contact-details")).to_contain_text("07700 900123")
    expect(page.get_by_test_id("requirement")).to_contain_text("To attend a weekly mentoring session")
    assert_no_axe_violations(page, axe_source)

    submit(page, "Accept the referral")
    expect(page.get_by_test_id("referral-state")).to_have_text("Accepted")
    page.get_by_role("link", name="Record first contact").click()
    assert_no_axe_violations(page, axe_source)
    fill_date(page, "first_contact_on", NOW.date())
    submit(page, "Record first contact")
    expect(page.get_by_test_id("referral-state")).to_have_text("First contact made")
    expect(page.get_by_test_id("referral-state-text")).to_contain_text("first made contact on 6 January 2027")
    assert_no_axe_violations(page, axe_source)

    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/orders/{order.id}/")
    expect(page.get_by_test_id("order-referral")).to_contain_text("First contact made")
    assert_no_axe_violations(page, axe_source)
