"""The statistics page's tables (DESIGN §6): the questions of the Metropolitan Police's answer to
a freedom of information request about the pilot (reference/seeds/000_…) — orders made, who
they were made against, applications through the CPS and the courts, the reasons for refusals,
positive requirements, breaches and their outcomes — for one force, a date range and,
optionally, one borough.

Each table is one aggregate query, so the page costs the same however many orders there are.
Every row of a table's choices is listed, zeros included, so that tables from different ranges
line up. A table holds counts only: nothing here names or identifies a person.

The borough is the subject's local authority as recorded now (cases.Subject.local_authority),
not at the time of the order; the age is the subject's age on the day the order was made."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from breaches.models import CHARGES, Breach, BreachDecision, CourtOutcome
from cases.choices import Ethnicity, Gender, OccasionSource
from cases.models import Occasion
from eligibility.core.provisions import ProvisionKind
from eligibility.sql import age_sql, relevant_period_start_sql
from kcpo.areas import area_key
from kcpo.clock import local_datetime
from orders.models import (
    PROVISION_CATEGORY_CHOICES,
    ApplicationEvent,
    Hearing,
    HearingOutcome,
    Order,
    OrderKind,
    OrderProvision,
    RefusalReason,
)
from orders.workflow import Route
from provision.models import REQUIREMENT_CATEGORIES

CATEGORY_LABELS = dict(PROVISION_CATEGORY_CHOICES)
NOT_RECORDED = "Not recorded"
# Age bands at the order (an order can be made from 12, s14(1) and s19(1)); a child's bands
# split at 15 and 18 as youth justice statistics do.
AGE_BANDS = (
    (12, 14, "12 to 14"),
    (15, 17, "15 to 17"),
    (18, 20, "18 to 20"),
    (21, 24, "21 to 24"),
    (25, None, "25 and over"),
)
# The steps of an application the FOI request asks about, as the transitions that make them
# (orders.workflow): to the CPS, by the CPS to court, and laid before the court by the police.
APPLICATION_STEPS = (
    ("submit_to_cps", "Submitted to the CPS (s19)"),
    ("cps_accept", "Accepted by the CPS to take to court (s19)"),
    ("cps_return", "Returned by the CPS with comments (s19)"),
    ("cps_decline", "Declined by the CPS (s19)"),
    ("lay_complaint", "Complaint laid before a magistrates’ court (s14)"),
)
NOT_DECIDED = "Not decided yet"
AWAITING_OUTCOME = "Awaiting the court’s outcome"


@dataclass(frozen=True)
class Scope:
    """Which records the tables count: the force's, with the relevant date from `date_from` to
    `date_to` (both included), of subjects in `area` (a local authority, any case) if given."""

    owner_id: int
    date_from: date
    date_to: date
    area: str = ""

    def subjects(self, path: str) -> Q:
        """The area filter, for the subject at `path` (e.g. "subject", "order__subject")."""
        if not self.area.strip():
            return Q()
        return Q(**{f"{path}__local_authority__iexact": area_key(self.area)})


@dataclass(frozen=True)
class Row:
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Table:
    """One table of counts: a row per category, a column per `columns`, and a total of each."""

    key: str
    title: str
    description: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    kind: str = "counts"

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(row.counts[i] for row in self.rows) for i in range(len(self.columns)))

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def _table(key, title, description, row_heading, columns, rows: Iterable[tuple[str, Iterable[int]]]) -> Table:
    return Table(
        key=key,
        title=title,
        description=description,
        row_heading=row_heading,
        columns=tuple(columns),
        rows=tuple(Row(label, tuple(counts)) for label, counts in rows),
    )


def _one_column(key, title, description, row_heading, column, labels: Iterable[tuple[str, str]], counts) -> Table:
    """A table of one column: a row per (value, label) of `labels`, counted from `counts`."""
    return _table(key, title, description, row_heading, [column], [(label, [counts[value]]) for value, label in labels])


# --- orders made ------------------------------------------------------------------------------


def _orders_made(scope: Scope) -> QuerySet[Order]:
    return Order.objects.filter(
        scope.subjects("subject"), owner_id=scope.owner_id, made_on__range=(scope.date_from, scope.date_to)
    )


def orders_made(scope: Scope) -> Table:
    """Orders made in the range by route (s14 with or without notice, s19) and kind."""
    counts = Counter(
        {
            (row["application__route"], row["kind"]): row["n"]
            for row in _orders_made(scope).values("application__route", "kind").annotate(n=Count("id"))
        }
    )
    return _table(
        "orders-made",
        "Orders made",
        "Knife crime prevention orders made by the courts in the period, by how they were applied for.",
        "Route",
        OrderKind.labels,
        [(route.label, [counts[(route.value, kind)] for kind in OrderKind.values]) for route in Route],
    )


def full_orders(scope: Scope) -> QuerySet[Order]:
    return _orders_made(scope).filter(kind=OrderKind.FULL)


def _grouped(queryset: QuerySet, field: str) -> Counter:
    return Counter({row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("id"))})


def orders_by_gender(scope: Scope) -> Table:
    counts = _grouped(full_orders(scope), "subject__gender")
    return _one_column(
        "gender", "Orders made by gender", "Full orders made in the period.", "Gender", "Orders", Gender.choices, counts
    )


def age_band(age: int) -> str:
    """The band of AGE_BANDS an age at the order falls in ("Under 12" cannot arise in law)."""
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return "Under 12"


def orders_by_age(scope: Scope) -> Table:
    """By the subject's age on the day the order was made (eligibility.sql.age_sql)."""
    counts = Counter()
    for row in (
        full_orders(scope)
        .annotate(age=age_sql("subject__date_of_birth", "made_on"))
        .values("age")
        .annotate(n=Count("id"))
    ):
        counts[age_band(row["age"])] += row["n"]
    labels = [(label, label) for _low, _high, label in AGE_BANDS]
    return _one_column(
        "age",
        "Orders made by age at the order",
        "Full orders made in the period, by the subject’s age on the day.",
        "Age",
        "Orders",
        labels,
        counts,
    )


