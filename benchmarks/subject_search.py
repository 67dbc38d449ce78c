"""How long do "find a person" and the likely-duplicate check take at national scale?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcpo_bench .venv/bin/python benchmarks/subject_search.py \
        --subjects 200000

Generates (once per size, inside PostgreSQL) people with realistic names and aliases in one
large force, then times the searches an officer makes, and prints whether PostgreSQL used the
trigram indexes. Prints figures; asserts nothing.
"""

import argparse
import time
from datetime import date

from _common import insert_subjects_sql, timed  # first: it sets Django up
from django.core.management import call_command
from django.db import connection, transaction

from cases.selectors import subject_likely_duplicates, subject_search
from kcpo.accounts.models import Membership, Organisation, Role
from kcpo.accounts.services import membership_create, organisation_create, user_create

GIVEN = "Jordan Kieran Tyrese Liam Marcus Aaron Jayden Kai Tyler Reece Daniel Mohammed Ali Omar Jamal Leon Ryan Callum "
GIVEN += "Ethan Noah Amir Hassan Kwame Kofi Dylan Connor Harvey Lewis Mason Riley Zain Idris Malik Jaden Elijah"
FAMILY = "Smith Jones Williams Brown Taylor Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker "
FAMILY += (
    "White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris "
)
FAMILY += "Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett "
FAMILY += "Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards "
FAMILY += "Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray "
FAMILY += "Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Okafor"


def force_and_lead() -> Membership:
    force = Organisation.objects.filter(code="search-bench-force").first() or organisation_create(
        name="Search benchmark force", code="search-bench-force", type="police_force", police_force_kind="territorial"
    )
    membership = Membership.objects.filter(organisation=force).first()
    if membership is None:
        user = user_create(email="search-bench@example.gov.uk", full_name="Bench Lead", password=None)
        membership = membership_create(user=user, organisation=force, role=Role.KCPO_LEAD)
    return membership


def generate(force: Organisation, subjects: int) -> None:
    # All or nothing: a half-generated set would be taken as complete by the next run.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_subject WHERE owner_id = %s", [force.id])
        if cursor.fetchone()[0] >= subjects:
            return
        print(f"generating {subjects} people with aliases …", flush=True)
        started = time.perf_counter()
        cursor.execute(
            insert_subjects_sql(
                given_names="(%(given)s::text[])[1 + (hashint4(g) & 1023) %% cardinality(%(given)s::text[])]",
                family_name="(%(family)s::text[])[1 + (hashint4(g + 1) & 1023) %% cardinality(%(family)s::text[])]",
                date_of_birth="date '1995-01-01' + (hashint4(g + 2) & 8191) %% 8000",
                owner="%(owner)s",
                source="generate_series(1, %(subjects)s) AS g",
            ),
            {"given": GIVEN.split(), "family": FAMILY.split(), "owner": force.id, "subjects": subjects},
        )
        cursor.execute(
            """
            INSERT INTO cases_subjectalias (created_at, updated_at, subject_id, name)
            SELECT now(), now(), id, 'Blade ' || id FROM cases_subject WHERE owner_id = %s AND id %% 3 = 0
            """,
            [force.id],
        )
        # What cases.models.searchable_names gives: the full name, then every alias.
        cursor.execute(
            """
            UPDATE cases_subject s SET search_names = s.given_names || ' ' || s.family_name
                || coalesce((SELECT ' ' || string_agg(a.name, ' ') FROM cases_subjectalias a
                             WHERE a.subject_id = s.id), '')
            WHERE s.owner_id = %s
            """,
            [force.id],
        )
        cursor.execute("ANALYZE cases_subject; ANALYZE cases_subjectalias;")
        print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)


def uses_trigram_index(queryset) -> bool:
    plan = queryset.explain()
    return "_trgm" in plan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=20_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    lead = force_and_lead()
    generate(lead.organisation, args.subjects)

    def first_page(**search):
        return list(subject_search(membership=lead, **search)[:25])

    found = timed("search 'okafor' (family name), first page", lambda: first_page(name="okafor"))
    used = uses_trigram_index(subject_search(membership=lead, name="okafor"))
    print(f"  {len(found)} shown; trigram index used: {used}")
    timed("search 'jordan ellis' (two words), first page", lambda: first_page(name="jordan ellis"))
    timed("search an alias 'blade 3'", lambda: first_page(name="blade 3"))
    timed("search by date of birth only", lambda: first_page(date_of_birth=date(2005, 6, 1)))
    timed(
        "likely duplicates for Jordon Elis, 14/03/2005",
        lambda: list(
            subject_likely_duplicates(
                owner=lead.organisation, given_names="Jordon", family_name="Elis", date_of_birth=date(2005, 3, 14)
            )
        ),
    )


if __name__ == "__main__":
    main()
