"""What the benchmarks share. Importing this sets Django up (settings from the environment,
DATABASE_URL included), so a benchmark imports it before any model."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcpo.settings.base")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()


def timed(label: str, fn, *, repeat: int = 5):
    """Run `fn` `repeat` times, print the median and the slowest, and return its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label:<60} median {statistics.median(times):9.1f} ms   max {max(times):9.1f} ms")
    return result


def insert_subjects_sql(*, given_names: str, family_name: str, date_of_birth: str, owner: str, source: str) -> str:
    """An INSERT … SELECT of subjects, one per row of `source` (a FROM clause), with these SQL
    expressions for the names, date of birth and owner, and every other column blank."""
    return f"""
        INSERT INTO cases_subject (created_at, updated_at, given_names, family_name, date_of_birth, gender,
            ethnicity, owner_id, address_line_1, address_line_2, town, postcode, police_area, local_authority,
            guardian_name, guardian_relationship, guardian_address, guardian_phone, special_educational_needs,
            looked_after_child, child_in_need, social_worker, interpreter_language, cultural_needs, search_names)
        SELECT now(), now(), {given_names}, {family_name}, {date_of_birth}, 'not_known', 'NS', {owner},
               '', '', '', '', '', '', '', '', '', '', false, false, false, '', '', '', ''
        FROM {source}
    """  # noqa: S608 - the benchmarks' own SQL; values are bound parameters