def orders_by_ethnicity(scope: Scope) -> Table:
    counts = _grouped(full_orders(scope), "subject__ethnicity")
    return _one_column(
        "ethnicity",
        "Orders made by ethnicity",
        "Full orders made in the period, by the subject’s self-defined ethnicity (18+1 categories).",
        "Ethnicity",
        "Orders",
        Ethnicity.choices,
        counts,
    )


def orders_by_borough(scope: Scope) -> Table:
    """By the subject's local authority as recorded, spelled as most often recorded; the
    boroughs with orders only, then those not recorded."""
    counts: Counter = Counter()
    spelled: dict[str, str] = {}
    for row in _grouped(full_orders(scope), "subject__local_authority").most_common():
        value, n = row
        key = area_key(value)
        counts[key] += n
        spelled.setdefault(key, " ".join(value.split()) or NOT_RECORDED)
    boroughs = sorted((k for k in counts if k), key=lambda k: spelled[k])
    labels = [(k, spelled[k]) for k in boroughs] + [("", NOT_RECORDED)]
    return _one_column(
        "borough",
        "Orders made by borough",
        "Full orders made in the period, by the subject’s local authority as recorded now.",
        "Borough",
        "Orders",
        labels,
        counts,
    )


BASES = (
    ("s19", "On conviction (s19)"),
    ("intelligence", "s14: an occasion known from intelligence"),
    ("other", "s14: occasions from crime reports, stop and search or other sources only"),
)


def orders_by_basis(scope: Scope) -> Table:
    """What the full orders rest on: a conviction (s19), or for s14 the occasions recorded
    against the subject in the relevant period ending with the day the order was made
    (s14(4)), split by whether any of them is known from intelligence only (the pilot was
    asked how many orders rested on intelligence). A description of what is recorded, not the
    court's reasons."""
    from_intelligence = Occasion.objects.filter(
        subject_id=OuterRef("subject_id"),
        source=OccasionSource.INTELLIGENCE,
        occurred_on__gte=OuterRef("period_start"),
        occurred_on__lte=OuterRef("made_on"),
    )
    rows = (
        full_orders(scope)
        .annotate(period_start=relevant_period_start_sql("made_on"), intelligence=Exists(from_intelligence))
        .values("application__route", "intelligence")
        .annotate(n=Count("id"))
    )
    counts: Counter = Counter()
    for row in rows:
        if row["application__route"] == Route.S19:
            counts["s19"] += row["n"]
        else:
            counts["intelligence" if row["intelligence"] else "other"] += row["n"]
    return _one_column(
        "basis",
        "What the orders rest on",
        "Full orders made in the period: on conviction, or for section 14 by the sources of the "
        "occasions recorded in the two years ending with the day the order was made.",
        "Basis",
        "Orders",
        BASES,
        counts,
    )


# --- applications, hearings and refusals -----------------------------------------------------


def application_steps(scope: Scope) -> Table:
    """Applications that took each step in the period (each counted once per step)."""
    # The period's days in Europe/London as a range of instants, which the events' index on
    # (transition, occurred_at) serves (a __date lookup wraps the column and cannot use it).
    starts, ends = local_datetime(scope.date_from), local_datetime(scope.date_to + timedelta(days=1))
    events = ApplicationEvent.objects.filter(
        scope.subjects("application__case__subject"),
        application__owner_id=scope.owner_id,
        occurred_at__gte=starts,
        occurred_at__lt=ends,
        transition__in=[name for name, _label in APPLICATION_STEPS],
    )
    counts = Counter(
        {
            row["transition"]: row["n"]
            for row in events.values("transition").annotate(n=Count("application_id", distinct=True))
        }
    )
    return _one_column(
        "applications",
        "Applications to the CPS and the courts",
        "Applications that took each step in the period. The CPS, not the police, applies to the court "
        "for an order on conviction (s19).",
        "Step",
        "Applications",
        APPLICATION_STEPS,
        counts,
    )


