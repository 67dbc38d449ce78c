"""From a referral to a decision on a breach, in headless Chromium with axe-core, across the three
organisations that take part:

1. the police have referred R2, the mentoring requirement of a child's order, to the mentoring
   provider (through the service, provision.referrals.referral_send);
2. the provider's supervisor finds the referral in Referrals, accepts it and records first
   contact;
3. in "Requirements you supervise" the supervisor adds an appointment last week and generates
   the week's sessions, then reports that the child failed to attend both, under the warning
   not to record what was discussed;
4. the case's lead officer finds the two non-compliance tasks in My tasks (assigned to them:
   the application was started by another officer), follows one to the order, sees the
   compliance summary of R2 and records a suspected breach resting on the two reports;
5. the breach's page says the guidance's "more than trivial" test is met by the 2 missed
   sessions, with its source;
6. the lead records the decision, words of advice, with reasons;
7. the youth offending team consulted on the child's application sees both failed sessions in
   Non-compliance."""

from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from cases.models import Case
from kcpo.accounts.models import Role, User
from provision.referrals import referral_send
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, sign_in_as, submit
from tests.factories import PASSWORD, MembershipFactory, OfferFactory, OrganisationFactory
from tests.provision.supervision_builders import CHILD_BIRTH, NOW, supervised_order

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

WARNING = "Do not record what was discussed in the session: only whether the young person complied (s22(5))"
SENT_ON = date(2027, 2, 22)  # Monday of last week
FIRST_CONTACT = date(2027, 2, 24)
APPOINTMENT = date(2027, 2, 26)  # Friday of last week, outside the Wednesday schedule
TODAY = NOW.date()  # Wednesday 3 March 2027, 18:00: that day's 16:00 session has taken place


def task(day: str) -> str:
    return f"R2: Jordan Lee Ellis failed to attend the session on {day} (s22(5))"


@pytest.fixture
def frozen():
    # Ticking, so the browser's waits work.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def child(frozen, force):
    """The child's order (supervised_order), started by a police officer, whose case's lead is a
    KCPO lead; R2 referred by the lead to its provider last Monday; a YOT consulted."""
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__email="officer@example.gov.uk")
    lead = MembershipFactory(
        organisation=force, role=Role.KCPO_LEAD, user__email="lead@example.gov.uk", user__full_name="Lee Lead"
    )
    yot = OrganisationFactory(yot=True, name="Lambeth Youth Offending Service")
    MembershipFactory(organisation=yot, role=Role.YOT_WORKER, user__email="yot@example.gov.uk")
    child = supervised_order(officer, date_of_birth=CHILD_BIRTH, yot=yot)
    Case.objects.filter(pk=child.order.application.case_id).update(lead_officer=lead.user)
    User.objects.filter(pk=child.supervisor.user_id).update(email="mentor@example.gov.uk")
    offer = OfferFactory(provider=child.provider, name="Weekly mentoring")
    referral_send(
        by=lead,
        requirement=child.r2,
        offer=offer,
        contact_details="Mother, Ms Ellis: 07700 900123",
        consent_by="parent",
        consent_on=SENT_ON,
        on=SENT_ON,
    )
    return child


