"""How do the supervision and breach reads scale as compliance reports grow to national size?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcpo_bench .venv/bin/python benchmarks/supervision.py \
        --requirements 5000

Creates (once per size; a larger size adds to a smaller one) orders with one supervised
requirement each across 43 forces, supervised by 50 providers (the first about a tenth of
them), a third of them for children whose application consulted one of 40 YOTs, with a
referral each; then about 20 weekly sessions per requirement, reports on most of the past ones
(a tenth "failed to attend"), and one order with five requirements of 300 daily sessions. Times
a supervisor's list, a YOT worker's list of non-compliance, the non-compliance finders before
and after the sweep has made their reminders (the steady state every beat pays), the order
page's compliance summary and the referral follow-up finder. Prints figures; asserts nothing.
"""

import argparse
import time
from datetime import date, timedelta

from _common import timed  # first: it sets Django up
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from breaches.selectors import compliance_summary
from cases.models import Case, Subject
from kcpo.accounts.models import Membership, Role
from kcpo.accounts.services import membership_create, organisation_create, user_create
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import insert_dues
from orders.models import Application, Hearing, Order, OrderProvision, YotConsultation
from orders.workflow import Route, State
from provision.compliance_reminders import non_compliance_for_police, non_compliance_for_yot
from provision.models import ComplianceReport, Referral, ReferralState, Session
from provision.reminders import referrals_awaiting_contact
from provision.supervision import supervised_requirement_list, yot_non_compliance_list

FORCES, PROVIDERS, YOTS = 43, 50, 40
TODAY = date(2026, 3, 2)  # a Monday; every date below is relative to it
BIG = "BENCHSUP-BIG"  # the case of the order with many sessions
BIG_REQUIREMENTS, BIG_SESSIONS = 5, 300
_FAMILY = (
    "Smith Jones Williams Brown Taylor Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker "
    "White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris "
    "Moore Clark Lee King Baker Harrison Morgan Allen James Scott Khan Okafor Begum Singh Ali Hussain Campbell"
)
_GIVEN = "Jordan Kieran Tyrese Liam Marcus Aaron Jayden Kai Tyler Reece Daniel Mohammed Omar Jamal Leon Ryan"
FAMILY, GIVEN = _FAMILY.split(), _GIVEN.split()
SCHEDULE = [{"days": [0], "start": "18:00", "end": "19:00"}]


def organisations(code: str, count: int, type: str, role: str, **kind) -> list[Membership]:
    """`count` organisations coded bench-sup-{code}-{i}, each with one active member in `role`."""
    existing = list(
        Membership.objects.filter(organisation__code__startswith=f"bench-sup-{code}-")
        .select_related("organisation", "user")
        .order_by("organisation_id")
    )
    if existing:
        return existing
    members = []
    with transaction.atomic():  # all or none: a part would be taken as the whole next time
        for i in range(count):
            org = organisation_create(name=f"Bench sup {code} {i}", code=f"bench-sup-{code}-{i}", type=type, **kind)
            user = user_create(email=f"bench-sup-{code}-{i}@example.gov.uk", full_name=f"Bench {code} {i}")
            members.append(membership_create(user=user, organisation=org, role=role))
    return members