def _decided_hearings(scope: Scope) -> QuerySet[Hearing]:
    return Hearing.objects.filter(
        scope.subjects("application__case__subject"),
        application__owner_id=scope.owner_id,
        date__range=(scope.date_from, scope.date_to),
        outcome__in=[HearingOutcome.GRANTED, HearingOutcome.REFUSED],
    )


def hearing_outcomes(scope: Scope) -> Table:
    """Full orders granted and applications refused at hearings in the period, by route."""
    counts = Counter(
        {
            (row["application__route"], row["outcome"]): row["n"]
            for row in _decided_hearings(scope).values("application__route", "outcome").annotate(n=Count("id"))
        }
    )
    outcomes = (HearingOutcome.GRANTED, HearingOutcome.REFUSED)
    return _table(
        "hearing-outcomes",
        "Orders granted and refused",
        "Hearings in the period at which the court made a full order or refused to.",
        "Route",
        [HearingOutcome(o).label for o in outcomes],
        [(route.label, [counts[(route.value, o)] for o in outcomes]) for route in Route],
    )


def refusal_reasons(scope: Scope) -> Table:
    counts = _grouped(_decided_hearings(scope).filter(outcome=HearingOutcome.REFUSED), "refusal_reason")
    return _one_column(
        "refusal-reasons",
        "Reasons for refusals",
        "Why the court refused, from the maintained list (the first four are the pilot’s themes).",
        "Reason",
        "Refusals",
        RefusalReason.choices,
        counts,
    )


# --- positive requirements ------------------------------------------------------------------


def positive_requirements(scope: Scope) -> Table:
    """The requirements of the full orders made in the period, as the court made them (a later
    variation's versions are not counted), by kind from the guidance's menu."""
    requirements = OrderProvision.objects.filter(
        order__in=full_orders(scope), kind=ProvisionKind.REQUIREMENT, added_by__isnull=True
    )
    labels = [(c.value, CATEGORY_LABELS[c.value]) for c in REQUIREMENT_CATEGORIES] + [("", "Written for the case")]
    return _one_column(
        "requirements",
        "Positive requirements",
        "The requirements of the full orders made in the period (s21(2)): education, activities, "
        "mentoring, support and the rest of the guidance’s menu.",
        "Kind of requirement",
        "Requirements",
        labels,
        _grouped(requirements, "category"),
    )


# --- breaches and their outcomes -------------------------------------------------------------


def _breaches(scope: Scope) -> QuerySet[Breach]:
    return Breach.objects.filter(
        scope.subjects("order__subject"),
        order__owner_id=scope.owner_id,
        occurred_on__range=(scope.date_from, scope.date_to),
    )


def _breached(row: dict) -> tuple[str, str]:
    if row["notification_duty"]:
        return ("duty", "The duty to notify the police (s24)")
    kind = "Requirement" if row["provision__kind"] == ProvisionKind.REQUIREMENT else "Prohibition"
    category = CATEGORY_LABELS.get(row["provision__category"], "written for the case").lower()
    return (f"{row['provision__kind']}:{row['provision__category']}", f"{kind}: {category}")


def breaches_by_decision(scope: Scope) -> Table:
    """Suspected breaches that occurred in the period, by what was breached and the police's
    decision. Only what was breached appears as a row."""
    rows = (
        _breaches(scope)
        .values("notification_duty", "provision__kind", "provision__category", "decision")
        .annotate(n=Count("id"))
    )
    decisions = [("", NOT_DECIDED), *BreachDecision.choices]
    counts: dict[str, Counter] = {}
    labels: dict[str, str] = {}
    for row in rows:
        key, label = _breached(row)
        labels[key] = label
        counts.setdefault(key, Counter())[row["decision"]] += row["n"]
    return _table(
        "breaches",
        "Breaches and the police’s decisions",
        "Suspected breaches that occurred in the period, by what was breached (s29, or s25 for the duty "
        "to notify) and what the police decided.",
        "Breached",
        [label for _value, label in decisions],
        [(labels[key], [counts[key][value] for value, _label in decisions]) for key in sorted(labels, key=labels.get)],
    )


def court_outcomes(scope: Scope) -> Table:
    """The charged breaches of the period, by the court's outcome and the offence charged."""
    rows = _breaches(scope).filter(decision__in=CHARGES).values("court_outcome", "decision").annotate(n=Count("id"))
    counts = Counter({(row["court_outcome"], row["decision"]): row["n"] for row in rows})
    charges = (BreachDecision.CHARGE_S29, BreachDecision.CHARGE_S25)
    outcomes = [*CourtOutcome.choices, ("", AWAITING_OUTCOME)]
    return _table(
        "court-outcomes",
        "Court outcomes of charged breaches",
        "Breaches that occurred in the period and were charged: what the court decided.",
        "Outcome",
        ["Breach of the order (s29)", "Failing to notify (s25)"],
        [(label, [counts[(value, charge)] for charge in charges]) for value, label in outcomes],
    )
