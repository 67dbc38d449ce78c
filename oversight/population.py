"""Loading a force's population estimates (oversight.models.PopulationEstimate) from a CSV of
area, ethnic_group, population — for example the Census 2021 ethnic group table of each of its
local authorities. The whole file is checked first; problems are listed by line and nothing is
changed unless every row is valid; a valid file replaces the force's estimates."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from kcpo.accounts.models import Organisation
from kcpo.areas import area_key
from oversight.models import EthnicGroup, PopulationEstimate

COLUMNS = ("area", "ethnic_group", "population")
GROUPS_BY_NAME = {label.lower(): value for value, label in EthnicGroup.choices} | {
    value.lower(): value for value in EthnicGroup.values
}


def _parse(text: str) -> list[PopulationEstimate]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(f"The header must name the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}")
    estimates, errors, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        area = area_key(row["area"] or "")
        group = GROUPS_BY_NAME.get((row["ethnic_group"] or "").strip().lower())
        population = (row["population"] or "").strip().replace(",", "")
        if not area:
            errors.append(f"Line {line}: enter the area")
        if group is None:
            errors.append(f"Line {line}: the ethnic group must be one of {', '.join(EthnicGroup.labels)}")
        if not population.isdigit():
            errors.append(f"Line {line}: the population must be a whole number")
        if area and group and (area, group) in seen:
            errors.append(f"Line {line}: {area} and {EthnicGroup(group).label} are given twice")
        seen.add((area, group))
        if area and group and population.isdigit():
            estimates.append(PopulationEstimate(area=area, ethnic_group=group, population=int(population)))
    if errors:
        raise ValidationError(errors)
    if not estimates:
        raise ValidationError("The file has no rows")
    return estimates


@transaction.atomic
def estimates_load(*, force: Organisation, text: str, source: str) -> int:
    """Replace `force`'s population estimates with those in `text` (CSV). Returns how many."""
    if force.type != Organisation.Type.POLICE_FORCE:
        raise ValidationError("Population estimates are loaded for a police force")
    if not source.strip():
        raise ValidationError("Say where the figures come from")
    estimates = _parse(text)
    for estimate in estimates:
        estimate.force, estimate.source = force, source.strip()
    PopulationEstimate.objects.filter(force=force).delete()
    PopulationEstimate.objects.bulk_create(estimates)
    return len(estimates)