def add_orders(start: int, size: int, officers, supervisors, yot_workers) -> None:
    """Orders `start` … `start + size - 1`, one requirement each, with their subjects, cases,
    applications, hearings, YOT consultations (children) and referrals."""
    rows = range(start, start + size)
    made = {i: TODAY - timedelta(days=150 + i % 90) for i in rows}
    child = {i: i % 3 == 0 for i in rows}
    officer = {i: officers[i % FORCES] for i in rows}
    # The first provider supervises about a tenth of the requirements, the others share the rest.
    provider = {i: supervisors[0] if i % 10 == 0 else supervisors[1 + i % (PROVIDERS - 1)] for i in rows}
    subjects = Subject.objects.bulk_create(
        Subject(
            given_names=GIVEN[i % len(GIVEN)],
            family_name=FAMILY[(i * 7) % len(FAMILY)],
            # Children: 16 to 18 now, so some turn 18 during their sessions.
            date_of_birth=(date(2008, 1, 1) + timedelta(days=(i * 7) % 900))
            if child[i]
            else date(1998, 1, 1) + timedelta(days=(i * 13) % 2500),
            owner_id=officer[i].organisation_id,
            town="London",
            guardian_name="A Parent" if child[i] else "",
        )
        for i in rows
    )
    cases = Case.objects.bulk_create(
        Case(reference=f"BENCHSUP-{i:08d}", subject=s, owner_id=s.owner_id, lead_officer_id=officer[i].user_id)
        for i, s in zip(rows, subjects, strict=True)
    )
    applications = Application.objects.bulk_create(
        Application(
            case=c,
            owner_id=c.owner_id,
            route=Route.S14_WITH_NOTICE,
            state=State.GRANTED,
            application_date=made[i] - timedelta(days=30),
            necessity_grounds=["protect_public"],
            proposed_duration_months=12,
            created_by_id=officer[i].user_id,
        )
        for i, c in zip(rows, cases, strict=True)
    )
    hearings = Hearing.objects.bulk_create(
        Hearing(application=a, date=made[i], kind="full", outcome="granted")
        for i, a in zip(rows, applications, strict=True)
    )
    orders = Order.objects.bulk_create(
        Order(
            application=a,
            hearing=h,
            subject=s,
            owner_id=a.owner_id,
            kind="full",
            court_reference=f"BENCHSUP/{i}",
            made_on=made[i],
            duration_months=12,
            takes_effect_on=made[i],
            ends_on=made[i] + timedelta(days=364),
            notification_due_on=made[i] + timedelta(days=3),
            created_by_id=officer[i].user_id,
        )
        for i, a, h, s in zip(rows, applications, hearings, subjects, strict=True)
    )
    requirements = OrderProvision.objects.bulk_create(
        OrderProvision(
            order=o,
            number=1,
            kind="requirement",
            category="youth_mentoring",
            wording="To attend a weekly mentoring session",
            schedule=SCHEDULE,
            supervisor_organisation_id=provider[i].organisation_id,
            starts_on=o.takes_effect_on,
            ends_on=o.ends_on,
        )
        for i, o in zip(rows, orders, strict=True)
    )
    YotConsultation.objects.bulk_create(
        YotConsultation(
            application=a,
            yot_id=yot_workers[i % YOTS].organisation_id,
            sent_by_id=officer[i].user_id,
            reply_due_on=a.application_date + timedelta(days=10),
            reason_for_application="Two occasions with a knife",
            replied_by_id=yot_workers[i % YOTS].user_id if i % 2 else None,
            replied_at=timezone.now() if i % 2 else None,
        )
        for i, a in zip(rows, applications, strict=True)
        if child[i]
    )
    Referral.objects.bulk_create(
        referral(i, r, s, officer[i], provider[i]) for i, r, s in zip(rows, requirements, subjects, strict=True)
    )


def referral(i: int, requirement, subject, officer, provider) -> Referral:
    """Four in ten in contact, two accepted and two sent awaiting contact (some due for
    follow-up today), one declined, one withdrawn."""
    sent_on = TODAY - timedelta(days=3 + i % 20)
    state = [ReferralState.IN_CONTACT] * 4 + [ReferralState.ACCEPTED] * 2 + [ReferralState.SENT] * 2
    state = (state + [ReferralState.DECLINED, ReferralState.WITHDRAWN])[i % 10]
    answered = state in (ReferralState.ACCEPTED, ReferralState.IN_CONTACT, ReferralState.DECLINED)
    answered_on = sent_on + timedelta(days=1) if answered else None
    # provision.referrals: chased FOLLOW_UP_AFTER (7 days) after it was sent, or accepted.
    follow_up_on = {ReferralState.SENT: sent_on, ReferralState.ACCEPTED: answered_on}.get(state)
    follow_up_on = follow_up_on and follow_up_on + timedelta(days=7)
    return Referral(
        owner_id=officer.organisation_id,
        provider_id=provider.organisation_id,
        subject=subject,
        requirement=requirement,
        state=state,
        contact_details="07700 900000\nA Parent, 07700 900001",
        consent_by="subject",
        consent_on=sent_on,
        sent_on=sent_on,
        sent_by_id=officer.user_id,
        follow_up_on=follow_up_on,
        answered_on=answered_on,
        answered_by_id=provider.user_id if answered else None,
        declined_reason="No places" if state == ReferralState.DECLINED else "",
        first_contact_on=answered_on if state == ReferralState.IN_CONTACT else None,
        withdrawn_reason="Order varied" if state == ReferralState.WITHDRAWN else "",
    )


