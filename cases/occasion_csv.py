"""The CSV file of occasions that a force uploads to import them, and its checks.

`COLUMNS` describes the file's format. `occasion_csv_read` turns the text into rows and
checks the header; `occasion_rows_check` checks every row, given the dates of birth of the
subjects the file names and `today`. Nothing here touches the database, so the rules can be
tested on their own; the per-occasion rules are `cases.validation.occasion_errors`, the same
ones the single-occasion form applies. The services that store an upload, run its job and
write its occasions are in `cases.imports`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.db import models

from cases.models import Occasion
from cases.validation import occasion_errors

MAX_ROWS = 50_000
# How often the job reports progress, and how many occasions go in one INSERT.
BATCH_SIZE = 500
# A file can have a problem in every cell; the page lists this many and counts the rest.
MAX_PROBLEMS_LISTED = 1_000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
SUBJECT_NUMBER = re.compile(r"\d+")
BIGINT_DIGITS = 18  # a longer number is no subject's, and would not fit the query


@dataclass(frozen=True)
class Column:
    name: str  # exactly as in the header row
    attribute: str  # the Occasion attribute the value fills
    required: bool
    label: str  # how messages name it
    description: str  # for the upload page

    @property
    def model_field(self) -> models.Field | None:
        """The Occasion field whose max_length and choices bound a text column."""
        return _text_field(self.attribute)

    @property
    def codes(self) -> list[str]:
        model_field = self.model_field
        return [code for code, _label in model_field.choices] if model_field and model_field.choices else []


COLUMNS = (
    Column("subject_id", "subject_id", True, "Subject number", "The subject’s number, shown on their record"),
    Column("date", "occurred_on", True, "Date", "The date of the occasion, as YYYY-MM-DD or DD/MM/YYYY"),
    Column("place", "place", True, "Place", "The kind of place"),
    Column(
        "place_description",
        "place_description",
        False,
        "Place description",
        "The name of the school or college, or what kind of place it was for ‘other’",
    ),
    Column("location", "location", True, "Location", "The street or address"),
    Column("article", "article", True, "Article", "What the bladed article was"),
    Column("source", "source", True, "Source", "Where the record comes from"),
    Column("source_reference", "source_reference", False, "Source reference", "For example, the crime number"),
    Column("outcome", "outcome", False, "Outcome", "What happened, if known"),
    Column("good_reason", "good_reason", False, "Good reason", "Leave blank if no good reason was claimed"),
    Column(
        "good_reason_details",
        "good_reason_details",
        False,
        "Good reason details",
        "What the good reason or lawful authority was; needed when one was claimed",
    ),
    Column("evidence", "evidence", False, "Evidence", "Evidence items"),
)
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}
COLUMN_NAMES = tuple(COLUMNS_BY_NAME)
REQUIRED_COLUMN_NAMES = tuple(column.name for column in COLUMNS if column.required)
# occasion_errors names Occasion attributes; the file names columns.
COLUMN_FOR_ATTRIBUTE = {column.attribute: column.name for column in COLUMNS}


@cache
def _text_field(attribute: str) -> models.Field | None:
    model_field = Occasion._meta.get_field(attribute)
    return model_field if isinstance(model_field, models.CharField | models.TextField) else None


@dataclass(frozen=True)
class Problem:
    line: int  # as in the file, the header being line 1
    column: str  # blank for the whole row or file
    message: str

    def as_json(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: Mapping[str, str]  # column name → value, stripped; "" for columns the file lacks
    shape_problem: str = ""  # the row has too few or too many values


@dataclass(frozen=True)
class CsvFile:
    columns: tuple[str, ...] = ()
    rows: tuple[CsvRow, ...] = ()
    # Problems with the file as a whole (header, size, CSV syntax): if there are any, the
    # rows are not checked, since their problems would only repeat these.
    problems: tuple[Problem, ...] = ()

    def subject_ids(self) -> set[int]:
        values = (row.values.get("subject_id", "") for row in self.rows)
        return {int(value) for value in values if _is_subject_number(value)}


@dataclass(frozen=True)
class CheckedFile:
    occasions: list[dict] = field(default_factory=list)  # Occasion keyword arguments, if every row is valid
    problems: list[Problem] = field(default_factory=list)  # at most MAX_PROBLEMS_LISTED, plus a note of the rest
    problem_count: int = 0


def occasion_csv_read(text: str, *, max_rows: int = MAX_ROWS) -> CsvFile:
    """The header and the non-blank rows of `text`, or the problems that stop it being read."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        return CsvFile(problems=(Problem(1, "", f"The header row could not be read as CSV ({error})"),))
    if header is None or not any(cell.strip() for cell in header):
        return CsvFile(problems=(Problem(1, "", "The file is empty: it needs a header row naming the columns"),))
    columns = tuple(cell.strip() for cell in header)
    problems = _header_problems(columns)
    if problems:
        return CsvFile(columns=columns, problems=tuple(problems))

    rows: list[CsvRow] = []
    while True:
        line = reader.line_num + 1  # where this row starts; a quoted value may span lines
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problem = Problem(line, "", f"This row could not be read as CSV ({error}). Check its quotation marks")
            return CsvFile(columns=columns, problems=(problem,))
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, and Excel's rows of empty cells
        if len(rows) == max_rows:
            message = f"The file has more than {max_rows:,} occasions. Split it into files of {max_rows:,} or fewer"
            return CsvFile(columns=columns, problems=(Problem(line, "", message),))
        rows.append(_row(line, columns, cells))
    if not rows:
        return CsvFile(columns=columns, problems=(Problem(1, "", "The file has no occasions below its header row"),))
    return CsvFile(columns=columns, rows=tuple(rows))


