"""How fast are the statistics page's tables (oversight.selectors) at national scale?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcpo_bench .venv/bin/python benchmarks/oversight_statistics.py \
        --orders 40000

Creates (once per size; a larger size adds to a smaller one) one and a half applications per
order across 43 forces, the first (a Metropolitan-sized force, over London's boroughs) owning
about a quarter of them. Each application is for its own subject (of varied gender, ethnicity,
borough and age, with the occasions an s14 application rests on, some known from intelligence)
and case, on one of the four routes, with its events over two years (authorisation; the CPS's
submissions, returns, acceptances and declines; complaints laid), a hearing that granted or
refused it (with a reason) or is still to decide, and two in three an order of one of the three
kinds, with requirements and prohibitions of the guidance's categories; about one order in seven
has breaches, most decided, a third of them charged, most of those with the court's outcome.
Times each table (oversight.registry.TABLES) for the
largest force over one year, for all its boroughs and for one, then the whole page
(statistics()). Prints figures; asserts nothing about time. --explain KEY … (or "all") prints
the EXPLAIN ANALYZE of those tables' queries, for all boroughs.
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from _common import timed  # first: it sets Django up
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from breaches.models import Breach, BreachDecision, CameToLight, CourtOutcome
from cases.choices import PLACE_CHOICES, Ethnicity, Gender, OccasionSource
from cases.models import Case, Occasion, Subject
from eligibility.core.provisions import ProvisionCategory, ProvisionKind
from kcpo.accounts.models import Membership, Role
from kcpo.accounts.services import membership_create, organisation_create, user_create
from orders.models import (
    Application,
    ApplicationEvent,
    Hearing,
    HearingOutcome,
    Order,
    OrderKind,
    OrderProvision,
    RefusalReason,
)
from orders.workflow import TRANSITIONS, Route, State
from oversight.registry import TABLES, statistics
from oversight.selectors import Scope
from provision.models import REQUIREMENT_CATEGORIES

FORCES = 43
TODAY = date(2026, 3, 2)
YEAR_FROM, YEAR_TO = date(2025, 3, 1), date(2026, 2, 28)  # the period timed
LONDON = ZoneInfo("Europe/London")
LONDON_BOROUGHS = [
    "Barking and Dagenham",
    "Barnet",
    "Bexley",
    "Brent",
    "Bromley",
    "Camden",
    "Croydon",
    "Ealing",
    "Enfield",
    "Greenwich",
    "Hackney",
    "Hammersmith and Fulham",
    "Haringey",
    "Harrow",
    "Havering",
    "Hillingdon",
    "Hounslow",
    "Islington",
    "Kensington and Chelsea",
    "Kingston upon Thames",
    "Lambeth",
    "Lewisham",
    "Merton",
    "Newham",
    "Redbridge",
    "Richmond upon Thames",
    "Southwark",
    "Sutton",
    "Tower Hamlets",
    "Waltham Forest",
    "Wandsworth",
    "Westminster",
]
ROUTES = ([Route.S14_WITH_NOTICE] * 40) + ([Route.S14_WITHOUT_NOTICE] * 12) + ([Route.S14_WITH_INTERIM] * 10)
ROUTES += [Route.S19] * 38
GENDERS = [Gender.MALE] * 86 + [Gender.FEMALE] * 10 + [Gender.OTHER] + [Gender.NOT_KNOWN] * 3
ETHNICITY_WEIGHTS = {"W1": 30, "B1": 10, "B2": 12, "B9": 6, "M1": 6, "A2": 4, "A3": 3, "W9": 4, "NS": 8}
ETHNICITIES = [e for e in Ethnicity.values for _ in range(ETHNICITY_WEIGHTS.get(e, 1))]
AGES = [a for a in range(12, 41) for _ in range(3 if a < 18 else 4 if a < 25 else 1)]
PROHIBITION_CATEGORIES = [
    ProvisionCategory.NOT_TO_ATTEND_LOCATION,
    ProvisionCategory.CURFEW,
    ProvisionCategory.NON_ASSOCIATION,
    ProvisionCategory.PROHIBITED_ACTIVITIES,
    ProvisionCategory.ARTICLES,
    ProvisionCategory.INTERNET,
]
DECISIONS = ["", "nfa", "words_of_advice", "words_of_advice", "consider_variation", "arrest", "charge", "charge"]
SOURCES = [c for c in OccasionSource.values for _ in range(1 if c == OccasionSource.INTELLIGENCE else 3)]
PLACES = [value for value, _label in PLACE_CHOICES]
CPS_TRANSITIONS = {"cps_return", "cps_accept", "cps_decline"}


def member(code: str, type: str, role: str, **kind) -> Membership:
    """The organisation coded bench-stat-{code} and its one member, made once."""
    found = Membership.objects.filter(organisation__code=f"bench-stat-{code}").select_related("organisation").first()
    if found:
        return found
    org = organisation_create(name=f"Bench stat {code}", code=f"bench-stat-{code}", type=type, **kind)
    user = user_create(email=f"bench-stat-{code}@example.gov.uk", full_name=f"Bench stat {code}")
    return membership_create(user=user, organisation=org, role=role)


def plan(i: int, rng: random.Random) -> dict:
    """Application `i`: its force, subject, events, hearing, order, provisions and breaches.
    Two in three (i % 3 != 2) end in an order."""
    force = 0 if rng.random() < 0.25 else rng.randrange(1, FORCES)
    route = rng.choice(ROUTES)
    applied = TODAY - timedelta(days=rng.randrange(40, 760))
    ordered = i % 3 != 2
    if force == 0:
        area = rng.choice(LONDON_BOROUGHS)
        roll = rng.random()
        area = "" if roll < 0.05 else area.lower() if roll < 0.08 else f" {area}  " if roll < 0.1 else area
    else:
        area = f"Bench area {force}.{rng.randrange(6)}"
    age = rng.choice(AGES)
    subject = {
        "gender": rng.choice(GENDERS),
        "ethnicity": rng.choice(ETHNICITIES),
        "local_authority": area,
        "date_of_birth": applied - timedelta(days=int(age * 365.25) + rng.randrange(365)),
    }
    # s14 needs two occasions in the two years before; a conviction's subject may have some too.
    occasions = [
        (applied - timedelta(days=rng.randrange(1, 720)), rng.choice(SOURCES), rng.choice(PLACES))
        for _ in range(rng.randrange(2, 5) if route != Route.S19 else rng.randrange(0, 3))
    ]
    events = [("submit_for_authorisation", applied - timedelta(days=12)), ("authorise", applied - timedelta(days=9))]
    heard = min(applied + timedelta(days=rng.randrange(7, 60)), TODAY - timedelta(days=1))
    hearing = order = None
    roll = rng.random()
    if route == Route.S19:
        events.append(("submit_to_cps", applied - timedelta(days=7)))
        if rng.random() < 0.2:
            events += [("cps_return", applied - timedelta(days=5)), ("resubmit_to_cps", applied - timedelta(days=3))]
        if not ordered and roll < 0.3:
            events.append(("cps_decline", applied - timedelta(days=1)))
        elif not ordered and roll < 0.4:
            pass  # still with the CPS
        else:
            events.append(("cps_accept", applied - timedelta(days=1)))
    else:
        events.append(("lay_complaint", applied))
    kind = "sentencing" if route == Route.S19 else "full"
    if ordered:
        interim = route != Route.S19 and route != Route.S14_WITH_NOTICE and rng.random() < 0.3
        order_kind = OrderKind.FULL
        if interim:
            order_kind = OrderKind.INTERIM_S17 if route == Route.S14_WITHOUT_NOTICE else OrderKind.INTERIM_S18
            kind = "without_notice" if route == Route.S14_WITHOUT_NOTICE else "full"
            events.append(("record_interim_order", heard))
            hearing = (heard, kind, HearingOutcome.INTERIM_ORDER, "")
        else:
            events.append(("grant", heard))
            hearing = (heard, kind, HearingOutcome.GRANTED, "")
        order = {"kind": order_kind, "made_on": heard, "months": rng.choice([6, 12, 12, 18, 24])}
    elif route == Route.S19 and roll < 0.4:
        pass  # declined, or still with the CPS: no hearing
    elif roll < 0.1:
        events.append(("withdraw", heard))
    elif roll < 0.25:
        hearing = (heard, kind, HearingOutcome.ADJOURNED, "")
    elif roll < 0.3:
        hearing = (heard + timedelta(days=30), kind, "", "")  # listed, to come
    else:
        events.append(("refuse", heard))
        hearing = (heard, kind, HearingOutcome.REFUSED, rng.choice(RefusalReason.values))
    provisions, breaches = [], []
    if order:
        requirements = 0 if order["kind"] == OrderKind.INTERIM_S17 else rng.randrange(0, 4)
        for _ in range(requirements):
            category = "" if rng.random() < 0.1 else rng.choice(REQUIREMENT_CATEGORIES).value
            provisions.append((ProvisionKind.REQUIREMENT.value, category))
        for _ in range(rng.randrange(1, 4)):
            category = "" if rng.random() < 0.1 else rng.choice(PROHIBITION_CATEGORIES).value
            provisions.append((ProvisionKind.PROHIBITION.value, category))
        for _ in range(rng.choice([0] * 17 + [1, 1, 2])):
            occurred = min(order["made_on"] + timedelta(days=rng.randrange(5, 400)), TODAY - timedelta(days=1))
            duty = rng.random() < 0.1
            decision = rng.choice(DECISIONS)
            if decision == "charge":
                decision = BreachDecision.CHARGE_S25 if duty else BreachDecision.CHARGE_S29
            decided = occurred + timedelta(days=rng.randrange(0, 10)) if decision else None
            outcome = rng.choice(CourtOutcome.values) if decision.startswith("charge") and rng.random() < 0.7 else ""
            breaches.append(
                {
                    "provision": None if duty else rng.randrange(len(provisions)),
                    "occurred_on": occurred,
                    "decision": decision,
                    "decided_on": decided,
                    "court_outcome": outcome,
                    "court_outcome_on": decided + timedelta(days=40) if outcome else None,
                    "came_to_light": rng.choice(CameToLight.values),
                }
            )
    return {
        "i": i,
        "force": force,
        "route": route,
        "applied": applied,
        "subject": subject,
        "occasions": occasions,
        "events": events,
        "hearing": hearing,
        "order": order,
        "provisions": provisions,
        "breaches": breaches,
    }


def add_applications(start: int, size: int, officers: list[Membership], cps: Membership) -> None:
    rng = random.Random(start)
    plans = [plan(i, rng) for i in range(start, start + size)]
    officer = {p["i"]: officers[p["force"]] for p in plans}
    subjects = Subject.objects.bulk_create(
        Subject(
            given_names="Bench",
            family_name=f"Statistics {p['i']}",
            owner_id=officer[p["i"]].organisation_id,
            town="Bench town",
            **p["subject"],
        )
        for p in plans
    )
    Occasion.objects.bulk_create(
        Occasion(
            subject=s, occurred_on=day, place=place, location="Bench Street", article="A kitchen knife", source=source
        )
        for p, s in zip(plans, subjects, strict=True)
        for day, source, place in p["occasions"]
    )
    cases = Case.objects.bulk_create(
        Case(
            reference=f"BENCHSTAT-{p['i']:08d}",
            subject=s,
            owner_id=s.owner_id,
            lead_officer_id=officer[p["i"]].user_id,
        )
        for p, s in zip(plans, subjects, strict=True)
    )
    states = []
    for p in plans:
        state = State.DRAFT
        p["transitions"] = []
        for name, day in p["events"]:
            target = TRANSITIONS[name].target
            p["transitions"].append((name, state, target, day))
            state = target
        states.append(state)
    applications = Application.objects.bulk_create(
        Application(
            case=c,
            owner_id=c.owner_id,
            route=p["route"],
            state=state,
            application_date=p["applied"],
            necessity_grounds=["protect_public"],
            proposed_duration_months=12,
            cps_area_id=cps.organisation_id if p["route"] == Route.S19 else None,
            created_by_id=officer[p["i"]].user_id,
        )
        for p, c, state in zip(plans, cases, states, strict=True)
    )
    # occurred_at is auto_now_add, which bulk_create would overwrite: insert the events in SQL.
    events = [
        (
            a.id,
            name,
            before,
            after,
            (cps if name in CPS_TRANSITIONS else officer[p["i"]]).user_id,
            (cps if name in CPS_TRANSITIONS else officer[p["i"]]).organisation_id,
            Role.CPS_LAWYER if name in CPS_TRANSITIONS else Role.POLICE_OFFICER,
            datetime.combine(day, datetime.min.time(), LONDON) + timedelta(minutes=rng.randrange(8 * 60, 18 * 60)),
        )
        for p, a in zip(plans, applications, strict=True)
        for name, before, after, day in p["transitions"]
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {ApplicationEvent._meta.db_table} (application_id, transition, from_state, to_state, by_id,
                organisation_id, role, reason, occurred_at)
            SELECT a, t, f, s, b, o, r, '', at FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[],
                %s::bigint[], %s::bigint[], %s::text[], %s::timestamptz[]) AS e(a, t, f, s, b, o, r, at)
            """,  # noqa: S608 - a model's table name; values are bound parameters
            [[e[k] for e in events] for k in range(8)],
        )
    heard = [(p, a) for p, a in zip(plans, applications, strict=True) if p["hearing"]]
    hearings = Hearing.objects.bulk_create(
        Hearing(
            application=a,
            date=p["hearing"][0],
            kind=p["hearing"][1],
            outcome=p["hearing"][2],
            refusal_reason=p["hearing"][3],
            outcome_recorded_by_id=officer[p["i"]].user_id if p["hearing"][2] else None,
        )
        for p, a in heard
    )
    made = [(p, a, h) for (p, a), h in zip(heard, hearings, strict=True) if p["order"]]
    subject_of = {a.id: s for s, a in zip(subjects, applications, strict=True)}
    orders = Order.objects.bulk_create(
        Order(
            application=a,
            hearing=h,
            subject=subject_of[a.id],
            owner_id=a.owner_id,
            kind=p["order"]["kind"],
            court_reference=f"BENCHSTAT/{p['i']}",
            made_on=p["order"]["made_on"],
            duration_months=p["order"]["months"] if p["order"]["kind"] == OrderKind.FULL else None,
            takes_effect_on=p["order"]["made_on"],
            ends_on=p["order"]["made_on"] + timedelta(days=30 * p["order"]["months"])
            if p["order"]["kind"] == OrderKind.FULL
            else None,
            notification_due_on=p["order"]["made_on"] + timedelta(days=3),
            created_by_id=officer[p["i"]].user_id,
        )
        for p, a, h in made
    )
    provisions = OrderProvision.objects.bulk_create(
        OrderProvision(
            order=o,
            number=n,
            kind=kind,
            category=category,
            wording=f"Bench {kind} {n}",
            starts_on=o.takes_effect_on,
            ends_on=o.ends_on,
        )
        for (p, _a, _h), o in zip(made, orders, strict=True)
        for n, (kind, category) in enumerate(p["provisions"], start=1)
    )
    by_order: dict[int, list[OrderProvision]] = {}
    for provision in provisions:
        by_order.setdefault(provision.order_id, []).append(provision)
    Breach.objects.bulk_create(
        Breach(
            order=o,
            provision=None if b["provision"] is None else by_order[o.id][b["provision"]],
            notification_duty=b["provision"] is None,
            occurred_on=b["occurred_on"],
            came_to_light=b["came_to_light"],
            evidence="Bench evidence",
            recorded_by_id=officer[p["i"]].user_id,
            decision=b["decision"],
            decided_on=b["decided_on"],
            decided_by_id=officer[p["i"]].user_id if b["decision"] else None,
            court_outcome=b["court_outcome"],
            court_outcome_on=b["court_outcome_on"],
        )
        for (p, _a, _h), o in zip(made, orders, strict=True)
        for b in p["breaches"]
    )


