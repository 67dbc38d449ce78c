"""Consistency and timeliness (DESIGN §6): medians over the full orders made in the period,
by group — how long the orders are and how many conditions they carry, by age and by borough;
how long it took from identifying the subject to the order, and how much notice the defendant
had — so that areas and ages can be compared.

Each table is one query returning a row of facts per order (a force makes thousands of orders
a year at most), and the medians are taken here. A group with fewer than SMALLEST_GROUP orders
is shown without its medians: too few to compare, and a median of one or two is a person's
own figure."""

from dataclasses import dataclass
from statistics import median

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate

from eligibility.core import RecipientKind
from eligibility.core.provisions import ProvisionKind
from eligibility.core.rules import ADULT_AGE
from eligibility.sql import age_sql
from kcpo.areas import area_key
from orders.workflow import Route
from oversight.selectors import NOT_RECORDED, Scope, full_orders

SMALLEST_GROUP = 5


@dataclass(frozen=True)
class MeasureRow:
    label: str
    orders: int
    medians: tuple[float | None, ...]  # None: too few orders, or nothing to measure


@dataclass(frozen=True)
class MeasureTable:
    """Medians of `measures` per group of orders (a row), with how many orders each has."""

    key: str
    title: str
    description: str
    row_heading: str
    measures: tuple[str, ...]
    rows: tuple[MeasureRow, ...]
    kind: str = "measures"


def _median(values: list) -> float | None:
    present = [v for v in values if v is not None]
    return median(present) if present else None


def _rows(groups: dict[str, list[tuple]], labels: list[str], width: int) -> tuple[MeasureRow, ...]:
    """A row per label of `labels` from `groups` ({label: [`width` facts per order]}), with the
    median of each fact, or none for a group smaller than SMALLEST_GROUP."""
    rows = []
    for label in labels:
        facts = groups.get(label, [])
        if len(facts) < SMALLEST_GROUP:
            medians = (None,) * width
        else:
            medians = tuple(_median(list(column)) for column in zip(*facts, strict=True))
        rows.append(MeasureRow(label, len(facts), medians))
    return tuple(rows)


def _provision_count(kind: str) -> Count:
    """The order's provisions of `kind` as the court made them (not a variation's versions)."""
    return Count("provisions", filter=Q(provisions__kind=kind, provisions__added_by__isnull=True), distinct=True)


def consistency(scope: Scope) -> MeasureTable:
    """Median duration and numbers of prohibitions and requirements, for children and adults on
    the day the order was made, and by borough."""
    orders = (
        full_orders(scope)
        .annotate(
            age=age_sql("subject__date_of_birth", "made_on"),
            prohibitions=_provision_count(ProvisionKind.PROHIBITION),
            requirements=_provision_count(ProvisionKind.REQUIREMENT),
        )
        .values_list("age", "subject__local_authority", "duration_months", "prohibitions", "requirements")
    )
    groups: dict[str, list[tuple]] = {}
    boroughs: dict[str, str] = {}
    for age, borough, *facts in orders:
        groups.setdefault("Under 18" if age < ADULT_AGE else "18 and over", []).append(tuple(facts))
        key = area_key(borough)
        boroughs.setdefault(key, " ".join(borough.split()) or NOT_RECORDED)
        groups.setdefault(boroughs[key], []).append(tuple(facts))
    labels = (
        ["Under 18", "18 and over"]
        + sorted(v for k, v in boroughs.items() if k)
        + ([NOT_RECORDED] if "" in boroughs else [])
    )
    return MeasureTable(
        key="consistency",
        title="Length and conditions of orders",
        description="Medians over the full orders made in the period, for children and adults on the day "
        "the order was made and for each borough.",
        row_heading="Group",
        measures=("Duration (months)", "Prohibitions", "Requirements"),
        rows=_rows(groups, labels, width=3),
    )


def timeliness(scope: Scope) -> MeasureTable:
    """Median days from the case being opened (the subject identified) to the order, from the
    application to the order, and the notice the defendant had: from the first document served
    on them to the day the order was made. By route."""
    orders = (
        full_orders(scope)
        .annotate(
            identified_on=TruncDate("application__case__created_at"),
            first_served_on=Min(
                "application__service_records__served_on",
                filter=Q(application__service_records__recipient=RecipientKind.DEFENDANT),
            ),
        )
        .values_list(
            "application__route", "made_on", "identified_on", "application__application_date", "first_served_on"
        )
    )
    groups: dict[str, list[tuple]] = {}
    labels = dict(Route.choices)
    for route, made_on, identified_on, applied_on, served_on in orders:
        facts = (
            (made_on - identified_on).days,
            (made_on - applied_on).days,
            (made_on - served_on).days if served_on else None,
        )
        groups.setdefault(labels[route], []).append(facts)
    return MeasureTable(
        key="timeliness",
        title="Time to an order",
        description="Medians in days over the full orders made in the period: from opening the case to the "
        "order, from the application to the order, and the notice the defendant had (from the first document "
        "served on them to the order).",
        row_heading="Route",
        measures=("Case opened to order", "Application to order", "Notice to the defendant"),
        rows=_rows(groups, list(labels.values()), width=3),
    )
