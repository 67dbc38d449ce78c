"""My tasks in headless Chromium, with axe-core: a KCPO lead opens the page from the
navigation, sees an overdue reminder, marks it done, and finds it under Done."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kcpo.accounts.models import Role
from kcpo.reminders.models import Reminder
from tests.browser.helpers import assert_no_axe_violations, sign_in, submit
from tests.factories import PASSWORD, CaseFactory, MembershipFactory, OrganisationFactory, ReminderFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def reminder():
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__email="lead@example.gov.uk")
    case = CaseFactory(owner=force, subject__given_names="Jordan", subject__family_name="Ellis")
    return ReminderFactory(
        organisation=force,
        target=case,
        assignee=lead.user,
        kind=Reminder.Kind.NOTIFICATION_OVERDUE,
        title="Record the s24 notification",
        link=f"/cases/{case.id}/",
        due_on=timezone.localdate() - timedelta(days=2),
    )


def test_a_lead_marks_an_overdue_task_done(page, reminder, axe_source):
    sign_in(page, "lead@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My tasks (1)").click()

    expect(page.get_by_role("heading", name="My tasks", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Overdue (1)")).to_have_attribute("aria-current", "page")
    row = page.get_by_test_id("task")
    expect(row).to_contain_text("Notification overdue (s24, s25)")
    expect(row.get_by_role("link", name="Record the s24 notification")).to_be_visible()
    expect(row).to_contain_text("2 days overdue")
    expect(row).to_contain_text("Jordan Ellis")
    assert_no_axe_violations(page, axe_source)

    submit(page, "Mark as done – Record the s24 notification")

    expect(page.get_by_role("alert")).to_contain_text("You marked “Record the s24 notification” as done.")
    expect(page.get_by_test_id("no-tasks")).to_have_text("You have no overdue tasks.")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="My tasks", exact=True)).to_be_visible()
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Done (1)").click()
    row = page.get_by_test_id("task")
    expect(row.get_by_role("link", name="Record the s24 notification")).to_be_visible()
    expect(row).to_contain_text("By ")
    expect(row.get_by_role("button", name="Reopen – Record the s24 notification")).to_be_visible()
    assert_no_axe_violations(page, axe_source)
