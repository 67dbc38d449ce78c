"""The court bundle (documents/bundles.py, tasks.py, views.py): one indexed, page-numbered PDF of
the form, the occasions, the evidence, the YOT consultation and the determination, rendered by a
Celery task after the request commits, with a progress page; requested twice it is made once;
kept like any issued document; seen only by those who see the application's documents."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from documents.bundles import STEPS, bundle_render, bundle_request
from documents.models import BundleJob, Document
from kcpo.access import POLICE_CASEWORK
from kcpo.audit.models import AuditEvent
from orders.models import EvidenceItem, HearsayItem
from orders.workflow import Route, State
from tests.access import OrganisationAccess, as_member, assert_access
from tests.factories import OrganisationFactory, make_occasion
from tests.orders.review_builders import make_application, make_consultation, under_18_on

APPLICATION_DATE = date(2023, 3, 1)  # within the Metropolitan Police pilot: the occasions count


@pytest.fixture
def application(officer):
    application = make_application(
        officer, state=State.AUTHORISED, date_of_birth=under_18_on(APPLICATION_DATE), application_date=APPLICATION_DATE
    )
    subject = application.case.subject
    make_occasion(subject, date(2022, 12, 10))
    make_occasion(subject, date(2022, 10, 3), place="school_premises")
    make_occasion(subject, date(2020, 6, 1))  # outside the relevant period
    EvidenceItem.objects.create(
        application=application, kind="lead_statement", description="Statement of PC Smith", reference="MG11/1"
    )
    HearsayItem.objects.create(
        application=application, description="Account of the second occasion", maker="Ms A Witness",
        reason_not_called="Fear of reprisal",
    )  # fmt: skip
    make_consultation(
        application,
        OrganisationFactory(yot=True, name="Lambeth Youth Offending Service"),
        officer,
        views="The YOT supports a mentoring requirement.",
        suggestions="A weekly mentoring session",
        developmental_needs="Speech and language difficulties",
        safeguarding_context="Known to children's services",
        replied_at=timezone.now(),
    )
    return application


def pages_of(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def made_bundle(application, officer, django_capture_on_commit_callbacks) -> BundleJob:
    with django_capture_on_commit_callbacks(execute=True):
        job = bundle_request(application=application, membership=officer)
    job.refresh_from_db()
    return job


def test_a_requested_bundle_is_rendered_after_commit_and_kept(application, officer, django_capture_on_commit_callbacks):
    job = made_bundle(application, officer, django_capture_on_commit_callbacks)

    assert (job.status, job.steps_done) == (BundleJob.Status.DONE, len(STEPS))
    document = job.document
    assert (document.kind, document.version, document.template_version) == ("bundle", 1, "bundle/1")
    assert document.verifies()
    assert document.issued_by == officer.user


def test_the_bundle_holds_every_section_in_order_with_page_numbers(
    application, officer, django_capture_on_commit_callbacks
):
    pages = pages_of(bytes(made_bundle(application, officer, django_capture_on_commit_callbacks).document.pdf))
    # Each section starts a page of its own, in the index's order, after the cover and index.
    sections = [
        "Appendix A – Notification of KCPO application otherwise than on conviction form",
        "Schedule of occasions",
        "Evidence list",
        "Youth offending team consultation",
        "Eligibility determination",
    ]
    starts = [next(i for i, page in enumerate(pages) if page.startswith(s)) for s in sections]
    assert pages[0].startswith("Court bundle")
    assert starts == sorted(starts) and starts[0] == 1
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_the_index_gives_the_page_each_section_starts_on(application, officer, django_capture_on_commit_callbacks):
    pages = pages_of(bytes(made_bundle(application, officer, django_capture_on_commit_callbacks).document.pdf))

    for section in ("Schedule of occasions", "Evidence list", "Eligibility determination"):
        listed = int(re.search(rf"{section}[ .]*page (\d+)", pages[0]).group(1))
        assert pages[listed - 1].startswith(section), section


def test_the_occasions_relied_on_evidence_consultation_and_determination_are_shown(
    application, officer, django_capture_on_commit_callbacks
):
    text = " ".join(pages_of(bytes(made_bundle(application, officer, django_capture_on_commit_callbacks).document.pdf)))

    assert re.search(r"10 December 2022 Public place.*? Relied on", text)
    assert re.search(r"1 June 2020 Public place.*? Not relied on", text)
    assert "Lead officer’s statement (MG11): Statement of PC Smith (MG11/1)" in text
    assert "Hearsay evidence of Ms A Witness: Account of the second occasion Fear of reprisal" in text
    assert "The YOT supports a mentoring requirement." in text and "A weekly mentoring session" in text
    # s14(1) and s14(3) are cited against their findings.
    assert re.search(r"s14\(1\) .*? Met", text) and "s14(3)" in text


def test_the_childs_developmental_needs_and_safeguarding_context_stay_out(
    application, officer, django_capture_on_commit_callbacks
):
    text = " ".join(pages_of(bytes(made_bundle(application, officer, django_capture_on_commit_callbacks).document.pdf)))

    assert "Speech and language" not in text and "children's services" not in text


def test_a_second_request_while_one_is_prepared_joins_it(application, officer):
    first = bundle_request(application=application, membership=officer)  # its task waits for the commit

    second = bundle_request(application=application, membership=officer)

    assert second.id == first.id
    assert BundleJob.objects.count() == 1


def test_rendering_a_job_twice_keeps_one_bundle(application, officer):
    job = bundle_request(application=application, membership=officer)

    bundle_render(job_id=job.id)
    bundle_render(job_id=job.id)

    assert Document.objects.filter(kind="bundle").count() == 1


def test_a_new_request_after_a_finished_one_is_version_2(application, officer, django_capture_on_commit_callbacks):
    first = made_bundle(application, officer, django_capture_on_commit_callbacks)

    second = made_bundle(application, officer, django_capture_on_commit_callbacks)

    assert (first.document.version, second.document.version) == (1, 2)
    assert Document.objects.get(pk=first.document_id).verifies()


def test_a_render_that_fails_ends_the_job_as_failed_and_keeps_nothing(
    client, application, officer, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("out of memory")

    # The edge, not our code: WeasyPrint failing to write the PDF.
    monkeypatch.setattr("weasyprint.document.Document.write_pdf", broken)
    job = made_bundle(application, officer, django_capture_on_commit_callbacks)

    assert job.status == BundleJob.Status.FAILED and job.finished_at is not None
    assert not Document.objects.exists()
    page = as_member(client, officer).get(reverse("documents:bundle", args=[job.id])).content.decode()
    assert "The bundle could not be prepared" in page
    assert 'data-module="app-job-progress"' not in page


def test_the_progress_page_of_a_waiting_bundle_updates_itself(client, application, officer):
    job = bundle_request(application=application, membership=officer)  # not run: no commit in a test

    page = as_member(client, officer).get(reverse("documents:bundle", args=[job.id])).content.decode()

    assert 'id="job-state" data-module="app-job-progress"' in page
    assert "0 of 3 stages done" in page
    assert 'aria-current="step"' in page and "Gather the records" in page
    assert "Refresh the page" in page  # for a browser without JavaScript


def test_requesting_through_the_page_shows_the_ready_bundle(
    client, application, officer, django_capture_on_commit_callbacks
):
    client = as_member(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:bundle_request", args=[application.id]))
    job = BundleJob.objects.get()

    assert response.status_code == 302 and response["Location"] == reverse("documents:bundle", args=[job.id])
    page = client.get(response["Location"]).content.decode()
    assert "Bundle ready" in page and reverse("documents:download", args=[job.document_id]) in page
    index = client.get(reverse("documents:index", args=[application.id])).content.decode()
    assert "Download the court bundle, version 1 (PDF)" in index


def test_the_request_and_the_progress_page_are_logged(client, application, officer):
    client = as_member(client, officer)
    client.post(reverse("documents:bundle_request", args=[application.id]))
    job = BundleJob.objects.get()

    client.get(reverse("documents:bundle", args=[job.id]))

    assert AuditEvent.objects.get(operation="collect", details__bundle_job_id=job.id).reason == "Court bundle requested"
    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.data_subject_id) == (str(application.id), application.case.subject_id)


def test_only_the_owning_forces_police_request_a_bundle(client, application, officer):
    access = OrganisationAccess.around(officer.organisation)

    expected = access.expectations(allowed=POLICE_CASEWORK, ok=302)
    assert_access(client, reverse("documents:bundle_request", args=[application.id]), expected, method="post")

    # Each allowed request joined the first job.
    assert BundleJob.objects.count() == 1


def test_only_the_owning_forces_police_see_the_progress_page(client, application, officer):
    job = bundle_request(application=application, membership=officer)
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, reverse("documents:bundle", args=[job.id]), access.expectations(allowed=POLICE_CASEWORK))


def test_the_progress_page_of_an_unknown_job_is_not_found(client, officer):
    assert as_member(client, officer).get(reverse("documents:bundle", args=[999999])).status_code == 404


def test_an_s19_bundle_opens_with_the_notice_of_intention_and_the_cps_may_prepare_it(
    lawyer, officer, django_capture_on_commit_callbacks
):
    s19 = make_application(officer, route=Route.S19, state=State.SUBMITTED_TO_CPS, cps_area=lawyer.organisation)

    pages = pages_of(bytes(made_bundle(s19, lawyer, django_capture_on_commit_callbacks).document.pdf))

    assert pages[1].startswith("Appendix B – Notification of KCPO application on conviction form")
    assert "s19" in " ".join(pages)
