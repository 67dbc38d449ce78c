"""The CSV import of occasions: the file's checks (no database), then the services."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.imports import MAX_FILE_BYTES, occasion_import_fail, occasion_import_run, occasion_import_start
from cases.models import ImportStatus, Occasion, OccasionImport
from cases.occasion_csv import BATCH_SIZE, MAX_PROBLEMS_LISTED, occasion_csv_read, occasion_rows_check
from kcpo.audit.models import AuditEvent
from tests.factories import SubjectFactory

TODAY = date(2026, 11, 22)
DOB = date(2010, 5, 1)
HEADER = "subject_id,date,place,location,article,source"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def check(text: str, *, dates_of_birth=None, today=TODAY):
    """The problems in `text` as (line, column, message), for subject 7 born on DOB."""
    result = occasion_rows_check(
        occasion_csv_read(text), dates_of_birth={7: DOB} if dates_of_birth is None else dates_of_birth, today=today
    )
    return [(p.line, p.column, p.message) for p in result.problems]


def upload(membership, text: str | bytes, *, today=TODAY) -> OccasionImport:
    data = text.encode() if isinstance(text, str) else text
    return occasion_import_start(
        membership=membership, uploaded_file=SimpleUploadedFile("occasions.csv", data), today=today
    )


@pytest.fixture
def subject(force):
    return SubjectFactory(owner=force, date_of_birth=DOB)


@pytest.fixture
def run_import(alice, django_capture_on_commit_callbacks):
    """Upload as Alice and run the job as it runs after commit (Celery is eager in tests)."""

    def run(text: str | bytes, *, today=TODAY) -> OccasionImport:
        with django_capture_on_commit_callbacks(execute=True):
            occasion_import = upload(alice, text, today=today)
        occasion_import.refresh_from_db()
        return occasion_import

    return run


# The file's checks -----------------------------------------------------------------------


def test_a_valid_file_has_no_problems():
    text = csv_text("7,2026-01-10,public_place,Brixton Road,Lock knife,stop_and_search")

    result = occasion_rows_check(occasion_csv_read(text), dates_of_birth={7: DOB}, today=TODAY)

    assert result.problems == []
    assert result.occasions == [
        {
            "subject_id": 7,
            "occurred_on": date(2026, 1, 10),
            "place": "public_place",
            "place_description": "",
            "location": "Brixton Road",
            "article": "Lock knife",
            "source": "stop_and_search",
            "source_reference": "",
            "outcome": "",
            "good_reason": "",
            "good_reason_details": "",
            "evidence": "",
        }
    ]


@pytest.mark.parametrize("written", ["2026-01-10", "10/01/2026", "2026-1-10", "10/1/2026"])
def test_dates_may_be_year_first_or_day_first(written):
    text = csv_text(f"7,{written},public_place,Brixton Road,Lock knife,crime_report")

    result = occasion_rows_check(occasion_csv_read(text), dates_of_birth={7: DOB}, today=TODAY)

    assert result.occasions[0]["occurred_on"] == date(2026, 1, 10)


@pytest.mark.parametrize("written", ["31/02/2026", "01/13/2026", "10-01-2026", "10 January 2026", "2026/01/10"])
def test_a_date_that_is_not_real_or_in_another_format_is_refused(written):
    text = csv_text(f"7,{written},public_place,Brixton Road,Lock knife,crime_report")

    assert check(text) == [(2, "date", "Date must be a real date, as YYYY-MM-DD or DD/MM/YYYY")]


@pytest.mark.parametrize(
    ("occurred_on", "problems"),
    [
        ("2026-11-21", []),
        ("2026-11-22", []),  # today
        ("2026-11-23", [(2, "date", "The date of the occasion must be today or in the past")]),
    ],
)
def test_the_date_cannot_be_in_the_future(occurred_on, problems):
    assert check(csv_text(f"7,{occurred_on},public_place,Brixton Road,Knife,crime_report")) == problems


@pytest.mark.parametrize(
    ("occurred_on", "problems"),
    [
        ("2010-04-30", [(2, "date", "The date of the occasion must be on or after the subject’s date of birth")]),
        ("2010-05-01", []),  # the date of birth itself
        ("2010-05-02", []),
    ],
)
def test_the_date_cannot_be_before_the_subjects_date_of_birth(occurred_on, problems):
    assert check(csv_text(f"7,{occurred_on},public_place,Brixton Road,Knife,crime_report")) == problems


def test_a_claimed_good_reason_needs_details():
    header = HEADER + ",good_reason,good_reason_details"
    text = csv_text(
        "7,2026-01-10,public_place,Brixton Road,Knife,crime_report,work,",
        "7,2026-01-10,public_place,Brixton Road,Knife,crime_report,work,Chef's knife roll",
        header=header,
    )

    assert check(text) == [(2, "good_reason_details", "Describe the good reason or lawful authority claimed")]


def test_a_school_needs_its_name_even_when_the_file_has_no_such_column():
    text = csv_text("7,2026-01-10,school_premises,Acre Lane,Knife,crime_report")

    assert check(text) == [(2, "place_description", "Enter the name of the school")]


@pytest.mark.parametrize(
    ("subject_id", "message"),
    [
        ("", "Enter the subject number"),
        ("7a", "Subject number must be a whole number, like 1234"),
        ("-7", "Subject number must be a whole number, like 1234"),
        ("8", "No subject with this number in your force"),
        ("99999999999999999999999", "No subject with this number in your force"),
    ],
)
def test_the_subject_must_be_one_of_the_forces(subject_id, message):
    text = csv_text(f"{subject_id},2026-01-10,public_place,Brixton Road,Knife,crime_report")

    assert check(text) == [(2, "subject_id", message)]


def test_codes_and_lengths_are_the_models():
    header = HEADER + ",outcome,good_reason,source_reference"
    too_long = "x" * (Occasion._meta.get_field("location").max_length + 1)
    text = csv_text(f"7,2026-01-10,car_park,{too_long},Knife,tip_off,arrested,bored,{'R' * 101}", header=header)

    assert check(text) == [
        (2, "place", "Place must be one of: public_place, school_premises, further_education_premises, other"),
        (2, "location", "Location must be 300 characters or fewer"),
        (2, "source", "Source must be one of: crime_report, intelligence, stop_and_search, other"),
        (2, "outcome", "Outcome must be blank or one of: arrest, charge, conviction, no_further_action, other"),
        (
            2,
            "good_reason",
            "Good reason must be blank or one of: work, educational, religious, national_costume, lawful_authority, "
            "other",
        ),
        (2, "source_reference", "Source reference must be 100 characters or fewer"),
    ]


def test_every_problem_in_every_row_is_reported_by_line_and_column_in_the_files_column_order():
    header = "date,subject_id,place,location,article,source"
    text = csv_text(
        "2026-01-10,7,public_place,Brixton Road,Knife,crime_report",
        "2030-01-01,8,public_place,,Knife,crime_report",
        "2026-01-10,7,other,Car park,,crime_report",
        header=header,
    )

    assert check(text) == [
        (3, "date", "The date of the occasion must be today or in the past"),
        (3, "subject_id", "No subject with this number in your force"),
        (3, "location", "Enter the location"),
        (4, "article", "Enter the article"),
        (4, "place_description", "Describe the place, for example a private home or a car"),
    ]


def test_unknown_and_repeated_columns_are_problems_of_the_header():
    text = csv_text("7,2026-01-10,public_place,Brixton Road,Knife,crime_report,x,x", header=HEADER + ",Notes,source")

    assert check(text) == [
        (
            1,
            "Notes",
            "Unknown column. The columns can be: subject_id, date, place, place_description, location, article, "
            "source, source_reference, outcome, good_reason, good_reason_details, evidence",
        ),
        (1, "source", "This column appears more than once in the header row"),
    ]


def test_missing_required_columns_are_reported_once():
    text = csv_text("7,Brixton Road,Knife", header="subject_id,location,article")

    assert check(text) == [(1, "", "The header row is missing these columns: date, place, source")]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_file_separated_by_semicolons_or_tabs_is_told_to_use_commas(separator):
    text = csv_text("7;2026-01-10;public_place;Brixton Road;Knife;crime_report", header=HEADER.replace(",", separator))

    assert check(text) == [(1, "", "Separate the columns with commas, not semicolons or tabs")]


def test_column_names_are_exact():
    text = csv_text("7,2026-01-10,public_place,Brixton Road,Knife,crime_report", header=HEADER.replace("date", "Date"))

    assert [problem[:2] for problem in check(text)] == [(1, "Date"), (1, "")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty: it needs a header row naming the columns"),
        ("\r\n\r\n", "The file is empty: it needs a header row naming the columns"),
        (HEADER + "\r\n\r\n", "The file has no occasions below its header row"),
    ],
)
def test_a_file_without_occasions_is_refused(text, message):
    assert check(text) == [(1, "", message)]


def test_line_numbers_are_the_files_even_with_blank_lines_and_values_over_several_lines():
    header = HEADER + ",evidence"
    text = csv_text(
        '7,2026-01-10,public_place,Brixton Road,Knife,crime_report,"Knife\nCCTV\nStatement"',
        "",
        ",,,,,,",  # a spreadsheet's empty row
        "7,2026-01-10,public_place,,Knife,crime_report,",
        header=header,
    )

    assert check(text) == [(7, "location", "Enter the location")]


def test_a_row_with_the_wrong_number_of_values_is_a_problem_but_trailing_empty_cells_are_not():
    text = csv_text(
        "7,2026-01-10,public_place,Brixton Road,Knife,crime_report,,",
        "7,2026-01-10,public_place,Brixton Road,Knife",
        "7,2026-01-10,public_place,Brixton Road,Knife,crime_report,extra",
    )

    assert check(text) == [
        (3, "", "This row has 5 values but the header row has 6 columns"),
        (4, "", "This row has 7 values but the header row has 6 columns"),
    ]


def test_a_byte_order_mark_is_not_part_of_the_first_column_name():
    assert check("\ufeff" + csv_text("7,2026-01-10,public_place,Brixton Road,Knife,crime_report")) == []


def test_a_file_with_too_many_rows_is_refused_at_the_first_row_too_many():
    text = csv_text(*["7,2026-01-10,public_place,Brixton Road,Knife,crime_report"] * 4)

    csv_file = occasion_csv_read(text, max_rows=3)

    assert [(p.line, p.message) for p in csv_file.problems] == [
        (5, "The file has more than 3 occasions. Split it into files of 3 or fewer")
    ]


def test_progress_is_reported_every_batch_of_rows():
    text = csv_text(*["7,2026-01-10,public_place,Brixton Road,Knife,crime_report"] * (2 * BATCH_SIZE + 1))
    reported = []

    occasion_rows_check(occasion_csv_read(text), dates_of_birth={7: DOB}, today=TODAY, on_progress=reported.append)

    assert reported == [BATCH_SIZE, 2 * BATCH_SIZE]


def test_problems_past_the_listing_limit_are_counted_from_the_line_they_start():
    text = csv_text(*["8,2026-01-10,public_place,,Knife,crime_report"] * (MAX_PROBLEMS_LISTED // 2 + 10))

    result = occasion_rows_check(occasion_csv_read(text), dates_of_birth={7: DOB}, today=TODAY)

    assert result.problem_count == 2 * (MAX_PROBLEMS_LISTED // 2 + 10)
    assert len(result.problems) == MAX_PROBLEMS_LISTED + 1
    first_unlisted_line = MAX_PROBLEMS_LISTED // 2 + 2  # two problems a row; the header is line 1
    assert result.problems[-1].as_json() == {
        "line": first_unlisted_line,
        "column": "",
        "message": "20 more problems from this line on are not listed. Correct those above and upload again",
    }


# The services ----------------------------------------------------------------------------


def test_a_valid_file_imports_every_row(run_import, subject, force):
    other = SubjectFactory(owner=force, date_of_birth=DOB)
    header = HEADER + ",place_description,source_reference,outcome,good_reason,good_reason_details,evidence"
    text = csv_text(
        f"{subject.id},2026-01-10,public_place,Brixton Road,Lock knife,stop_and_search,,,arrest,,,",
        f"{subject.id},03/02/2026,school_premises,Acre Lane,Kitchen knife,crime_report,Lambeth Academy,CR/1/26,,,,",
        f'{other.id},2026-03-04,other,Coldharbour Lane,Machete,intelligence,A car,,,work,Gardener,"Photo\nStatement"',
        header=header,
    )

    occasion_import = run_import(text)

    assert (occasion_import.status, occasion_import.imported_count) == (ImportStatus.DONE, 3)
    assert (occasion_import.total_rows, occasion_import.processed_rows, occasion_import.errors) == (3, 3, [])
    assert occasion_import.finished_at is not None
    assert list(
        Occasion.objects.order_by("occurred_on").values_list(
            "subject_id", "occurred_on", "place", "place_description", "source_reference", "outcome", "good_reason"
        )
    ) == [
        (subject.id, date(2026, 1, 10), "public_place", "", "", "arrest", ""),
        (subject.id, date(2026, 2, 3), "school_premises", "Lambeth Academy", "CR/1/26", "", ""),
        (other.id, date(2026, 3, 4), "other", "A car", "", "", "work"),
    ]
    assert Occasion.objects.get(subject=other).evidence == "Photo\nStatement"


def test_the_files_text_is_cleared_when_the_import_ends(run_import, subject):
    done = run_import(csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,crime_report"))
    invalid = run_import(csv_text(f"{subject.id},2026-01-10,public_place,,Knife,crime_report"))

    assert (done.status, done.content) == (ImportStatus.DONE, "")
    assert (invalid.status, invalid.content) == (ImportStatus.INVALID, "")


def test_one_bad_row_writes_nothing_and_names_its_line_and_column(run_import, subject):
    text = csv_text(
        f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,crime_report",
        f"{subject.id},2026-01-11,public_place,Brixton Road,Knife,crime_report",
        f"{subject.id},2026-01-12,public_place,Brixton Road,Knife,burglary",
    )

    occasion_import = run_import(text)

    assert occasion_import.status == ImportStatus.INVALID
    assert occasion_import.errors == [
        {
            "line": 4,
            "column": "source",
            "message": "Source must be one of: crime_report, intelligence, stop_and_search, other",
        }
    ]
    assert (occasion_import.total_rows, occasion_import.processed_rows, occasion_import.imported_count) == (3, 3, 0)
    assert Occasion.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_subject_of_another_force_is_not_found(run_import, subject, other_force):
    theirs = SubjectFactory(owner=other_force, date_of_birth=DOB)

    occasion_import = run_import(csv_text(f"{theirs.id},2026-01-10,public_place,Brixton Road,Knife,crime_report"))

    assert occasion_import.errors == [
        {"line": 2, "column": "subject_id", "message": "No subject with this number in your force"}
    ]
    assert Occasion.objects.count() == 0


def test_the_date_rules_use_the_subjects_date_of_birth_and_the_upload_date(run_import, subject):
    text = csv_text(
        f"{subject.id},2010-04-30,public_place,Brixton Road,Knife,crime_report",
        f"{subject.id},2026-11-23,public_place,Brixton Road,Knife,crime_report",
    )

    occasion_import = run_import(text, today=TODAY)

    assert [(e["line"], e["column"]) for e in occasion_import.errors] == [(2, "date"), (3, "date")]


def test_a_file_with_a_byte_order_mark_imports(run_import, subject):
    text = csv_text(f"{subject.id},10/01/2026,public_place,Brixton Road,Knife,crime_report")

    occasion_import = run_import("\ufeff".encode() + text.encode())

    assert (occasion_import.status, occasion_import.imported_count) == (ImportStatus.DONE, 1)


def test_a_file_larger_than_one_batch_is_written_whole(run_import, subject):
    rows = [f"{subject.id},2026-01-10,public_place,Brixton Road {n},Knife,crime_report" for n in range(BATCH_SIZE + 7)]

    occasion_import = run_import(csv_text(*rows))

    assert (occasion_import.status, occasion_import.imported_count) == (ImportStatus.DONE, BATCH_SIZE + 7)
    assert Occasion.objects.filter(subject=subject).count() == BATCH_SIZE + 7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("subject_id,location\n1,Caf\xe9".encode("latin-1"), "The selected file must be saved as UTF-8"),
        ("subject_id\n1".encode("utf-16"), "The selected file must be saved as UTF-8"),
        (b"subject_id\x00,date\n", "The selected file must be a CSV file"),
    ],
    ids=["latin-1", "utf-16", "nul"],
)
def test_a_file_that_is_not_utf_8_text_is_refused(alice, data, message):
    with pytest.raises(ValidationError) as error:
        upload(alice, data)

    assert error.value.message_dict["file"][0].startswith(message)
    assert OccasionImport.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(alice):
    with pytest.raises(ValidationError) as error:
        upload(alice, b"x" * (MAX_FILE_BYTES + 1))

    assert error.value.message_dict == {"file": ["The selected file must be smaller than 5 MB"]}
    assert OccasionImport.objects.count() == 0


def test_a_file_of_exactly_the_size_limit_is_stored(alice):
    occasion_import = upload(alice, b"x" * MAX_FILE_BYTES)

    assert len(OccasionImport.objects.get(id=occasion_import.id).content) == MAX_FILE_BYTES


def test_only_police_casework_roles_can_import(bob, subject):
    with pytest.raises(PermissionDenied):
        upload(bob, csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,crime_report"))
    assert OccasionImport.objects.count() == 0


def test_the_job_is_queued_only_after_commit(alice, subject, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        occasion_import = upload(alice, csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,other"))

    occasion_import.refresh_from_db()
    assert (len(callbacks), occasion_import.status, occasion_import.owner_id) == (
        1,
        ImportStatus.PENDING,
        alice.organisation_id,
    )


def test_the_import_is_audited_once_as_a_whole_and_once_per_subject(run_import, alice, subject, force):
    other = SubjectFactory(owner=force, date_of_birth=DOB)
    text = csv_text(
        f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,crime_report",
        f"{other.id},2026-01-11,public_place,Brixton Road,Knife,crime_report",
        f"{subject.id},2026-01-12,public_place,Brixton Road,Knife,crime_report",
    )

    occasion_import = run_import(text)

    def occasion_ids(of):
        return list(Occasion.objects.filter(subject=of).order_by("id").values_list("id", flat=True))

    events = AuditEvent.objects.all()
    assert {(e.operation, e.object_type, e.object_id) for e in events} == {("collect", "cases.occasion", "")}
    assert {(e.user_id, e.organisation_id, e.role) for e in events} == {(alice.user_id, force.id, "kcpo_lead")}
    assert {e.data_subject_id: e.details for e in events} == {
        None: {"import_id": occasion_import.id, "count": 3},
        subject.id: {"import_id": occasion_import.id, "count": 2, "occasion_ids": occasion_ids(subject)},
        other.id: {"import_id": occasion_import.id, "count": 1, "occasion_ids": occasion_ids(other)},
    }
    assert events.count() == 3


def test_rerunning_a_finished_import_changes_nothing(run_import, subject):
    occasion_import = run_import(csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,crime_report"))
    before = (Occasion.objects.count(), AuditEvent.objects.count(), occasion_import.updated_at)

    again = occasion_import_run(import_id=occasion_import.id, today=TODAY)

    assert (Occasion.objects.count(), AuditEvent.objects.count(), again.updated_at) == before
    assert (again.status, again.imported_count) == (ImportStatus.DONE, 1)


def test_rerunning_an_invalid_import_changes_nothing(run_import, subject):
    occasion_import = run_import(csv_text(f"{subject.id},2026-01-10,public_place,,Knife,crime_report"))

    again = occasion_import_run(import_id=occasion_import.id, today=TODAY)

    assert (again.status, again.errors, again.updated_at) == (
        ImportStatus.INVALID,
        occasion_import.errors,
        occasion_import.updated_at,
    )


def test_a_job_redelivered_while_checking_starts_again_and_imports_once(alice, subject):
    occasion_import = upload(alice, csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,other"))
    OccasionImport.objects.filter(id=occasion_import.id).update(status=ImportStatus.VALIDATING, processed_rows=1)

    first = occasion_import_run(import_id=occasion_import.id, today=TODAY)
    second = occasion_import_run(import_id=occasion_import.id, today=TODAY)

    assert (first.status, second.status, Occasion.objects.count()) == (ImportStatus.DONE, ImportStatus.DONE, 1)


def test_a_failed_job_is_ended_and_its_file_dropped(alice, subject):
    occasion_import = upload(alice, csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,other"))

    assert occasion_import_fail(import_id=occasion_import.id) is True

    occasion_import.refresh_from_db()
    assert (occasion_import.status, occasion_import.content) == (ImportStatus.FAILED, "")
    assert occasion_import.finished_at is not None


def test_a_finished_job_cannot_be_failed(run_import, subject):
    occasion_import = run_import(csv_text(f"{subject.id},2026-01-10,public_place,Brixton Road,Knife,crime_report"))

    assert occasion_import_fail(import_id=occasion_import.id) is False
    occasion_import.refresh_from_db()
    assert occasion_import.status == ImportStatus.DONE


@pytest.mark.parametrize("valid", [True, False], ids=["valid", "invalid"])
def test_the_query_count_does_not_grow_with_rows(alice, force, valid):
    subjects = SubjectFactory.create_batch(30, owner=force, date_of_birth=DOB)
    location = "Brixton Road" if valid else ""

    def queries_to_run(count: int) -> int:
        rows = [f"{s.id},2026-01-10,public_place,{location},Knife,crime_report" for s in subjects[:count]]
        occasion_import = upload(alice, csv_text(*rows))
        with CaptureQueriesContext(connection) as context:
            occasion_import_run(import_id=occasion_import.id, today=TODAY)
        assert OccasionImport.objects.get(id=occasion_import.id).status == (
            ImportStatus.DONE if valid else ImportStatus.INVALID
        )
        subject_queries = [q for q in context.captured_queries if 'FROM "cases_subject"' in q["sql"]]
        assert len(subject_queries) == 1  # the whole file's subjects at once
        return len(context.captured_queries)

    assert queries_to_run(3) == queries_to_run(30)
