""" "Who is eligible under s14 today?" for a whole force, in one SQL statement.

The per-subject engine (eligibility.core) and this query implement the same definitions;
`tests/eligibility/test_screening.py` proves they agree on random data. Keep them in step:

- relevant period, s14(4):  (today − 2 years) + 1 day .. today           (core.dates.relevant_period_start)
- age 12 or over, s14(1):   (dob − 1 day + 12 years) + 1 day <= today    (core.dates.birthday; the
  "− 1 day … + 1 day" makes a 29 February birthday fall on 1 March in common years, as in core)
- qualifying occasion, s14(3)-(5): place in PLACES_IN_SECTION_14_3, no good reason claimed, the
  area's ss.14-33 in force on that day                                   (core.rules.occasion_qualifies)
- eligible_until: the last order day counting the second-most-recent qualifying occasion D —
  D + 2 years − 1 day, or D + 2 years for a 29 February (the year-add clamps to 28 February) —
  capped by the end of today's in-force period                         (core.rules.eligible_until)
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection

from eligibility.core.dates import RELEVANT_PERIOD_YEARS
from eligibility.core.facts import PLACES_IN_SECTION_14_3
from eligibility.core.rules import MIN_AGE, MIN_OCCASIONS

# Only integer constants of the Act are interpolated; every input is a bound parameter.
SCREENING_SQL = f"""
WITH periods AS (
    SELECT starts_on, ends_on FROM eligibility_inforceperiod WHERE police_area = %(area)s
),
current_period AS (
    SELECT starts_on, ends_on FROM periods
    WHERE starts_on <= %(today)s AND (ends_on IS NULL OR ends_on >= %(today)s)
    ORDER BY starts_on DESC LIMIT 1
),
qualifying AS (
    SELECT o.subject_id, o.occurred_on,
           row_number() OVER (PARTITION BY o.subject_id ORDER BY o.occurred_on DESC, o.id DESC) AS recency,
           count(*) OVER (PARTITION BY o.subject_id) AS occasions
    FROM cases_occasion o
    JOIN cases_subject s ON s.id = o.subject_id
    WHERE s.owner_id = %(owner_id)s
      AND o.occurred_on BETWEEN (%(today)s::date - interval '{RELEVANT_PERIOD_YEARS} years')::date + 1 AND %(today)s
      AND o.place = ANY(%(places)s)
      AND o.good_reason = ''
      AND EXISTS (SELECT 1 FROM periods p
                  WHERE p.starts_on <= o.occurred_on AND (p.ends_on IS NULL OR o.occurred_on <= p.ends_on))
      AND (s.date_of_birth - 1 + interval '{MIN_AGE} years')::date + 1 <= %(today)s
)
SELECT q.subject_id,
       q.occasions,
       LEAST(
           CASE WHEN extract(month FROM q.occurred_on) = 2 AND extract(day FROM q.occurred_on) = 29
                THEN (q.occurred_on + interval '{RELEVANT_PERIOD_YEARS} years')::date
                ELSE (q.occurred_on + interval '{RELEVANT_PERIOD_YEARS} years')::date - 1
           END,
           cp.ends_on  -- LEAST ignores NULL: an open-ended period sets no cap
       ) AS eligible_until,
       count(*) OVER () AS total
FROM qualifying q CROSS JOIN current_period cp
WHERE q.recency = {MIN_OCCASIONS}
ORDER BY eligible_until, q.subject_id
LIMIT %(limit)s OFFSET %(offset)s
"""


@dataclass(frozen=True)
class ScreeningRow:
    subject_id: int
    qualifying_occasions: int
    eligible_until: date


@dataclass(frozen=True)
class ScreeningPage:
    rows: list[ScreeningRow]
    total: int


def s14_screening(*, owner_id: int, police_area: str, today: date, limit: int = 50, offset: int = 0) -> ScreeningPage:
    """Subjects recorded by the force who meet s14's statutory conditions today (age, two
    qualifying occasions, in force), soonest to lapse first. One statement; `total` comes
    from a window count so a page needs no second query."""
    params = {
        "area": police_area,
        "owner_id": owner_id,
        "today": today,
        "places": [place.value for place in PLACES_IN_SECTION_14_3],
        "limit": limit,
        "offset": offset,
    }
    with connection.cursor() as cursor:
        cursor.execute(SCREENING_SQL, params)
        fetched = cursor.fetchall()
    rows = [ScreeningRow(subject_id, count, until) for subject_id, count, until, _total in fetched]
    total = fetched[0][3] if fetched else 0
    return ScreeningPage(rows=rows, total=total)