def _header_problems(columns: tuple[str, ...]) -> list[Problem]:
    if len(columns) == 1 and any(separator in columns[0] for separator in ";\t"):
        # Spreadsheets set to some European locales save "CSV" with semicolons.
        return [Problem(1, "", "Separate the columns with commas, not semicolons or tabs")]
    problems = []
    seen = set()
    for position, name in enumerate(columns, start=1):
        if not name:
            problems.append(Problem(1, "", f"Column {position} has no name in the header row"))
        elif name in seen:
            problems.append(Problem(1, name, "This column appears more than once in the header row"))
        elif name not in COLUMNS_BY_NAME:
            allowed = ", ".join(COLUMN_NAMES)
            problems.append(Problem(1, name, f"Unknown column. The columns can be: {allowed}"))
        seen.add(name)
    missing = [name for name in REQUIRED_COLUMN_NAMES if name not in seen]
    if missing:
        problems.append(Problem(1, "", f"The header row is missing these columns: {', '.join(missing)}"))
    return problems


def _row(line: int, columns: tuple[str, ...], cells: list[str]) -> CsvRow:
    if len(cells) > len(columns) and not any(cell.strip() for cell in cells[len(columns) :]):
        cells = cells[: len(columns)]  # trailing empty cells, as spreadsheets often write
    values = dict.fromkeys(COLUMN_NAMES, "") | {name: cell.strip() for name, cell in zip(columns, cells, strict=False)}
    if len(cells) != len(columns):
        shape = f"This row has {len(cells)} values but the header row has {len(columns)} columns"
        return CsvRow(line, values, shape_problem=shape)
    return CsvRow(line, values)


