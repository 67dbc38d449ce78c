"""Small counts suppressed in the CSV downloads (oversight/exports.py): 1 to 4 shown as [c],
and whatever would give one of them away by subtraction too."""

import csv
import io

import pytest

from oversight.exports import hidden_cells, suppressed_rows, table_csv
from oversight.selectors import Row, Table


def table(*rows, columns=("A", "B")) -> Table:
    return Table(
        key="t",
        title="T",
        description="",
        row_heading="Kind",
        columns=tuple(columns),
        rows=tuple(Row(f"r{i}", tuple(counts)) for i, counts in enumerate(rows)),
    )


@pytest.mark.parametrize(("n", "hidden"), [(0, False), (1, True), (4, True), (5, False)])
def test_a_count_from_1_to_4_is_suppressed_and_0_and_5_are_not(n, hidden):
    t = table([n], [10], [20], columns=("A",))

    assert ((0, 0) in hidden_cells(t)) is hidden


def test_a_lone_suppressed_count_in_a_column_takes_the_next_smallest_with_it():
    t = table([3], [10], [20], columns=("A",))

    assert hidden_cells(t) == {(0, 0), (1, 0)}


def test_a_lone_suppressed_count_in_a_row_takes_the_next_smallest_with_it():
    t = table([2, 30, 7, 0], [10, 40, 9, 0], columns=("A", "B", "C", "D"))

    hidden = hidden_cells(t)

    assert {(0, 0), (0, 2)} <= hidden  # row 0: 2, then the smallest non-zero other, 7
    assert (0, 3) not in hidden  # a zero is never hidden


def test_totals_are_suppressed_when_anything_they_add_up_is():
    rows = suppressed_rows(table([3, 20], [10, 40]))

    assert rows[0] == ["Kind", "A", "B", "Total"]
    # 3; then 20 (its row) and 10 (its column); then 40, alone in its column with 20.
    assert rows[1] == ["r0", "[c]", "[c]", "[c]"]
    assert rows[2] == ["r1", "[c]", "[c]", "[c]"]
    assert rows[3] == ["Total", "[c]", "[c]", "[c]"]


def test_totals_are_suppressed_only_where_they_add_up_something_suppressed():
    rows = suppressed_rows(table([3, 20, 30], [10, 40, 50], [0, 60, 70], columns=("A", "B", "C")))

    assert rows[3] == ["r2", "0", "60", "70", "130"]


def test_a_table_without_small_counts_is_written_in_full():
    rows = suppressed_rows(table([5, 20], [10, 0]))

    assert rows[1:] == [["r0", "5", "20", "25"], ["r1", "10", "0", "10"], ["Total", "15", "20", "35"]]


def test_the_csv_is_readable_as_csv():
    written = table_csv(table([5, 20], [10, 0]))

    assert list(csv.reader(io.StringIO(written)))[0] == ["Kind", "A", "B", "Total"]
    assert written.endswith("\r\n")
