"""The supervisor's side in headless Chromium, with axe-core: a mentor finds the requirement they
supervise, generates its sessions from the schedule and reports that the child did not come;
the police lead finds the task, and the YOT consulted on the child's order sees it. The report
form also works with JavaScript turned off, errors and all."""

import pytest
import time_machine
from playwright.sync_api import expect

from kcpo.accounts.models import Role, User
from tests.browser.helpers import assert_no_axe_violations, sign_in, sign_in_as, submit
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.provision.supervision_builders import CHILD_BIRTH, NOW, TODAY, session_on, supervised_order

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

WARNING = "Do not record what was discussed in the session: only whether the young person complied (s22(5))"


@pytest.fixture
def frozen():
    # Wednesday 3 March 2027, after that day's session; ticking, so the browser's waits work.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def child(frozen, force):
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__email="officer@example.gov.uk")
    yot = OrganisationFactory(yot=True, name="Lambeth Youth Offending Service")
    MembershipFactory(organisation=yot, role=Role.YOT_WORKER, user__email="yot@example.gov.uk")
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    User.objects.filter(pk=child.supervisor.user_id).update(email="mentor@example.gov.uk")
    return child


def test_a_mentor_reports_a_missed_session_and_the_police_and_the_yot_see_it(page, child, axe_source):
    sign_in(page, "mentor@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Requirements you supervise").click()
    expect(page.get_by_role("heading", name="Requirements you supervise", level=1)).to_be_visible()
    row = page.get_by_test_id("requirement")
    expect(row).to_contain_text("R2: To attend a weekly mentoring session")
    expect(row).to_contain_text("Wed 16:00-17:30")
    assert_no_axe_violations(page, axe_source)

    row.get_by_role("link", name="Jordan Lee Ellis").click()
    expect(page.get_by_role("heading", name="Requirement R2", level=1)).to_be_visible()
    expect(page.get_by_test_id("contact-details")).to_contain_text("12 Acre Lane, London, SW2 5SG")
    assert_no_axe_violations(page, axe_source)

    page.get_by_label("Number of weeks").fill("2")
    submit(page, "Generate sessions")
    expect(page.get_by_role("alert")).to_contain_text("2 sessions added from the schedule.")
    expect(page.get_by_test_id("upcoming-sessions")).to_contain_text("Wednesday 10 March 2027")
    assert_no_axe_violations(page, axe_source)

    page.get_by_test_id("past-sessions").get_by_role("link", name="Report attendance").click()
    expect(page.get_by_test_id("content-warning")).to_contain_text(WARNING)
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("Failed to attend").check()
    page.get_by_label("Note (optional)").fill("No answer at the door at 16:15.")
    submit(page, "Send the report to the police")

    expect(page.get_by_role("alert")).to_contain_text("Your report of the session has been recorded: Failed to attend.")
    expect(page.get_by_test_id("past-sessions")).to_contain_text("Failed to attend")
    assert_no_axe_violations(page, axe_source)

    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    page.goto("/tasks/")
    expect(
        page.get_by_role("link", name="R2: Jordan Lee Ellis failed to attend the session on 3 March 2027 (s22(5))")
    ).to_be_visible()

    sign_in_as(page, "yot@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Non-compliance").click()
    row = page.get_by_test_id("non-compliance")
    expect(row).to_contain_text("Jordan Lee Ellis")
    expect(row).to_contain_text("No answer at the door at 16:15.")
    assert_no_axe_violations(page, axe_source)
    row.get_by_role("link", name="Jordan Lee Ellis").click()
    expect(page.get_by_test_id("non-compliance-summary")).to_contain_text("Lambeth Youth Mentoring")
    assert_no_axe_violations(page, axe_source)


def test_the_report_form_works_without_javascript(browser, live_server, child, axe_source):
    session = session_on(child.r2, TODAY)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, "mentor@example.gov.uk", PASSWORD)
        page.goto(f"/supervision/sessions/{session.id}/report/")
        page.get_by_label("Attended late").check()
        submit(page, "Send the report to the police")

        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Enter how many minutes late the young person was")
        expect(page.get_by_label("Attended late")).to_be_checked()

        page.get_by_label("If they were late, how many minutes late?").fill("15")
        submit(page, "Send the report to the police")
        expect(page.get_by_test_id("past-sessions")).to_contain_text("Attended late by 15 minutes")
    finally:
        context.close()