def add_big_order(officer: Membership, supervisor: Membership) -> None:
    """An adult's order in effect for 330 days with BIG_REQUIREMENTS requirements."""
    if Case.objects.filter(reference=BIG).exists():
        return
    made = TODAY - timedelta(days=330)
    subject = Subject.objects.create(
        given_names="Bench", family_name="Many Sessions", date_of_birth=date(2000, 1, 1), owner=officer.organisation
    )
    case = Case.objects.create(reference=BIG, subject=subject, owner=officer.organisation)
    application = Application.objects.create(
        case=case,
        owner=officer.organisation,
        route=Route.S14_WITH_NOTICE,
        state=State.GRANTED,
        application_date=made - timedelta(days=30),
        created_by=officer.user,
    )
    hearing = Hearing.objects.create(application=application, date=made, kind="full", outcome="granted")
    order = Order.objects.create(
        application=application,
        hearing=hearing,
        subject=subject,
        owner=officer.organisation,
        kind="full",
        court_reference="BENCHSUP/BIG",
        made_on=made,
        duration_months=24,
        takes_effect_on=made,
        ends_on=made + timedelta(days=729),
        created_by=officer.user,
    )
    OrderProvision.objects.bulk_create(
        OrderProvision(
            order=order,
            number=n,
            kind="requirement",
            category="youth_mentoring",
            wording=f"To attend daily activity {n}",
            supervisor_organisation_id=supervisor.organisation_id,
            starts_on=made,
        )
        for n in range(1, BIG_REQUIREMENTS + 1)
    )


def add_sessions_and_reports(provider_ids: list[int], supervisor_users: list[int]) -> int:
    """For each benchmark requirement without sessions: 20 weekly ones (18 past, 2 to come),
    or BIG_SESSIONS daily ones for the big order's; then a report on nine in ten past sessions
    without one: a tenth failed, a twentieth late, a twentieth excused."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO provision_session (created_at, updated_at, requirement_id, starts_at, ends_at, generated)
            SELECT now(), now(), r.id, t.starts_at, t.starts_at + interval '1 hour', true
            FROM orders_orderprovision r
            JOIN orders_order o ON o.id = r.order_id
            JOIN cases_case c ON c.id = (SELECT a.case_id FROM orders_application a WHERE a.id = o.application_id)
            CROSS JOIN LATERAL (
                SELECT ((CASE WHEN c.reference = %(big)s THEN %(today)s::date - %(big_n)s + 2 + k
                              ELSE %(today)s::date - 7 * (17 - k) + (r.id %% 5)::int END) + time '18:00')
                       AT TIME ZONE 'Europe/London' AS starts_at
                FROM generate_series(0, CASE WHEN c.reference = %(big)s THEN %(big_n)s - 1 ELSE 19 END) AS k
            ) t
            WHERE r.supervisor_organisation_id = ANY(%(providers)s)
              AND NOT EXISTS (SELECT 1 FROM provision_session s WHERE s.requirement_id = r.id)
            """,
            {"big": BIG, "big_n": BIG_SESSIONS, "today": TODAY, "providers": provider_ids},
        )
        sessions = cursor.rowcount
        # Who reported: the supervising provider's member (the i-th provider's is the i-th user).
        cursor.execute(
            """
            INSERT INTO provision_compliancereport (created_at, updated_at, session_id, attendance, minutes_late,
                excuse, note, reported_by_id, reported_at)
            SELECT now(), now(), s.id, a.attendance,
                   CASE WHEN a.attendance = 'late' THEN 5 + h %% 40 END,
                   CASE WHEN a.attendance = 'excused' THEN 'Ill' ELSE '' END, '',
                   (%(users)s::bigint[])[array_position(%(providers)s::bigint[], r.supervisor_organisation_id)],
                   s.ends_at + interval '2 hours'
            FROM provision_session s
            JOIN orders_orderprovision r ON r.id = s.requirement_id
            CROSS JOIN LATERAL (SELECT (hashint8(s.id) & 2147483647) %% 100 AS h) x
            CROSS JOIN LATERAL (SELECT CASE WHEN h < 10 THEN 'failed' WHEN h < 15 THEN 'late'
                                            WHEN h < 20 THEN 'excused' ELSE 'attended' END AS attendance) a
            WHERE r.supervisor_organisation_id = ANY(%(providers)s)
              AND s.starts_at < (%(today)s::date + time '12:00') AT TIME ZONE 'Europe/London'
              AND (hashint8(s.id + 1) & 1023) %% 10 <> 0
              AND NOT EXISTS (SELECT 1 FROM provision_compliancereport c WHERE c.session_id = s.id)
            """,
            {"users": supervisor_users, "providers": provider_ids, "today": TODAY},
        )
        if sessions or cursor.rowcount:
            print(f"  … {sessions} sessions, {cursor.rowcount} reports", flush=True)
        return sessions + cursor.rowcount