def build(n_orders: int) -> tuple[list[Membership], Membership]:
    with transaction.atomic():  # all or none: a part would be taken as the whole next time
        officers = [
            member(f"force-{f}", "police_force", Role.POLICE_OFFICER, police_force_kind="territorial")
            for f in range(FORCES)
        ]
        cps = member("cps", "cps_area", Role.CPS_LAWYER)
    n = n_orders * 3 // 2  # i % 3 != 2 ends in an order
    have = Case.objects.filter(reference__startswith="BENCHSTAT-").count()
    started = time.perf_counter()
    batch = 3000
    for start in range(have, n, batch):
        size = min(batch, n - start)
        with transaction.atomic():
            add_applications(start, size, officers, cps)
        print(f"  … {start + size} applications", flush=True)
    if have < n:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    return officers, cps


def explain(key: str, scope: Scope) -> None:
    with CaptureQueriesContext(connection) as captured:
        TABLES[key](scope)
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            plan_text = "\n    ".join(row[0] for row in cursor.fetchall())
        print(f"\n{key}:\n    {query['sql']}\n    {plan_text}")


def counted(table) -> int:
    """What a table counted: its total, or for medians the orders in its groups."""
    return table.total if hasattr(table, "total") else sum(row.orders for row in table.rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=40000)
    parser.add_argument("--explain", nargs="*", default=[], metavar="KEY", help='tables to explain, or "all"')
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    officers, _cps = build(args.orders)
    orders = Order.objects.filter(court_reference__startswith="BENCHSTAT/")
    breaches = Breach.objects.filter(order__in=orders)
    print(
        f"{Application.objects.filter(case__reference__startswith='BENCHSTAT-').count()} applications, "
        f"{ApplicationEvent.objects.filter(application__case__reference__startswith='BENCHSTAT-').count()} events, "
        f"{Occasion.objects.filter(subject__cases__reference__startswith='BENCHSTAT-').count()} occasions, "
        f"{Hearing.objects.filter(application__case__reference__startswith='BENCHSTAT-').count()} hearings, "
        f"{orders.count()} orders, {OrderProvision.objects.filter(order__in=orders).count()} provisions, "
        f"{breaches.count()} breaches ({breaches.filter(decision__startswith='charge').count()} charged), "
        f"across {FORCES} forces"
    )
    largest = orders.values("owner_id").annotate(n=Count("id")).order_by("-n").first()
    force = next(m for m in officers if m.organisation_id == largest["owner_id"])
    year = Scope(owner_id=force.organisation_id, date_from=YEAR_FROM, date_to=YEAR_TO)
    made = orders.filter(owner_id=year.owner_id, made_on__range=(year.date_from, year.date_to))
    borough = (
        made.exclude(subject__local_authority="")
        .values("subject__local_authority")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["subject__local_authority"]
    )
    in_borough = Scope(owner_id=year.owner_id, date_from=year.date_from, date_to=year.date_to, area=borough)
    print(
        f"{force.organisation.name}: {largest['n']} orders, {made.count()} made "
        f"{year.date_from:%d/%m/%Y} to {year.date_to:%d/%m/%Y}, "
        f"{made.filter(subject__local_authority__iexact=borough).count()} of them in {borough}"
    )
    for key, table in TABLES.items():
        everywhere = timed(f"{key}, all boroughs", lambda table=table: table(year), repeat=7)
        there = timed(f"{key}, {borough}", lambda table=table: table(in_borough), repeat=7)
        print(f"  {counted(everywhere)} counted, {counted(there)} in {borough}")
    timed("statistics(), all boroughs", lambda: statistics(year), repeat=7)
    timed(f"statistics(), {borough}", lambda: statistics(in_borough), repeat=7)
    for key in TABLES if args.explain == ["all"] else args.explain:
        explain(key, year)


if __name__ == "__main__":
    main()
