"""Issuing and downloading documents (documents/services.py, views.py): drafts are watermarked
and not kept; an issued version never changes (a database trigger), a second issue is version 2
and version 1 still verifies; every PDF that leaves is logged as a disclosure; only the owning
force's police see any of it."""

import io
import re

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document
from documents.services import document_issue
from kcpo.access import POLICE_CASEWORK
from kcpo.audit.models import AuditEvent
from orders.court import defendant_notice_record
from orders.workflow import Route, State
from tests.access import OrganisationAccess, as_member, assert_access
from tests.documents.builders import TODAY, make_order
from tests.orders.review_builders import make_application, make_consultation


@pytest.fixture
def application(officer):
    return make_application(officer, state=State.AUTHORISED)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_issuing_stores_the_pdf_its_hash_template_version_and_sources(application, officer):
    document = document_issue(application=application, kind="appendix_a", membership=officer)

    assert (document.version, document.template_version, document.issued_by) == (1, "appendix-a/1", officer.user)
    assert document.verifies()
    assert document.sources["provisions"] == [application.provisions.get().id]
    assert "DRAFT" not in text_of(bytes(document.pdf))
    logged = AuditEvent.objects.get(operation="collect", details__document_id=document.id)
    assert logged.data_subject_id == application.case.subject_id


def test_a_second_issue_is_version_2_and_version_1_still_verifies(application, officer):
    first = document_issue(application=application, kind="appendix_a", membership=officer)
    application.provisions.update(wording="Not to enter Brixton (corrected)")

    second = document_issue(application=application, kind="appendix_a", membership=officer)

    first = Document.objects.get(pk=first.pk)
    assert (first.version, second.version) == (1, 2)
    assert first.verifies()
    assert "Brixton (corrected)" not in text_of(bytes(first.pdf))
    assert "Brixton (corrected)" in text_of(bytes(second.pdf))


def test_an_issued_document_cannot_be_changed_in_the_database(application, officer):
    document = document_issue(application=application, kind="appendix_a", membership=officer)

    with pytest.raises(DatabaseError, match="never change"), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(sha256="0" * 64)


def test_a_form_that_does_not_apply_to_the_route_is_refused(client, officer):
    s19 = make_application(officer, route=Route.S19, state=State.AUTHORISED)

    response = as_member(client, officer).post(reverse("documents:issue", args=[s19.id, "appendix_a"]))

    assert response.status_code == 404
    assert not Document.objects.exists()


def test_a_draft_is_watermarked_not_kept_and_logged_as_a_disclosure(client, application, officer):
    response = as_member(client, officer).get(reverse("documents:draft", args=[application.id, "appendix_a"]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "DRAFT" in text_of(response.content)
    assert not Document.objects.exists()
    disclosure = AuditEvent.objects.get(operation="disclose")
    assert (disclosure.recipient, disclosure.user_id) == (officer.organisation.name, officer.user_id)


def test_a_download_is_the_issued_bytes_and_logged_as_a_disclosure(client, application, officer):
    document = document_issue(application=application, kind="appendix_a", membership=officer)

    response = as_member(client, officer).get(reverse("documents:download", args=[document.id]))

    assert response.content == bytes(Document.objects.get(pk=document.pk).pdf)
    assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert AuditEvent.objects.get(operation="disclose").details == {"document_id": document.id}


def test_issuing_through_the_page(client, application, officer):
    response = as_member(client, officer).post(reverse("documents:issue", args=[application.id, "appendix_a"]))

    assert response.status_code == 302
    page = client.get(reverse("documents:index", args=[application.id])).content.decode()
    assert reverse("documents:download", args=[Document.objects.get().id]) in page


@pytest.mark.parametrize("page", ["index", "draft"])
def test_only_the_owning_forces_police_see_documents(client, application, officer, page):
    access = OrganisationAccess.around(officer.organisation)
    args = [application.id] if page == "index" else [application.id, "appendix_a"]

    assert_access(client, reverse(f"documents:{page}", args=args), access.expectations(allowed=POLICE_CASEWORK))


def test_only_the_owning_forces_police_download_or_issue(client, application, officer):
    document = document_issue(application=application, kind="appendix_a", membership=officer)
    access = OrganisationAccess.around(officer.organisation)

    assert_access(
        client, reverse("documents:download", args=[document.id]), access.expectations(allowed=POLICE_CASEWORK)
    )
    expected = access.expectations(allowed=POLICE_CASEWORK, ok=302)
    assert_access(client, reverse("documents:issue", args=[application.id, "appendix_a"]), expected, method="post")
    # Only the police of the force issued (one more version each), and nobody else.
    assert Document.objects.count() == 1 + sum(1 for status in expected.values() if status == 302)


def test_a_refused_download_is_not_logged(client, application, officer, people):
    document = document_issue(application=application, kind="appendix_a", membership=officer)

    as_member(client, people["other_force_lead"]).get(reverse("documents:download", args=[document.id]))

    assert not AuditEvent.objects.filter(operation="disclose").exists()


def test_the_documents_page_is_logged_as_a_read(client, application, officer):
    as_member(client, officer).get(reverse("documents:index", args=[application.id]))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.data_subject_id) == (str(application.id), application.case.subject_id)


def test_the_documents_page_query_count_does_not_grow_with_versions(
    client, application, officer, django_assert_max_num_queries
):
    document_issue(application=application, kind="appendix_a", membership=officer)
    client = as_member(client, officer)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("documents:index", args=[application.id]))
    for _ in range(3):
        document_issue(application=application, kind="appendix_a", membership=officer)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("documents:index", args=[application.id]))