def build(n: int):
    officers = organisations("force", FORCES, "police_force", Role.POLICE_OFFICER, police_force_kind="territorial")
    supervisors = organisations("provider", PROVIDERS, "provider", Role.SUPERVISOR)
    yot_workers = organisations("yot", YOTS, "yot", Role.YOT_WORKER)
    started = time.perf_counter()
    have = Case.objects.filter(reference__startswith="BENCHSUP-").exclude(reference=BIG).count()
    batch = 2000
    for start in range(have, n, batch):
        size = min(batch, n - start)
        with transaction.atomic():
            add_orders(start, size, officers, supervisors, yot_workers)
        print(f"  … {start + size} requirements", flush=True)
    add_big_order(officers[0], supervisors[0])
    added = add_sessions_and_reports([m.organisation_id for m in supervisors], [m.user_id for m in supervisors])
    if have < n or added:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    return officers, supervisors, yot_workers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requirements", type=int, default=5000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    officers, supervisors, yot_workers = build(args.requirements)
    reports = ComplianceReport.objects.all()
    print(
        f"{OrderProvision.objects.filter(kind='requirement').count()} requirements, "
        f"{Session.objects.count()} sessions, "
        f"{reports.count()} reports ({reports.filter(attendance='failed').count()} failed), "
        f"{Referral.objects.count()} referrals"
    )

    reverse("orders:detail", args=[1])  # the finders reverse() links: load the URLconf before timing them
    supervisor, yot_worker = supervisors[0], yot_workers[0]
    listed = supervised_requirement_list(membership=supervisor, today=TODAY)
    timed(f"supervisor ({supervisor.organisation.name}): first page of 25", lambda: list(listed[:25]), repeat=7)
    total = timed(f"supervisor ({supervisor.organisation.name}): count", listed.count, repeat=7)
    print(f"  {total} requirements supervised")
    failed = yot_non_compliance_list(membership=yot_worker)
    timed(f"YOT worker ({yot_worker.organisation.name}): first page of 25", lambda: list(failed[:25]), repeat=7)
    total = timed(f"YOT worker ({yot_worker.organisation.name}): count", failed.count, repeat=7)
    print(f"  {total} reports of a child's non-compliance")

    # The finders: from no reminders (a first sweep), then with them all made (every later beat).
    Reminder.objects.filter(
        kind__in=[ReminderKind.NON_COMPLIANCE, ReminderKind.NON_COMPLIANCE_YOT],
        organisation_id__in=[m.organisation_id for m in officers + yot_workers],
    ).delete()
    for kind, find in (
        (ReminderKind.NON_COMPLIANCE, non_compliance_for_police),
        (ReminderKind.NON_COMPLIANCE_YOT, non_compliance_for_yot),
    ):
        dues = timed(f"{find.__name__}, no reminders yet", lambda find=find: list(find(TODAY)), repeat=3)
        print(f"  {len(dues)} due")
        made = timed(
            f"  insert_dues({kind})",
            lambda kind=kind, dues=dues: insert_dues(kind, dues, today=TODAY, run_at=timezone.now()),
            repeat=1,
        )
        print(f"  {made} reminders")
        with connection.cursor() as cursor:  # as autovacuum would after so many new rows
            cursor.execute("ANALYZE reminders_reminder")
        dues = timed(f"{find.__name__}, steady state", lambda find=find: list(find(TODAY)), repeat=7)
        print(f"  {len(dues)} due")

    big = Order.objects.get(application__case__reference=BIG)
    summary = timed(
        f"compliance_summary of an order with {BIG_REQUIREMENTS * BIG_SESSIONS} sessions",
        lambda: compliance_summary(order=big),
    )
    print(f"  {len(summary)} requirements, {sum(r.reported for r in summary)} reports")
    dues = timed("referrals_awaiting_contact", lambda: list(referrals_awaiting_contact(TODAY)))
    print(f"  {len(dues)} referrals due for follow-up")


if __name__ == "__main__":
    main()
