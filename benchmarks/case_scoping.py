"""How fast is organisation scoping (kcpo.access) as cases grow?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcpo_bench .venv/bin/python benchmarks/case_scoping.py --cases 40000

Creates (once) N cases across 43 forces, shares a tenth of them with a CPS area and a YOT,
then times the queries the case list page runs for a force and for the CPS area: the first
page and the count. Prints figures; asserts nothing about time.
"""

import argparse
import random
from datetime import date

from _common import timed  # first: it sets Django up
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection

from cases.models import Case, CaseGroupObjectPermission, Subject
from kcpo.accounts.models import Organisation
from kcpo.accounts.services import organisation_create

FORCES = 43


def build(n_cases: int) -> tuple[Organisation, Organisation]:
    forces = list(Organisation.objects.filter(code__startswith="bench-force-"))
    if not forces:
        forces = [
            organisation_create(
                name=f"Bench force {i}", code=f"bench-force-{i}", type="police_force", police_force_kind="territorial"
            )
            for i in range(FORCES)
        ]
    cps = Organisation.objects.filter(code="bench-cps").first() or organisation_create(
        name="Bench CPS", code="bench-cps", type="cps_area"
    )
    yot = Organisation.objects.filter(code="bench-yot").first() or organisation_create(
        name="Bench YOT", code="bench-yot", type="yot"
    )
    have = Case.objects.filter(reference__startswith="BENCH-").count()
    rng = random.Random(1)
    view = Permission.objects.get(codename="view_case")
    batch = 5000
    for start in range(have, n_cases, batch):
        size = min(batch, n_cases - start)
        subjects = Subject.objects.bulk_create(
            Subject(
                given_names="Bench",
                family_name=f"Subject {start + i}",
                date_of_birth=date(2005, 1, 1),
                owner=rng.choice(forces),
            )
            for i in range(size)
        )
        cases = Case.objects.bulk_create(
            Case(reference=f"BENCH-{start + i:08d}", subject=s, owner_id=s.owner_id) for i, s in enumerate(subjects)
        )
        grants = [
            CaseGroupObjectPermission(group_id=org.group_id, permission=view, content_object=c)
            for c in cases
            if rng.random() < 0.1
            for org in (cps, yot)
        ]
        CaseGroupObjectPermission.objects.bulk_create(grants)
        print(f"  … {start + size} cases", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return forces[0], cps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    force, cps = build(args.cases)
    print(f"{Case.objects.count()} cases, {CaseGroupObjectPermission.objects.count()} grants")
    for org in (force, cps):
        qs = Case.objects.visible_to(org).select_related("subject", "owner").order_by("-created_at", "-id")
        timed(f"{org.name}: first page of 25", lambda qs=qs: list(qs[:25]), repeat=7)
        timed(f"{org.name}: count", lambda qs=qs: qs.count(), repeat=7)


if __name__ == "__main__":
    main()
