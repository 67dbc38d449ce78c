"""Tables as CSV for publication, with small counts suppressed (DESIGN §6: "small counts
suppressed in exports"), since a count of one or two orders in a borough, an age band or an
ethnic group can identify a child.

Primary suppression: a count from 1 to SMALLEST_SHOWN - 1 is written SUPPRESSED. Secondary
suppression, so that no suppressed count can be worked out by subtraction: a total is
suppressed if anything it adds up is; and in any row or column with exactly one suppressed
count, the smallest other non-zero count is suppressed too. Zeros are shown: they disclose
nobody."""

import csv
import io

from oversight.measures import MeasureTable
from oversight.selectors import Table

SMALLEST_SHOWN = 5
SUPPRESSED = "[c]"  # as the Office for National Statistics marks a confidential figure


def _small(n: int) -> bool:
    return 0 < n < SMALLEST_SHOWN


def _suppress_one_more(cells: list[tuple[int, int]], counts, hidden: set) -> bool:
    """If exactly one of `cells` is hidden, hide the smallest other non-zero one. True if it did."""
    if sum(cell in hidden for cell in cells) != 1:
        return False
    others = [cell for cell in cells if cell not in hidden and counts[cell[0]][cell[1]] > 0]
    if not others:
        return False
    hidden.add(min(others, key=lambda cell: counts[cell[0]][cell[1]]))
    return True


def hidden_cells(table: Table) -> set[tuple[int, int]]:
    """The (row, column) positions of `table`'s counts to suppress, primary and secondary."""
    counts = [row.counts for row in table.rows]
    hidden = {(r, c) for r, row in enumerate(counts) for c, n in enumerate(row) if _small(n)}
    rows, columns = range(len(counts)), range(len(table.columns))
    changed = True
    while changed:  # each pass can only add cells, so this ends
        changed = False
        for r in rows:
            changed |= _suppress_one_more([(r, c) for c in columns], counts, hidden)
        for c in columns:
            changed |= _suppress_one_more([(r, c) for r in rows], counts, hidden)
    return hidden


def suppressed_rows(table: Table) -> list[list[str]]:
    """The CSV's rows: a header, a row per category with its total, and the totals row."""
    hidden = hidden_cells(table)
    columns = range(len(table.columns))

    def shown(n: int, parts: list[tuple[int, int]]) -> str:
        return SUPPRESSED if _small(n) or any(part in hidden for part in parts) else str(n)

    lines = [[table.row_heading, *table.columns, "Total"]]
    for r, row in enumerate(table.rows):
        cells = [SUPPRESSED if (r, c) in hidden else str(n) for c, n in enumerate(row.counts)]
        lines.append([row.label, *cells, shown(row.total, [(r, c) for c in columns])])
    everything = [(r, c) for r in range(len(table.rows)) for c in columns]
    totals = [shown(n, [(r, c) for r in range(len(table.rows))]) for c, n in enumerate(table.column_totals)]
    lines.append(["Total", *totals, shown(table.total, everything)])
    return lines


def _number(value: float) -> str:
    """12 for 12 or 12.0, 8.5 for 8.5: never an exponent."""
    return str(int(value)) if float(value).is_integer() else str(value)


def measure_rows(table: MeasureTable) -> list[list[str]]:
    """A table of medians: a header and a row per group, without the groups' sizes (which,
    beside the counts of the other tables, could reveal a small group), and a group too small
    to compare (oversight.measures.SMALLEST_GROUP) shown SUPPRESSED."""
    lines = [[table.row_heading, *table.measures]]
    for row in table.rows:
        lines.append([row.label, *(SUPPRESSED if m is None else _number(m) for m in row.medians)])
    return lines


def table_csv(table: Table | MeasureTable) -> str:
    rows = measure_rows(table) if isinstance(table, MeasureTable) else suppressed_rows(table)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
