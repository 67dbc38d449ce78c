"""A KCPO lead imports occasions from a CSV file, first with a mistake and then corrected, and
finds the subject on the s14 screening page; and an import's progress page keeps itself up to
date without reloading. In headless Chromium, with axe-core on every page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.imports import occasion_import_run
from cases.models import Occasion, OccasionImport
from eligibility.models import InForcePeriod
from kcpo.accounts.models import Role
from tests.browser.helpers import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, SubjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

HEADER = "subject_id,date,place,location,article,source,source_reference"


def upload(page, filename: str, *rows: str) -> None:
    """Choose a CSV file made of `rows` under HEADER, and submit it."""
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    # GOV.UK Frontend's file upload hides the input behind a button labelled "Upload a CSV
    # file", and the button shows the chosen file's name.
    page.set_input_files(
        "input[type=file][name=file]", {"name": filename, "mimeType": "text/csv", "buffer": text.encode()}
    )
    expect(page.get_by_role("button", name="Upload a CSV file")).to_contain_text(filename)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Upload and check the file").click()


def test_a_lead_imports_occasions_and_finds_the_subject_eligible_under_s14(page, axe_source, screenshots_dir):
    force = OrganisationFactory(name="Browsershire Police", code="browsershire")
    InForcePeriod.objects.create(police_area="browsershire", starts_on=date(2023, 4, 1), legal_basis="Test")
    MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__email="lead@example.gov.uk")
    today = timezone.localdate()
    subject = SubjectFactory(
        owner=force, given_names="Riley", family_name="Okafor", date_of_birth=date(today.year - 15, 3, 14)
    )
    earlier, later = today - timedelta(days=200), today - timedelta(days=20)
    if (earlier.month, earlier.day) == (2, 29):
        earlier -= timedelta(days=1)  # keep the expected eligible-until date below simple
    # One date in each of the two formats the file may use.
    first_row = f"{subject.id},{earlier:%Y-%m-%d},public_place,Acre Lane,Kitchen knife,crime_report,CR/1"
    second_row = f"{subject.id},{later:%d/%m/%Y},public_place,Brixton Road,Lock knife,stop_and_search,SS/2"

    sign_in(page, "lead@example.gov.uk", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Import occasions").click()
    expect(page.locator("h1")).to_have_text("Import occasions from a CSV file")
    assert_no_axe_violations(page, axe_source)

    # A mistake first: the whole file is refused, and the problem named by line and column.
    upload(page, "with-a-mistake.csv", first_row, second_row.replace("public_place", "park"))
    expect(page.locator("[data-testid=import-summary]")).to_contain_text("Errors found – nothing imported")
    errors = page.locator("[data-testid=import-errors] tbody tr")
    expect(errors).to_have_count(1)
    line, column, problem = errors.locator("td").all()
    expect(line).to_have_text("3")  # the header is line 1
    expect(column).to_have_text("place")
    expect(problem).to_contain_text("Place must be one of: public_place")
    assert Occasion.objects.count() == 0
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("link", name="Upload a corrected file").click()
    upload(page, "occasions.csv", first_row, second_row)
    # Celery runs eagerly in tests, so the job has finished by the time the page loads.
    expect(page.locator("[data-testid=import-result]")).to_have_text("2 occasions imported")
    assert Occasion.objects.filter(subject=subject).count() == 2
    page.screenshot(path=screenshots_dir / "occasion-import.png", full_page=True)
    assert_no_axe_violations(page, axe_source)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Eligible under s14").click()
    expect(page.locator("[data-testid=screening-total]")).to_have_text("1 person meets the conditions today")
    eligible_until = earlier.replace(year=earlier.year + 2) - timedelta(days=1)
    expect(page.locator("[data-testid=screening-list] tbody tr td")).to_have_text(
        [
            "Riley Okafor",
            f"14 March {today.year - 15}",
            "15" if (today.month, today.day) >= (3, 14) else "14",
            "2",
            f"{eligible_until.day} {eligible_until:%B %Y}",
            "No case yet",
        ]
    )
    page.screenshot(path=screenshots_dir / "s14-screening.png", full_page=True)
    assert_no_axe_violations(page, axe_source)


def test_the_progress_page_updates_in_place_when_the_job_finishes(page, axe_source):
    force = OrganisationFactory(code="browsershire")
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__email="lead@example.gov.uk")
    today = timezone.localdate()
    subject = SubjectFactory(owner=force, date_of_birth=date(today.year - 15, 3, 14))
    rows = [
        f"{subject.id},{today - timedelta(days=days):%Y-%m-%d},public_place,Acre Lane,Knife,crime_report,CR/{days}"
        for days in (200, 20)
    ]
    # Stored but not yet run, as when the workers are busy.
    occasion_import = OccasionImport.objects.create(
        owner=force, created_by=lead.user, filename="occasions.csv", content="\r\n".join([HEADER, *rows])
    )

    sign_in(page, "lead@example.gov.uk", PASSWORD)
    page.goto(f"/occasion-imports/{occasion_import.id}/")
    expect(page.locator("[data-testid=import-progress]")).to_have_text("Waiting to start")
    # The page updates itself, so the link to refresh it is for browsers without JavaScript.
    refresh = page.locator("[data-job-refresh]")
    expect(refresh).to_have_count(1)
    expect(refresh).to_be_hidden()
    assert_no_axe_violations(page, axe_source)
    page.evaluate("window.notReloaded = true")  # a reload would forget it

    occasion_import_run(import_id=occasion_import.id, today=today)

    expect(page.locator("[data-testid=import-result]")).to_have_text("2 occasions imported")
    expect(page.get_by_role("status")).to_have_text("Status: Imported")
    assert page.evaluate("window.notReloaded") is True
    assert_no_axe_violations(page, axe_source)