def occasion_rows_check(
    csv_file: CsvFile,
    *,
    dates_of_birth: Mapping[int, date],
    today: date,
    on_progress: Callable[[int], None] | None = None,
) -> CheckedFile:
    """Check every row. `dates_of_birth` holds the importing force's subjects named in the
    file (a number missing from it is not one of the force's subjects). `on_progress` is
    called with the number of rows checked every BATCH_SIZE rows."""
    if csv_file.problems:
        problems = list(csv_file.problems)
        return CheckedFile(problems=problems, problem_count=len(problems))
    position = {name: index for index, name in enumerate(csv_file.columns)}
    position |= {name: len(position) + index for index, name in enumerate(COLUMN_NAMES) if name not in position}

    occasions: list[dict] = []
    problems: list[Problem] = []
    problem_count = 0
    first_unlisted_line = 0
    for checked, row in enumerate(csv_file.rows, start=1):
        occasion, row_problems = _check_row(row, dates_of_birth=dates_of_birth, today=today)
        if row_problems:
            row_problems.sort(key=lambda problem: position.get(problem.column, -1))
            room = MAX_PROBLEMS_LISTED - len(problems)
            problems.extend(row_problems[:room])
            if len(row_problems) > room and not first_unlisted_line:
                first_unlisted_line = row.line
            problem_count += len(row_problems)
        elif not problem_count:
            occasions.append(occasion)
        if on_progress is not None and checked % BATCH_SIZE == 0:
            on_progress(checked)
    if problem_count > len(problems):
        unlisted = problem_count - len(problems)
        message = f"{unlisted:,} more problems from this line on are not listed. Correct those above and upload again"
        problems.append(Problem(first_unlisted_line, "", message))
    return CheckedFile(occasions=[] if problem_count else occasions, problems=problems, problem_count=problem_count)


def _check_row(row: CsvRow, *, dates_of_birth: Mapping[int, date], today: date) -> tuple[dict, list[Problem]]:
    if row.shape_problem:
        return {}, [Problem(row.line, "", row.shape_problem)]
    values = row.values
    found: dict[str, str] = {}  # column → message: one problem per cell, the first found

    subject_id = date_of_birth = None
    if not values["subject_id"]:
        found["subject_id"] = "Enter the subject number"
    elif not SUBJECT_NUMBER.fullmatch(values["subject_id"]):
        found["subject_id"] = "Subject number must be a whole number, like 1234"
    elif not _is_subject_number(values["subject_id"]) or int(values["subject_id"]) not in dates_of_birth:
        found["subject_id"] = "No subject with this number in your force"
    else:
        subject_id = int(values["subject_id"])
        date_of_birth = dates_of_birth[subject_id]

    occurred_on = None
    if not values["date"]:
        found["date"] = "Enter the date of the occasion"
    elif (occurred_on := _parse_date(values["date"])) is None:
        found["date"] = "Date must be a real date, as YYYY-MM-DD or DD/MM/YYYY"

    for column in COLUMNS:
        if column.model_field is not None and (message := _text_problem(column, values[column.name])):
            found[column.name] = message

    # The shared rules, given only values that passed the checks above: where the subject
    # or the date is unknown, values that pass the date rules stand in for it, so the other
    # rules are still applied (a date in the future is refused whoever the subject is).
    rule_errors = occasion_errors(
        date_of_birth=date_of_birth or date.min,
        occurred_on=occurred_on or today,
        place="" if "place" in found else values["place"],
        place_description=values["place_description"],
        good_reason="" if "good_reason" in found else values["good_reason"],
        good_reason_details=values["good_reason_details"],
        today=today,
    )
    for attribute, message in rule_errors.items():
        found.setdefault(COLUMN_FOR_ATTRIBUTE[attribute], message)

    if found:
        return {}, [Problem(row.line, column, message) for column, message in found.items()]
    occasion = {column.attribute: values[column.name] for column in COLUMNS if column.model_field is not None}
    return {**occasion, "subject_id": subject_id, "occurred_on": occurred_on}, []


def _is_subject_number(value: str) -> bool:
    return bool(SUBJECT_NUMBER.fullmatch(value)) and len(value.lstrip("0")) <= BIGINT_DIGITS


def _parse_date(value: str) -> date | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    return None


def _text_problem(column: Column, value: str) -> str:
    model_field = column.model_field
    if not value:
        return f"Enter the {column.label.lower()}" if column.required else ""
    if column.codes and value not in column.codes:
        either = "blank or " if model_field.blank else ""
        return f"{column.label} must be {either}one of: {', '.join(column.codes)}"
    if model_field.max_length and len(value) > model_field.max_length:
        return f"{column.label} must be {model_field.max_length} characters or fewer"
    return ""
