"""How long does "who is eligible under s14 today?" take at national scale?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcpo_bench .venv/bin/python benchmarks/screening.py \
        --subjects 200000 --occasions 1000000

Generates (once per size, inside PostgreSQL with generate_series, so it takes seconds) subjects
spread over 43 forces and occasions over 2021–2025, then times the screening statement for
the largest force and for a national run over every force. Prints figures; asserts nothing.
"""

import argparse
import time
from datetime import date

from _common import insert_subjects_sql, timed  # first: it sets Django up
from django.core.management import call_command
from django.db import connection, transaction

from eligibility.models import InForcePeriod
from eligibility.screening import s14_screening
from kcpo.accounts.models import Organisation
from kcpo.accounts.services import organisation_create

FORCES = 43


def forces() -> list[Organisation]:
    existing = list(Organisation.objects.filter(code__startswith="screen-force-").order_by("id"))
    if existing:
        return existing
    created = []
    for i in range(FORCES):
        force = organisation_create(
            name=f"Screening force {i}", code=f"screen-force-{i}", type="police_force", police_force_kind="territorial"
        )
        InForcePeriod.objects.create(police_area=force.code, starts_on=date(2021, 7, 5), legal_basis="benchmark")
        created.append(force)
    return created


def generate(all_forces: list[Organisation], subjects: int, occasions: int) -> None:
    ids = [f.id for f in all_forces]
    # All or nothing: a half-generated set would be taken as complete by the next run.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_subject WHERE family_name LIKE 'Screen%%'")
        if cursor.fetchone()[0] >= subjects:
            return
        print(f"generating {subjects} subjects and {occasions} occasions …", flush=True)
        started = time.perf_counter()
        # Force sizes are skewed like real ones: the first force gets about a fifth.
        cursor.execute(
            insert_subjects_sql(
                given_names="'Bench'",
                family_name="'Screen ' || g",
                date_of_birth="date '1995-01-01' + (g %% 6000)",
                owner="CASE WHEN g %% 5 = 0 THEN %(first)s ELSE (%(ids)s::bigint[])[1 + g %% %(n)s] END",
                source="generate_series(1, %(subjects)s) AS g",
            ),
            {"first": ids[0], "ids": ids, "n": len(ids), "subjects": subjects},
        )
        cursor.execute(
            """
            WITH s AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM cases_subject
                       WHERE family_name LIKE 'Screen%%')
            INSERT INTO cases_occasion (created_at, updated_at, subject_id, occurred_on, place, place_description,
                location, article, source, source_reference, outcome, good_reason, good_reason_details, evidence)
            SELECT now(), now(), s.id, date '2021-01-01' + (hashint4(g) & 2047) %% 1800,
                   (ARRAY['public_place','public_place','school_premises','further_education_premises','other'])
                       [1 + (hashint4(g + 7) & 1023) %% 5],
                   'Bench place', 'High Street', 'Knife', 'stop_and_search', '', '',
                   CASE WHEN (hashint4(g + 13) & 1023) %% 10 = 0 THEN 'work' ELSE '' END, '', ''
            FROM generate_series(1, %(occasions)s) AS g
            JOIN s ON s.rn = 1 + (hashint4(g + 3) & 2147483647) %% %(subjects)s
            """,
            {"occasions": occasions, "subjects": subjects},
        )
        cursor.execute("ANALYZE cases_subject; ANALYZE cases_occasion;")
        print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=20_000)
    parser.add_argument("--occasions", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    all_forces = forces()
    generate(all_forces, args.subjects, args.occasions)
    today = date(2024, 6, 1)
    biggest = all_forces[0]
    page = timed(
        f"largest force ({biggest.name}), first page of 50",
        lambda: s14_screening(owner_id=biggest.id, police_area=biggest.code, today=today),
    )
    print(f"  {page.total} eligible subjects in that force")

    def national():
        return sum(s14_screening(owner_id=f.id, police_area=f.code, today=today, limit=1).total for f in all_forces)

    total = timed(f"every force in turn ({len(all_forces)} statements)", national, repeat=3)
    print(f"  {total} eligible subjects nationally")


if __name__ == "__main__":
    main()
