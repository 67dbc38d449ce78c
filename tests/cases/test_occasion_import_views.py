from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.imports import _written_key
from cases.models import ImportStatus, Occasion, OccasionImport
from cases.occasion_csv import COLUMN_NAMES
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from tests.access import OrganisationAccess, assert_access, login_as
from tests.factories import MembershipFactory, SubjectFactory

LIST_URL = reverse("imports:list")
# Marks the part of the progress page that static/js/job-progress.mjs keeps up to date.
UPDATING = 'id="job-state" data-module="app-job-progress"'
HEADER = "subject_id,date,place,location,article,source"


def make_import(membership, **fields) -> OccasionImport:
    values = {"filename": "occasions.csv", "status": ImportStatus.DONE, "total_rows": 2, "processed_rows": 2}
    return OccasionImport.objects.create(
        owner=membership.organisation, created_by=membership.user, **{**values, **fields}
    )


@pytest.fixture
def subject(force):
    return SubjectFactory(owner=force, date_of_birth=date(2010, 5, 1))


@pytest.fixture
def post_file(alice_client, django_capture_on_commit_callbacks):
    """Upload through the form; the job runs after commit, in-process (Celery is eager in tests)."""

    def post(data: bytes, *, name="occasions.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            response = alice_client.post(LIST_URL, {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 302
        return alice_client.get(response["Location"])

    return post


# Permissions ------------------------------------------------------------------------------


def test_list_page_permissions_for_every_role_of_every_organisation(client, case_access):
    # The list is of the viewer's own force's imports, so another force's casework roles
    # see theirs; everyone else's role may not import at all.
    assert_access(client, LIST_URL, case_access.expectations_without_object(allowed=POLICE_CASEWORK))


def test_progress_page_permissions_for_every_role_of_every_organisation(client, force, alice):
    occasion_import = make_import(alice)
    access = OrganisationAccess.around(force)

    assert_access(
        client, reverse("imports:detail", args=[occasion_import.id]), access.expectations(allowed=POLICE_CASEWORK)
    )


def test_template_permissions(client, case_access):
    # No data in it: judged by role alone, as the list.
    assert_access(client, reverse("imports:template"), case_access.expectations_without_object(allowed=POLICE_CASEWORK))


def test_an_upload_by_a_role_that_may_not_import_is_refused(client, bob):
    login_as(client, bob)
    response = client.post(LIST_URL, {"file": SimpleUploadedFile("o.csv", HEADER.encode())})

    assert response.status_code == 403
    assert OccasionImport.objects.count() == 0


# Uploading ------------------------------------------------------------------------------


def test_the_template_is_the_header_row_only(alice_client):
    response = alice_client.get(reverse("imports:template"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="occasions-template.csv"'
    assert response.content.decode() == ",".join(COLUMN_NAMES) + "\r\n"


def test_the_upload_page_offers_a_govuk_file_upload_with_the_columns_and_the_template(alice_client):
    body = alice_client.get(LIST_URL).content.decode()

    assert 'enctype="multipart/form-data"' in body
    assert 'class="govuk-file-upload"' in body
    assert 'type="file"' in body
    assert f'href="{reverse("imports:template")}"' in body
    assert "subject_id, date, place, location, article, source" in body  # the hint names the required columns


def test_a_valid_upload_imports_and_shows_the_result(post_file, subject):
    response = post_file(f"{HEADER}\n{subject.id},10/01/2026,public_place,Brixton Road,Knife,crime_report\n".encode())

    occasion_import = OccasionImport.objects.get()
    assert response.request["PATH_INFO"] == reverse("imports:detail", args=[occasion_import.id])
    assert occasion_import.status == ImportStatus.DONE
    assert Occasion.objects.get().occurred_on == date(2026, 1, 10)
    body = response.content.decode()
    assert "1 occasion imported" in body
    assert UPDATING not in body


def test_an_invalid_upload_lists_its_problems_by_line_and_column(post_file, subject):
    data = f"{HEADER}\n{subject.id},2026-01-10,public_place,,Knife,crime_report\n999999,2026-01-10,x,A,B,other\n"

    response = post_file(data.encode())

    assert Occasion.objects.count() == 0
    rows = [(e["line"], e["column"]) for e in response.context["errors_page"]]
    assert rows == [(2, "location"), (3, "subject_id"), (3, "place")]
    body = response.content.decode()
    assert "nothing was imported" in body
    assert "No subject with this number in your force" in body
    assert '<th scope="col" class="govuk-table__header">Column</th>' in body


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (None, None, "Select a CSV file"),
        (b"", "occasions.csv", "The selected file is empty"),
        (b"subject_id\n1\n", "occasions.xlsx", "The selected file must be a CSV"),
        ("subject_id,location\n1,Caf\xe9\n".encode("latin-1"), "occasions.csv", "must be saved as UTF-8"),
    ],
    ids=["none", "empty", "not-csv", "not-utf-8"],
)
def test_a_bad_file_shows_an_error_summary_and_stores_nothing(alice_client, data, name, message):
    payload = {} if data is None else {"file": SimpleUploadedFile(name, data)}

    response = alice_client.post(LIST_URL, payload)

    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert '<a href="#id_file">' in body
    assert message in body
    assert "govuk-file-upload--error" in body
    assert OccasionImport.objects.count() == 0


# The progress page ----------------------------------------------------------------------


def test_the_progress_page_shows_rows_checked_and_keeps_itself_up_to_date(alice_client, alice):
    occasion_import = make_import(
        alice, status=ImportStatus.VALIDATING, total_rows=1200, processed_rows=500, content="x"
    )

    response = alice_client.get(reverse("imports:detail", args=[occasion_import.id]))

    body = response.content.decode()
    assert UPDATING in body
    # Not by reloading itself, which would take a screen reader back to the top (WCAG F41).
    assert 'http-equiv="refresh"' not in body
    assert f'<a class="govuk-link" href="{response.request["PATH_INFO"]}">Refresh the page</a>' in body
    assert "500 of 1,200 rows checked" in body
    assert '<progress class="app-progress" max="1200" value="500"' in body


def test_while_importing_the_page_shows_rows_written(alice_client, alice):
    occasion_import = make_import(alice, status=ImportStatus.IMPORTING, total_rows=1200, processed_rows=0)
    cache.set(_written_key(occasion_import.id), 1000)

    body = alice_client.get(reverse("imports:detail", args=[occasion_import.id])).content.decode()

    assert "1,000 of 1,200 rows imported" in body
    assert UPDATING in body


def test_a_pending_import_waits_to_start(alice_client, alice):
    occasion_import = make_import(alice, status=ImportStatus.PENDING, total_rows=0, processed_rows=0)

    body = alice_client.get(reverse("imports:detail", args=[occasion_import.id])).content.decode()

    assert "Waiting to start" in body
    assert UPDATING in body


def test_a_failed_import_says_nothing_was_imported(alice_client, alice):
    occasion_import = make_import(alice, status=ImportStatus.FAILED)

    body = alice_client.get(reverse("imports:detail", args=[occasion_import.id])).content.decode()

    assert "Something went wrong and nothing was imported" in body
    assert UPDATING not in body


def test_many_problems_are_listed_a_hundred_a_page(alice_client, alice):
    errors = [{"line": n, "column": "date", "message": "Enter the date of the occasion"} for n in range(2, 252)]
    occasion_import = make_import(alice, status=ImportStatus.INVALID, total_rows=250, errors=errors)
    url = reverse("imports:detail", args=[occasion_import.id])

    first = alice_client.get(url)
    last = alice_client.get(url, {"page": 3})

    assert [e["line"] for e in first.context["errors_page"]] == list(range(2, 102))
    assert [e["line"] for e in last.context["errors_page"]] == list(range(202, 252))
    assert b'aria-label="Pagination"' in first.content


def test_reading_the_progress_page_is_logged(alice_client, alice):
    occasion_import = make_import(alice, status=ImportStatus.INVALID, errors=[])

    alice_client.get(reverse("imports:detail", args=[occasion_import.id]))

    event = AuditEvent.objects.get()
    assert (event.user_id, event.operation, event.object_type, event.object_id, event.details) == (
        alice.user_id,
        "consult",
        "cases.occasionimport",
        str(occasion_import.id),
        {"page": "occasion import", "status": "invalid"},
    )


def test_a_running_import_is_logged_once_per_reader_and_status_however_often_it_is_polled(client, alice, force):
    occasion_import = make_import(alice, status=ImportStatus.VALIDATING, total_rows=1200, processed_rows=0)
    url = reverse("imports:detail", args=[occasion_import.id])
    other_reader = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER)
    login_as(client, alice)

    for _ in range(3):
        client.get(url)
    OccasionImport.objects.filter(id=occasion_import.id).update(status=ImportStatus.IMPORTING)
    client.get(url)
    client.get(url)
    login_as(client, other_reader)
    client.get(url)

    logged = AuditEvent.objects.order_by("id").values_list("user_id", "details__status")
    assert list(logged) == [
        (alice.user_id, "validating"),
        (alice.user_id, "importing"),
        (other_reader.user_id, "importing"),
    ]


