"""Disproportionality (DESIGN §6): full orders made in the period per 10,000 people of each
ethnic group, against the population estimates the force has loaded (oversight.population), and
each group's rate relative to the White group's — the measure the pilot's critics asked for.

The population is that of the borough chosen, or of every area the force has loaded. A rate is
shown only for a group with at least SMALLEST_GROUP orders (a rate of one or two orders is a
person's), and only where a population is loaded. Two queries: the orders by group, the
population by group."""

from django.db.models import Count, Sum
from django.db.models.functions import Substr

from kcpo.areas import area_key
from oversight.measures import SMALLEST_GROUP, MeasureRow, MeasureTable
from oversight.models import EthnicGroup, PopulationEstimate
from oversight.selectors import Scope, full_orders

PER = 10_000
NOT_STATED = "Not stated"


def _rate(orders: int, population: int | None) -> float | None:
    if population is None or population == 0 or orders < SMALLEST_GROUP:
        return None
    return round(PER * orders / population, 2)


def disproportionality(scope: Scope) -> MeasureTable:
    orders = {
        row["group"]: row["n"]
        for row in full_orders(scope)
        .annotate(group=Substr("subject__ethnicity", 1, 1))
        .values("group")
        .annotate(n=Count("id"))
    }
    estimates = PopulationEstimate.objects.filter(force_id=scope.owner_id)
    if scope.area.strip():
        estimates = estimates.filter(area=area_key(scope.area))
    population = {
        row["ethnic_group"]: row["people"]
        for row in estimates.values("ethnic_group").annotate(people=Sum("population"))
    }
    rates = {group: _rate(orders.get(group, 0), population.get(group)) for group in EthnicGroup.values}
    white = rates[EthnicGroup.WHITE]
    rows = [
        MeasureRow(
            label,
            orders.get(group, 0),
            (
                population.get(group),
                rates[group],
                round(rates[group] / white, 2) if rates[group] is not None and white else None,
            ),
        )
        for group, label in EthnicGroup.choices
    ]
    rows.append(MeasureRow(NOT_STATED, orders.get("N", 0), (None, None, None)))
    return MeasureTable(
        key="disproportionality",
        title="Orders by ethnic group against the population",
        description=(
            "Full orders made in the period per 10,000 people of each ethnic group, and each group’s rate "
            "relative to the White group’s (1 is the same rate). The population is from the estimates your "
            "force has loaded"
            + (f" for {scope.area.strip()}." if scope.area.strip() else " for all its areas.")
            + ("" if population else " None are loaded yet: ask an administrator to load them.")
        ),
        row_heading="Ethnic group",
        measures=("Population", f"Orders per {PER:,}", "Relative to White"),
        rows=tuple(rows),
    )
