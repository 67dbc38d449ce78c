"""The application journeys of DESIGN §3 worked in headless Chromium by the people who do
them, each through the real pages, with axe-core on the pages they pass:

1. s14 with notice for a 15-year-old: the officer drafts, the authorising officer approves,
   the YOT worker replies (s15(5)), the complaint is laid, the summons and application are
   served, the hearing is listed and the order granted with a reworded prohibition.
2. s19 for an adult: the officer drafts, the CPS lawyer returns it with a comment on one
   condition, the officer amends it, the CPS accepts, the notice is served and the order is
   made at sentencing.
3. s14 without notice (s16): an interim order under s17, which may impose prohibitions only
   (s17(4)-(5)): a requirement ticked by mistake is refused with the section, then the
   interim order is recorded with the prohibition alone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Conviction
from eligibility.core.dates import add_years
from eligibility.core.order_dates import review_window
from kcpo.accounts.models import Role
from orders.models import Application, Order, Provision, ProvisionComment
from orders.workflow import Route, State
from tests.browser.helpers import assert_no_axe_violations, fill_date, sign_in, sign_in_as, submit
from tests.factories import PASSWORD, CaseFactory, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def met():
    """The Metropolitan Police with an officer and an authorising officer, a court and a YOT."""
    force = OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")
    MembershipFactory(
        organisation=force,
        role=Role.POLICE_OFFICER,
        user__email="officer@example.gov.uk",
        user__full_name="Olu Officer",
    )
    MembershipFactory(organisation=force, role=Role.AUTHORISING_OFFICER, user__email="inspector@example.gov.uk")
    OrganisationFactory(court=True, name=COURT)
    return force


COURT = "Highbury Corner Magistrates’ Court"


def open_application(page, application_id: int) -> None:
    page.goto(f"/applications/{application_id}/")


def list_hearing_today(page, kind: str, axe_source: str | None = None) -> None:
    """From the application page, list a hearing of `kind` (its label) at the court today."""
    page.get_by_role("link", name="List a hearing").click()
    page.get_by_label("Court").select_option(label=COURT)
    fill_date(page, "date", timezone.localdate())
    page.get_by_label(kind).check()
    if axe_source:
        assert_no_axe_violations(page, axe_source)
    submit(page, "List the hearing")


def record_order_made(page, reference: str, months: int) -> None:
    """On the outcome page: the court made the order as proposed (wording already filled), made
    today; one lasting beyond a year sets its review hearing on the first day s26(4) allows."""
    page.get_by_label("Order made").check()
    page.get_by_label("The court’s reference for the order").fill(reference)
    page.get_by_label("How many months does the order last?").fill(str(months))
    if months > 12:
        fill_date(page, "review_on", review_window(timezone.localdate())[0])
    submit(page, "Record the outcome")


def draft_with_notice(page, case, axe_source) -> Application:
    """The officer drafts an s14 application with notice with one prohibition."""
    page.goto(f"/cases/{case.id}/")
    page.get_by_role("link", name="Start an application").click()
    page.get_by_label("Section 14, with notice").check()
    submit(page, "Start the application")
    page.get_by_label("To protect the public in England and Wales").check()
    page.get_by_label("The argument for the grounds").fill("Two occasions with a knife near schools in six months.")
    page.get_by_label("How many months should the order last?").fill("12")
    submit(page, "Save the details")
    page.get_by_role("link", name="Add a requirement or prohibition").click()
    page.get_by_label("Prohibition", exact=True).check()
    page.get_by_label("Type of provision").select_option("not_to_attend_location")
    page.get_by_label("Exact wording").fill("Not to enter the area of Brixton marked on the attached map")
    page.locator("#id_purposes_0").check()
    page.get_by_label("Why is it necessary?").fill("Both occasions were in this area")
    page.get_by_label("Evidence for it").fill("MG11 of PC Smith")
    submit(page, "Add it")
    page.get_by_role("link", name="Check your answers").click()
    assert_no_axe_violations(page, axe_source)
    submit(page, "Send for authorisation")
    return Application.objects.get(case=case)


def test_s14_with_notice_for_a_15_year_old_from_draft_to_order(page, axe_source, met):
    today = timezone.localdate()
    youth_offending_team = OrganisationFactory(yot=True, name="Lambeth Youth Offending Team")
    MembershipFactory(organisation=youth_offending_team, role=Role.YOT_WORKER, user__email="yot@example.gov.uk")
    case = CaseFactory(
        owner=met,
        subject__given_names="Jordan",
        subject__family_name="Ellis",
        subject__date_of_birth=add_years(today, -15),
    )

    sign_in(page, "officer@example.gov.uk", PASSWORD)
    application = draft_with_notice(page, case, axe_source)
    expect(page.get_by_test_id("application-state")).to_have_text("Waiting for authorisation")

    # The authorising officer of the force approves it (s15(1)).
    sign_in_as(page, "inspector@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    assert_no_axe_violations(page, axe_source)
    submit(page, "Authorise the application")
    expect(page.get_by_test_id("application-state")).to_have_text("Authorised")

    # Under 18 on the application date: the complaint cannot be laid before the YOT is consulted.
    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    submit(page, "Record that the complaint was laid")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The youth offending team must be consulted first")
    page.get_by_role("link", name="Consult a youth offending team").click()
    page.get_by_label("Youth offending team", exact=True).select_option(label="Lambeth Youth Offending Team")
    fill_date(page, "reply_due_on", today + timedelta(days=10))
    page.get_by_label("Reason for the application").fill("Two occasions with a knife near schools.")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Send to the youth offending team")

    # The YOT worker sees the consultation and replies.
    sign_in_as(page, "yot@example.gov.uk", PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Consultations").first.click()
    page.get_by_role("link", name="Jordan Ellis").click()
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("The youth offending team’s views on the application").fill(
        "We support the order; a mentoring requirement would help."
    )
    submit(page, "Send the reply")

    # The officer lays the complaint, lists the hearing, records service, then the grant.
    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    submit(page, "Record that the complaint was laid")
    expect(page.get_by_test_id("application-state")).to_have_text("Application made to the court")

    list_hearing_today(page, "Application hearing (on notice)", axe_source)
    # Nothing served yet for a hearing today: the application and case pages warn.
    expect(page.get_by_test_id("service-warnings")).to_be_visible()
    page.goto(f"/cases/{case.id}/")
    expect(page.get_by_test_id("case-service-warnings")).to_be_visible()

    for document in ("Summons", "Application (Appendix A)"):
        open_application(page, application.id)
        page.get_by_role("link", name="Record service").click()
        page.get_by_label(document, exact=True).check()
        page.get_by_label("Defendant", exact=True).check()
        page.get_by_label("Their name").fill("Jordan Ellis")
        page.get_by_label("In person").check()
        fill_date(page, "served_on", today - timedelta(days=21))
        page.get_by_label("Who served it?").fill("PC 123 Smith")
        assert_no_axe_violations(page, axe_source)
        submit(page, "Record service")
    expect(page.get_by_test_id("service-records")).to_contain_text("Application (Appendix A)")
    expect(page.get_by_test_id("service-checks")).to_contain_text("s")

    page.get_by_role("link", name="Record the outcome").click()
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("P1 as made").fill("Not to enter the area of Brixton bounded in red on map KCPO-1")
    record_order_made(page, "KCPO/2026/017", 12)

    expect(page.get_by_test_id("application-state")).to_have_text("Order made")
    order = Order.objects.get()
    expect(page.get_by_test_id(f"order-{order.id}")).to_contain_text("bounded in red on map KCPO-1")
    assert (order.kind, order.duration_months, order.court_reference) == ("full", 12, "KCPO/2026/017")
    assert_no_axe_violations(page, axe_source)


def test_s14_without_notice_leads_to_an_interim_order_with_prohibitions_only(page, axe_source, met):
    case = CaseFactory(owner=met, subject__given_names="Riley", subject__family_name="Khan")

    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/cases/{case.id}/")
    page.get_by_role("link", name="Start an application").click()
    page.get_by_label("Section 14, without notice").check()
    submit(page, "Start the application")
    page.get_by_label("To protect particular members of the public").check()
    page.get_by_label("To prevent the defendant from committing an offence").check()
    page.get_by_label("The argument for the grounds").fill("Threatened retaliation with a machete this weekend.")
    page.get_by_label("How many months should the order last?").fill("12")
    page.get_by_label("Why must the application be made without notice?").fill(
        "Credible intelligence of planned retaliation this weekend; notice would tip him off."
    )
    submit(page, "Save the details")
    application = Application.objects.get(case=case)
    # The drafting pages are exercised in test_drafting_journey; here the two conditions are set.
    for number, kind, category, wording, purpose in (
        (
            1,
            "prohibition",
            "non_association",
            "Not to contact Sam Jones directly or indirectly",
            "protect_particular_persons",
        ),
        (2, "requirement", "youth_mentoring", "To attend weekly mentoring with Street Doctors", "prevent_offence"),
    ):
        Provision.objects.create(
            application=application,
            number=number,
            kind=kind,
            category=category,
            wording=wording,
            purposes=[purpose],
            rationale="Sam Jones was threatened; peer influence",
            evidence="MG11 of Sam Jones; referral",
            supervisor_name="Alex Mentor, Street Doctors" if kind == "requirement" else "",
            suitability_evidence="Letter of 1 November" if kind == "requirement" else "",
        )
    page.reload()
    page.get_by_role("link", name="Check your answers").click()
    submit(page, "Send for authorisation")

    sign_in_as(page, "inspector@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    submit(page, "Authorise the application")

    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    submit(page, "Record that the complaint was laid")
    list_hearing_today(page, "Without-notice hearing (s16, s17)")

    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Interim order without notice (s17)").check()
    page.get_by_label("The court’s reference for the order").fill("INT/2026/004")
    # The requirement starts unticked (s17(5)); tick it by mistake.
    page.get_by_label("R2: To attend weekly mentoring with Street Doctors").check()
    submit(page, "Record the outcome")
    expect(page.locator(".govuk-error-summary")).to_contain_text("s17(4)-(5)")
    assert_no_axe_violations(page, axe_source)
    assert not Order.objects.exists()

    page.get_by_label("R2: To attend weekly mentoring with Street Doctors").uncheck()
    submit(page, "Record the outcome")

    expect(page.get_by_test_id("application-state")).to_have_text("Interim order made")
    order = Order.objects.get()
    assert (order.kind, [p.label for p in order.provisions.all()]) == ("interim_s17", ["P1"])
    expect(page.get_by_test_id(f"order-{order.id}")).to_contain_text("Interim order without notice (s17)")
    expect(page.get_by_test_id(f"order-{order.id}")).not_to_contain_text("mentoring")
    assert Application.objects.get(pk=application.pk).route == Route.S14_WITHOUT_NOTICE
    assert Application.objects.get(pk=application.pk).state == State.INTERIM_ORDER


def test_s19_for_an_adult_returned_by_the_cps_amended_accepted_and_made_at_sentencing(page, axe_source, met):
    today = timezone.localdate()
    cps = OrganisationFactory(cps=True, name="CPS London South")
    MembershipFactory(organisation=cps, role=Role.CPS_LAWYER, user__email="lawyer@example.gov.uk")
    case = CaseFactory(owner=met, subject__given_names="Marcus", subject__family_name="Reid")
    Conviction.objects.create(
        subject=case.subject,
        offence="Having a bladed article in a public place",
        offence_date=today - timedelta(days=60),
        charged_on=today - timedelta(days=59),
        bladed_article_had=True,
    )

    # The officer drafts the submission, naming the offence it follows.
    sign_in(page, "officer@example.gov.uk", PASSWORD)
    page.goto(f"/cases/{case.id}/")
    page.get_by_role("link", name="Start an application").click()
    page.get_by_label("On conviction (s19)").check()
    submit(page, "Start the application")
    page.get_by_label("To protect the public in England and Wales").check()
    page.get_by_label("The argument for the grounds").fill("Carried a knife to a town centre twice in a year.")
    page.get_by_label("How many months should the order last?").fill("18")
    page.get_by_label("Having a bladed article in a public place").check()
    submit(page, "Save the details")
    for wording in ("Not to enter Croydon town centre marked on the map", "Not to carry any bladed article"):
        page.get_by_role("link", name="Add a requirement or prohibition").click()
        page.get_by_label("Prohibition", exact=True).check()
        page.get_by_label("Exact wording").fill(wording)
        page.locator("#id_purposes_0").check()
        page.get_by_label("Why is it necessary?").fill("Both occasions were in Croydon")
        page.get_by_label("Evidence for it").fill("MG11 of PC Smith; PNC print")
        submit(page, "Add it")
    page.get_by_role("link", name="Check your answers").click()
    expect(page.get_by_test_id("application-answers")).to_contain_text("Having a bladed article in a public place")
    submit(page, "Send for authorisation")
    application = Application.objects.get(case=case)

    sign_in_as(page, "inspector@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    submit(page, "Authorise the application")

    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    page.get_by_label("CPS area to submit to").select_option(label="CPS London South")
    submit(page, "Submit to the CPS")
    expect(page.get_by_test_id("application-state")).to_have_text("With the CPS")

    # The CPS lawyer comments on P2, which only restates the law, and returns it.
    sign_in_as(page, "lawyer@example.gov.uk", PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="CPS submissions").first.click()
    page.get_by_role("link", name="Marcus Reid").click()
    assert_no_axe_violations(page, axe_source)
    page.get_by_label("Your comment on P2").fill("This restates the law: say which articles, or drop it.")
    submit(page, "Save comment on P2")
    page.get_by_label("Why are you returning it?").fill("See the comment on P2.")
    submit(page, "Return to the police")
    assert ProvisionComment.objects.get().provision_label == "P2"

    # The officer amends P2 and resubmits.
    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    expect(page.get_by_test_id("application-state")).to_have_text("Returned by the CPS")
    page.goto(f"/applications/{application.id}/edit/")
    page.get_by_role("link", name="Change P2").click()
    page.get_by_label("Exact wording").fill("Not to carry any knife, machete or other bladed article in public")
    submit(page, "Save P2")
    open_application(page, application.id)
    submit(page, "Resubmit to the CPS")

    # The CPS sees what changed and accepts.
    sign_in_as(page, "lawyer@example.gov.uk", PASSWORD)
    page.goto(f"/applications/{application.id}/cps-review/")
    expect(page.locator("#changes")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Not to carry any knife, machete or other bladed article in public")
    assert_no_axe_violations(page, axe_source)
    submit(page, "Accept")

    # The lawyer records serving the notice of intention on the court officer before sentencing.
    open_application(page, application.id)
    page.get_by_role("link", name="Record service").click()
    page.get_by_label("Notice of intention to apply on conviction (Appendix B)").check()
    page.get_by_label("Court officer").check()
    page.get_by_label("Their name").fill("Listing officer, Croydon Crown Court")
    page.get_by_label("By email").check()
    fill_date(page, "served_on", today - timedelta(days=7))
    page.get_by_label("Who served it?").fill("Lee Lawyer, CPS London South")
    submit(page, "Record service")
    expect(page.get_by_test_id("service-records")).to_contain_text("Notice of intention")

    # Convicted; at sentencing the court makes the order.
    sign_in_as(page, "officer@example.gov.uk", PASSWORD)
    open_application(page, application.id)
    list_hearing_today(page, "Sentencing (s19)")
    page.get_by_role("link", name="Record the outcome").click()
    expect(page.locator("body")).not_to_contain_text("Interim order")
    record_order_made(page, "T20267788", 18)

    expect(page.get_by_test_id("application-state")).to_have_text("Order made")
    order = Order.objects.get()
    assert (order.kind, order.duration_months, order.provisions.count()) == ("full", 18, 2)
    assert "machete" in order.provisions.get(number=2).wording