def test_two_missed_sessions_become_a_breach_decided_by_the_lead(page, child, axe_source):
    # 2. The supervisor takes the referral on.
    sign_in(page, "mentor@example.gov.uk", PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Referrals").click()
    expect(page.get_by_role("link", name="New (1)")).to_be_visible()
    assert_no_axe_violations(page, axe_source)
    page.get_by_test_id("referral").get_by_role("link", name="Jordan Lee Ellis").click()
    expect(page.get_by_test_id("referral-state")).to_have_text("Sent")
    expect(page.get_by_test_id("contact-details")).to_contain_text("07700 900123")
    expect(page.get_by_test_id("requirement")).to_contain_text("To attend a weekly mentoring session")
    assert_no_axe_violations(page, axe_source)

    submit(page, "Accept the referral")
    expect(page.get_by_role("alert")).to_contain_text("You have accepted the referral.")
    expect(page.get_by_test_id("referral-state")).to_have_text("Accepted")
    page.get_by_role("link", name="Record first contact").click()
    assert_no_axe_violations(page, axe_source)
    fill_date(page, "first_contact_on", FIRST_CONTACT)
    submit(page, "Record first contact")
    expect(page.get_by_test_id("referral-state")).to_have_text("First contact made")
    expect(page.get_by_test_id("referral-state-text")).to_contain_text("first made contact on 24 February 2027")
    assert_no_axe_violations(page, axe_source)

    # 3. Two sessions, both missed.
    menu.get_by_role("link", name="Requirements you supervise").click()
    row = page.get_by_test_id("requirement")
    expect(row).to_contain_text("R2: To attend a weekly mentoring session")
    row.get_by_role("link", name="Jordan Lee Ellis").click()
    expect(page.get_by_role("heading", name="Requirement R2", level=1)).to_be_visible()
    expect(page.get_by_test_id("contact-details")).to_contain_text("Mother, Ms Ellis: 07700 900123")
    expect(page.get_by_test_id("contact-details")).to_contain_text("From the police’s referral")
    expect(page.get_by_text("No sessions have taken place yet.")).to_be_visible()
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Add an appointment").click()
    expect(page.get_by_role("heading", name="Add an appointment", level=1)).to_be_visible()
    fill_date(page, "on", APPOINTMENT)
    page.get_by_label("Start time").fill("16:00")
    page.get_by_label("End time").fill("17:00")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Add the appointment")
    expect(page.get_by_role("alert")).to_contain_text("The appointment has been added.")
    past = page.get_by_test_id("past-sessions")
    expect(past).to_contain_text("Friday 26 February 2027")
    expect(past).to_contain_text("Appointment")

    page.get_by_label("Number of weeks").fill("2")
    submit(page, "Generate sessions")
    expect(page.get_by_role("alert")).to_contain_text("2 sessions added from the schedule.")
    expect(past.get_by_test_id("session")).to_have_count(2)
    expect(past).to_contain_text("Wednesday 3 March 2027")
    expect(page.get_by_test_id("upcoming-sessions")).to_contain_text("Wednesday 10 March 2027")
    assert_no_axe_violations(page, axe_source)

    for day, note in (("26 February 2027", "Did not come to the make-up session."), ("3 March 2027", "")):
        past.get_by_role("link", name=f"Report attendance on {day} at 16:00").click()
        expect(page.get_by_role("heading", name="Report attendance", level=1)).to_be_visible()
        expect(page.get_by_test_id("session-summary")).to_contain_text(day)
        expect(page.get_by_test_id("content-warning")).to_contain_text(WARNING)
        assert_no_axe_violations(page, axe_source)
        page.get_by_label("Failed to attend").check()
        if note:
            page.get_by_label("Note (optional)").fill(note)
        submit(page, "Send the report to the police")
        expect(page.get_by_role("alert")).to_contain_text(
            "Your report of the session has been recorded: Failed to attend."
        )
    expect(past.get_by_text("Failed to attend")).to_have_count(2)
    expect(past.get_by_role("link", name="Report attendance")).to_have_count(0)
    assert_no_axe_violations(page, axe_source)

    # 4. The case's lead officer: one task overdue (last week's), one due today.
    sign_in_as(page, "lead@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My tasks").click()
    expect(page.get_by_role("heading", name="My tasks", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Assigned to you (2)", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Assigned to you: overdue", level=2)).to_be_visible()
    tasks = page.get_by_test_id("task")
    expect(tasks).to_have_count(1)
    expect(tasks.get_by_role("link", name=task("26 February 2027"))).to_be_visible()
    expect(tasks).to_contain_text("5 days overdue")
    assert_no_axe_violations(page, axe_source)
    page.get_by_test_id("status-tabs").get_by_role("link", name="Due (1)", exact=True).click()
    expect(page.get_by_role("heading", name="Assigned to you: due", level=2)).to_be_visible()
    expect(tasks).to_have_count(1)
    expect(tasks).to_contain_text("Due today")
    tasks.get_by_role("link", name=task("3 March 2027")).click()

    expect(page.get_by_role("heading", name="Compliance", level=2)).to_be_visible()
    r2 = page.get_by_test_id("compliance-summary").get_by_role("row").filter(has_text="R2")
    expect(r2.get_by_role("cell")).to_have_text(
        ["R2Supervised by Lambeth Youth Mentoring", "2", "0 of 2 (0%)", "2", "0", "None yet"]
    )
    expect(page.get_by_text("No suspected breaches recorded.")).to_be_visible()
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Record a suspected breach").click()
    expect(page.get_by_role("heading", name="Record a suspected breach", level=1)).to_be_visible()
    page.get_by_label("R2", exact=True).check()
    fill_date(page, "occurred_on", TODAY)
    page.get_by_label("A supervisor’s report", exact=True).check()
    page.get_by_label("The evidence").fill(
        "Lambeth Youth Mentoring reported that he did not attend on 26 February or 3 March 2027."
    )
    page.get_by_label("R2, session of 26 February 2027 16:00: Failed to attend").check()
    page.get_by_label("R2, session of 3 March 2027 16:00: Failed to attend").check()
    assert_no_axe_violations(page, axe_source)
    submit(page, "Record the suspected breach")

    # 5. The guidance's test, met by the two missed sessions.
    expect(page.get_by_role("alert")).to_contain_text("The suspected breach has been recorded.")
    expect(page.get_by_role("heading", name="Suspected breach of R2", level=1)).to_be_visible()
    summary = page.get_by_test_id("breach-summary")
    expect(summary).to_contain_text("A supervisor’s report")
    expect(summary).to_contain_text("did not attend on 26 February or 3 March 2027")
    reports = page.get_by_test_id("breach-reports")
    expect(reports.get_by_role("row").filter(has_text="Failed to attend")).to_have_count(2)
    expect(reports).to_contain_text("26 February 2027, 16:00")
    expect(reports).to_contain_text("3 March 2027, 16:00")
    expect(reports).to_contain_text("Did not come to the make-up session.")
    triviality = page.get_by_test_id("triviality")
    expect(triviality).to_contain_text("More than trivial")
    expect(triviality).to_contain_text("The subject was under 18 on 3 March 2027.")
    expect(page.get_by_test_id("triviality-reasons")).to_have_text("Failed to attend 2 sessions of R2 (two or more).")
    expect(triviality).to_contain_text("Home Office guidance, “Breaches of KCPOs” (under 18s)")
    page.get_by_text("What the records show").click()
    expect(page.get_by_test_id("triviality-facts")).to_contain_text(
        "Sessions of R2 reported “failed to attend” up to 3 March 2027: 2"
    )
    assert_no_axe_violations(page, axe_source)

    # 6. The decision.
    page.get_by_label("Words of advice", exact=True).check()
    fill_date(page, "decided_on", TODAY)
    page.get_by_label("The reasons for the decision").fill("First breach; he has since re-engaged with his mentor.")
    submit(page, "Record the decision")
    expect(page.get_by_role("alert")).to_contain_text("The decision has been recorded: words of advice.")
    decision = page.get_by_test_id("breach-decision")
    expect(decision).to_contain_text("Words of advice, 3 March 2027, by Lee Lead")
    expect(decision).to_contain_text("First breach; he has since re-engaged with his mentor.")
    expect(page.get_by_test_id("decision-form")).to_have_count(0)
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Back to the order").click()
    expect(page.get_by_test_id("breach-history")).to_contain_text("Words of advice, 3 March 2027")

    # 7. The YOT consulted on the child's application.
    sign_in_as(page, "yot@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Non-compliance").click()
    expect(page.get_by_role("heading", name="Non-compliance", level=1)).to_be_visible()
    rows = page.get_by_test_id("non-compliance")
    expect(rows).to_have_count(2)
    for row, day in zip(rows.all(), ("3 March 2027", "26 February 2027"), strict=True):
        expect(row).to_contain_text("Jordan Lee Ellis")
        expect(row).to_contain_text("R2: To attend a weekly mentoring session")
        expect(row).to_contain_text(day)
        expect(row).to_contain_text("Failed to attend")
    expect(rows.nth(1)).to_contain_text("Did not come to the make-up session.")
    assert_no_axe_violations(page, axe_source)