def test_every_read_of_a_finished_import_is_logged(alice_client, alice):
    occasion_import = make_import(alice, status=ImportStatus.DONE)

    alice_client.get(reverse("imports:detail", args=[occasion_import.id]))
    alice_client.get(reverse("imports:detail", args=[occasion_import.id]))

    assert AuditEvent.objects.filter(object_id=str(occasion_import.id)).count() == 2


# The list -------------------------------------------------------------------------------


def test_the_list_shows_only_the_forces_imports(alice_client, alice, charlie):
    ours = make_import(alice, filename="ours.csv")
    make_import(charlie, filename="theirs.csv")

    response = alice_client.get(LIST_URL)

    assert list(response.context["page"]) == [ours]
    assert "theirs.csv" not in response.content.decode()


def test_the_list_is_not_logged_as_it_shows_no_data_subjects_personal_data(alice_client, alice):
    make_import(alice)

    alice_client.get(LIST_URL)

    assert not AuditEvent.objects.exists()


def test_the_list_paginates_and_its_query_count_does_not_grow(alice_client, alice, django_assert_max_num_queries):
    for _ in range(3):
        make_import(alice)
    with django_assert_max_num_queries(12) as few:
        alice_client.get(LIST_URL)
    for _ in range(27):
        make_import(alice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(LIST_URL, {"page": 2})

    assert len(response.context["page"]) == 5
    assert b'aria-label="Pagination"' in response.content
