"""Court documents in headless Chromium, with axe-core on each page: the officer opens an
application's documents from its page, issues Appendix A, prepares the court bundle, watches it
become ready and downloads it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from documents.models import BundleJob, Document
from kcpo.accounts.models import Role
from orders.workflow import State
from tests.browser.helpers import assert_no_axe_violations, sign_in, submit
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, make_occasion
from tests.orders.review_builders import make_application

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def application():
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    officer = MembershipFactory(
        organisation=force,
        role=Role.POLICE_OFFICER,
        user__email="officer@example.gov.uk",
        user__full_name="Olu Officer",
    )
    application = make_application(officer, state=State.AUTHORISED, application_date=date(2023, 3, 1))
    make_occasion(application.case.subject, date(2022, 12, 10))
    make_occasion(application.case.subject, date(2022, 10, 3))
    return application


def test_an_officer_issues_appendix_a_and_prepares_the_bundle(page, application, axe_source):
    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/applications/{application.id}/")
    page.get_by_role("link", name="Court documents").click()
    expect(page.get_by_role("heading", name="Court documents", level=1)).to_be_visible()
    assert_no_axe_violations(page, axe_source)

    card = page.get_by_test_id("document-appendix_a")
    expect(card).to_contain_text("Not issued yet.")
    with page.expect_navigation(wait_until="load"):
        card.get_by_role("button", name="Issue it").click()
    expect(page.get_by_test_id("document-appendix_a")).to_contain_text("Download version 1 (PDF)")
    assert Document.objects.get(kind="appendix_a").version == 1

    submit(page, "Prepare the court bundle")
    # Without a Redis here the task runs in the request, so the bundle is ready on arrival;
    # while a worker prepares it the page shows the stages (tests/documents/test_bundle.py).
    expect(page.get_by_role("heading", name="Bundle ready")).to_be_visible()
    assert_no_axe_violations(page, axe_source)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the court bundle, version 1 (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert BundleJob.objects.get().status == BundleJob.Status.DONE

    page.get_by_role("link", name="Back to court documents").click()
    expect(page.get_by_test_id("document-bundle")).to_contain_text("Download the court bundle, version 1 (PDF)")