@pytest.fixture
def s19_submitted(officer, lawyer):
    return make_application(officer, route=Route.S19, state=State.SUBMITTED_TO_CPS, cps_area=lawyer.organisation)


@pytest.mark.parametrize("page", ["index", "draft"])
def test_the_cps_area_it_was_submitted_to_sees_an_s19_applications_documents(
    client, s19_submitted, officer, lawyer, page
):
    access = OrganisationAccess.around(officer.organisation)
    args = [s19_submitted.id] if page == "index" else [s19_submitted.id, "appendix_b"]

    # The submitting force's police and the CPS lawyer of its area; every other organisation 404.
    assert_access(
        client, reverse(f"documents:{page}", args=args), {**access.expectations(allowed=POLICE_CASEWORK), lawyer: 200}
    )


def test_the_cps_lawyer_issues_and_downloads_the_notice_of_intention(client, s19_submitted, lawyer):
    client = as_member(client, lawyer)

    client.post(reverse("documents:issue", args=[s19_submitted.id, "appendix_b"]))
    document = Document.objects.get()
    response = client.get(reverse("documents:download", args=[document.id]))

    assert (document.kind, document.issued_by) == ("appendix_b", lawyer.user)
    assert response.status_code == 200
    disclosure = AuditEvent.objects.get(operation="disclose")
    assert disclosure.recipient == lawyer.organisation.name


def test_a_consulted_yot_sees_the_application_but_not_its_documents(client, s19_submitted, officer, yot_worker):
    make_consultation(s19_submitted, yot_worker.organisation, officer)

    response = as_member(client, yot_worker).get(reverse("documents:index", args=[s19_submitted.id]))

    assert response.status_code == 403


def test_the_cps_does_not_see_the_documents_of_an_application_not_submitted_to_it(client, officer, lawyer):
    draft = make_application(officer, route=Route.S19, state=State.AUTHORISED)

    assert as_member(client, lawyer).get(reverse("documents:index", args=[draft.id])).status_code == 404


def test_the_s19_forms_are_the_notice_and_the_submission(client, s19_submitted, officer):
    page = as_member(client, officer).get(reverse("documents:index", args=[s19_submitted.id])).content.decode()

    assert 'data-testid="document-appendix_b"' in page and 'data-testid="document-appendix_e"' in page
    assert 'data-testid="document-appendix_a"' not in page


@pytest.fixture
def ordered(officer):
    """An s14 application the court made an order on, with a defendant's notice served."""
    application = make_order(officer)
    defendant_notice_record(
        application=application, membership=officer, served_on=TODAY, purposes=["own_evidence"],
        evidence_relied_on="Letter from college", today=TODAY,
    )  # fmt: skip
    return application


def test_every_form_that_applies_is_offered_once_an_order_is_made(client, ordered, officer):
    page = as_member(client, officer).get(reverse("documents:index", args=[ordered.id])).content.decode()

    offered = re.findall(r'data-testid="document-(\w+)"', page)
    assert offered == ["appendix_a", "appendix_c", "appendix_d", "order", "order_easy_read", "bundle"]


@pytest.mark.parametrize("kind", ["appendix_c", "appendix_d", "order", "order_easy_read"])
def test_only_the_owning_forces_police_preview_each_form(client, ordered, officer, kind):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(
        client, reverse("documents:draft", args=[ordered.id, kind]), access.expectations(allowed=POLICE_CASEWORK)
    )
    assert AuditEvent.objects.filter(operation="disclose", details__kind=kind).count() == len(
        [role for role in access.own if role in POLICE_CASEWORK]
    )
