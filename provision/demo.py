"""Demo data for the provision catalogue and supervision, made through the real services so the
audit rows and reminders are the ones the pages would make (`seed_demo` calls this; idempotent).

Two orders made about ten weeks before the day the demo is loaded, so a supervisor has past
sessions to report and upcoming ones to plan: a child's (MET-SUP-001, consulted with Lambeth
YOT, s15(5)), whose mentoring requirement has a report of every kind of attendance, and an
adult's (MET-SUP-002). Between them their referrals are in every state. The breaches demo
(breaches.demo) records police checks and breaches on the same two orders."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from cases.models import Case
from cases.services import case_open, case_share, occasion_record, subject_create
from eligibility.core.dates import add_years
from kcpo.accounts.models import Membership
from kcpo.clock import local_datetime
from orders import drafting, services
from orders.demo import at_hearing
from orders.models import Application, Order, OrderKind, OrderProvision
from orders.review import TRANSITION_SERVICES
from orders.workflow import Route
from provision.catalogue import offer_create
from provision.compliance import report_record
from provision.models import Attendance, ConsentBy, Funding, Offer, Referral, Session
from provision.referrals import (
    referral_accept,
    referral_decline,
    referral_first_contact,
    referral_send,
    referral_withdraw,
)
from provision.sessions import session_add, sessions_generate

REFERENCE_PREFIX = "MET-SUP-"
CHILD_REFERENCE = f"{REFERENCE_PREFIX}001"
ADULT_REFERENCE = f"{REFERENCE_PREFIX}002"
# How long ago the child's application was made and its order granted; the adult's a week later.
APPLIED_DAYS_AGO = 84
GRANTED_DAYS_AGO = 70
# The child's age when the demo is loaded: under 18 for the whole demo (s15(5), and the YOT's view).
CHILD_AGE = 15
ADULT_AGE = 23

# What each demo provider offers (provision.catalogue.OFFER_FIELDS). Days: Monday = 0.
OFFERS = {
    "southside-mentoring": [
        {
            "name": "One-to-one mentoring (demo)",
            "description": "Weekly sessions with a trained mentor who grew up locally.",
            "categories": ["youth_mentoring", "support_and_counselling"],
            "areas": ["Lambeth", "Southwark"],
            "named_supervisor": "Tom Reilly",
            "min_age": 12,
            "max_age": 18,
            "schedule": [{"days": [0, 1, 2, 3, 4], "start": "15:30", "end": "19:00"}],
            "capacity": 20,
            "funding": Funding.GRANT_FUNDED,
            "accepts_supervisor_duty": True,
        },
        {
            "name": "Knife crime awareness course (demo)",
            "description": "Six group sessions on the consequences of carrying a knife.",
            "categories": ["awareness_classes"],
            "areas": ["Lambeth", "Southwark", "Lewisham"],
            "min_age": 12,
            "max_age": 25,
            "schedule": [{"days": [1], "start": "18:00", "end": "20:00"}],
            "capacity": 12,
            "funding": Funding.POLICE_FUNDED,
            "accepts_supervisor_duty": True,
        },
    ],
    "riverside-sports": [
        {
            "name": "Weekend football academy (demo)",
            "description": "Coaching and matches, with a coach who reports attendance.",
            "categories": ["structured_activities", "participate_in_activities"],
            "areas": ["Lambeth", "Wandsworth"],
            "min_age": 12,
            "max_age": 21,
            "schedule": [{"days": [5, 6], "start": "10:00", "end": "12:00"}],
            "funding": Funding.FREE,
            "accepts_supervisor_duty": True,
        },
        {
            "name": "Boxing fitness evenings (demo)",
            "description": "Drop-in fitness sessions for over-16s; attendance is not reported.",
            "categories": ["structured_activities"],
            "areas": ["Lambeth"],
            "min_age": 16,
            "max_age": 25,
            "schedule": [{"days": [3], "start": "18:30", "end": "20:00"}],
            "capacity": 15,
            "funding": Funding.FREE,
            "accepts_supervisor_duty": False,
        },
    ],
}
MENTORING, AWARENESS = "One-to-one mentoring (demo)", "Knife crime awareness course (demo)"
FOOTBALL, BOXING = "Weekend football academy (demo)", "Boxing fitness evenings (demo)"

# The reports of the child's weekly mentoring sessions, oldest first (the last one is left
# for the supervisor to report). Two failures: "more than trivial" for a child (seeds/001).
WEEKLY_REPORTS = [
    {"attendance": Attendance.ATTENDED},
    {"attendance": Attendance.LATE, "minutes_late": 10, "note": "Said the bus was late."},
    {"attendance": Attendance.ATTENDED},
    {"attendance": Attendance.FAILED, "note": "No answer on his phone or his mother’s."},
    {"attendance": Attendance.EXCUSED, "excuse": "Hospital appointment (letter seen)"},
    {"attendance": Attendance.ATTENDED},
    {"attendance": Attendance.FAILED, "note": "Mother said he was out with friends."},
    {"attendance": Attendance.LATE, "minutes_late": 25},
    {"attendance": Attendance.ATTENDED},
]
INDUCTION, REVIEW_MEETING = (time(10, 0), time(11, 0)), (time(11, 0), time(12, 0))


@dataclass(frozen=True)
class People:
    """The demo memberships the supervision demo acts as."""

    lead: Membership  # the Met's KCPO lead: drafts, refers, records checks and breaches
    authoriser: Membership  # s15(1): the delegated authorising officer
    yot: Membership  # Lambeth YOT worker, consulted on the child's application (s15(5))
    southside: Membership  # Southside Mentoring's supervisor
    riverside: Membership  # Riverside Sports' supervisor


def weekly(day: date, start: str, end: str) -> list[dict]:
    """A weekly window on `day`'s weekday: computed, so the demo works whatever today is."""
    return [{"days": [day.weekday()], "start": start, "end": end}]


def demo_orders() -> dict[str, Order]:
    """The supervision demo's orders, by their cases' references (empty before it is seeded)."""
    orders = Order.objects.filter(
        application__case__reference__startswith=REFERENCE_PREFIX, kind=OrderKind.FULL
    ).select_related("application__case", "subject")
    return {order.application.case.reference: order for order in orders}


# --- the catalogue ---------------------------------------------------------------------------


def seed_demo_offers(*, providers: dict[str, Membership]) -> dict[str, Offer]:
    """Each demo provider's offers (made by its supervisor, as on the offer pages), by name;
    those already there are left as they are. They come first: a requirement can name a
    provider as its supervisor only if it has an active offer taking the s22(5) duty
    (orders.drafting.supervisor_organisations)."""
    offers = {}
    for code, membership in providers.items():
        for fields in OFFERS[code]:
            offer = Offer.objects.filter(provider=membership.organisation, name=fields["name"]).first()
            offers[fields["name"]] = offer or offer_create(by=membership, **fields)
    return offers


# --- the orders ------------------------------------------------------------------------------


def _case(*, reference: str, people: People, given: str, family: str, born: date, **record) -> Case:
    lead = people.lead
    subject = subject_create(
        owner=lead.organisation,
        given_names=given,
        family_name=family,
        date_of_birth=born,
        by=lead.user,
        membership=lead,
        **record,
    )
    return case_open(subject=subject, reference=reference, lead_officer=lead.user, by=lead.user, membership=lead)


def _occasions(*, case: Case, lead: Membership, applied_on: date, places: list[tuple[int, str, str, str]]) -> None:
    """The occasions the application rests on (s14(3)-(4)), before it was made."""
    for days_before, place, location, article in places:
        occasion_record(
            subject=case.subject,
            occurred_on=applied_on - timedelta(days=days_before),
            place=place,
            location=location,
            article=article,
            source="stop_and_search",
            source_reference=f"DEMO-{case.reference}-{days_before}",
            today=applied_on,
            by=lead.user,
            membership=lead,
        )


def _draft(*, case: Case, lead: Membership, applied_on: date, provisions: list[dict]) -> Application:
    """An s14 application with notice dated `applied_on`, with its grounds and `provisions`."""
    application = services.application_start(case=case, route=Route.S14_WITH_NOTICE, membership=lead, today=applied_on)
    application = services.application_update(
        application=application,
        membership=lead,
        expected_version=application.version,
        necessity_grounds=["protect_public", "prevent_offence"],
        grounds_argument="Two occasions with a bladed article in public places within six months (demo).",
        proposed_duration_months=12,
    )
    for fields in provisions:
        drafting.provision_save(
            application=application,
            membership=lead,
            expected_version=Application.objects.get(pk=application.pk).version,
            purposes=["protect_public", "prevent_offence"],
            rationale="Tied to where and when both occasions happened (demo).",
            evidence="MG11 statement of the lead officer; stop and search records (demo).",
            **fields,
        )
    return Application.objects.get(pk=application.pk)


def _consult(*, application: Application, people: People, on: date) -> None:
    """s15(5): a child's application is made only after consulting the YOT; its reply."""
    consultation = services.consultation_send(
        application=application,
        yot=people.yot.organisation,
        membership=people.lead,
        reply_due_on=on + timedelta(days=7),
        reason_for_application="Two occasions with a knife in public within six months (demo).",
        proposed_provisions="Curfew, exclusion from Brixton, weekly mentoring and football (demo).",
        today=on,
    )
    services.consultation_reply(
        consultation=consultation,
        membership=people.yot,
        views="We support positive requirements; he engages well with sport (demo).",
        suggestions="A mentor he can relate to; sessions after school, not during it (demo).",
        developmental_needs="Dyslexia: written material read to him (demo).",
    )


def _grant(*, application: Application, people: People, granted_on: date) -> Order:
    """Authorised (s15(1)), complaint laid, and the order made as proposed on `granted_on`."""
    for name, who in (("submit_for_authorisation", people.lead), ("authorise", people.authoriser)):
        application = TRANSITION_SERVICES[name](application=application, membership=who)
    application = TRANSITION_SERVICES["lay_complaint"](application=application, membership=people.lead)
    at_hearing(application=application, name="grant", membership=people.lead, today=granted_on)
    return Order.objects.get(application=application, kind=OrderKind.FULL)


def _child_order(*, people: People, offers: dict[str, Offer], today: date) -> Order:
    applied_on, granted_on = today - timedelta(days=APPLIED_DAYS_AGO), today - timedelta(days=GRANTED_DAYS_AGO)
    case = _case(
        reference=CHILD_REFERENCE,
        people=people,
        given="Reece",
        family="Thompson",
        born=add_years(today, -CHILD_AGE) - timedelta(days=100),
        address_line_1="41 Railton Road",
        town="London",
        postcode="SE24 0LN",
        local_authority="Lambeth",
        guardian_name="Donna Thompson",
        guardian_relationship="Mother",
        guardian_phone="07700 900123",
    )
    case_share(
        case=case,
        organisation=people.yot.organisation,
        by=people.lead.user,
        membership=people.lead,
        reason="Supervision demo: the YOT works with this child",
    )
    _occasions(
        case=case,
        lead=people.lead,
        applied_on=applied_on,
        places=[
            (120, "public_place", "Coldharbour Lane, Brixton", "Kitchen knife, 15 cm blade"),
            (30, "public_place", "Brixton Road, outside the station", "Lock knife"),
        ],
    )
    application = _draft(
        case=case,
        lead=people.lead,
        applied_on=applied_on,
        provisions=[
            {
                "kind": "prohibition",
                "category": "not_to_attend_location",
                "wording": "Not to enter the area of Brixton shown on the attached map (demo)",
                "place": "Brixton town centre",
            },
            {
                "kind": "prohibition",
                "category": "curfew",
                "wording": "To remain at 41 Railton Road between 21:00 and 06:00 every day (demo)",
                "place": "41 Railton Road",
                "schedule": [{"days": list(range(7)), "start": "21:00", "end": "06:00"}],
            },
            {
                "kind": "requirement",
                "category": "youth_mentoring",
                "wording": "To attend a weekly mentoring session with Southside Mentoring Trust (demo)",
                "schedule": weekly(granted_on + timedelta(days=2), "16:00", "17:30"),
                "supervisor_organisation": offers[MENTORING].provider,
                "suitability_evidence": "Southside confirmed a mentor and a place; its offer takes the duty.",
                "blocks_attendance": False,
            },
            {
                "kind": "requirement",
                "category": "structured_activities",
                "wording": "To attend weekly football coaching with Riverside Sports Academy (demo)",
                "schedule": weekly(granted_on + timedelta(days=5), "10:00", "12:00"),
                "supervisor_organisation": offers[FOOTBALL].provider,
                "suitability_evidence": "Riverside confirmed a place in its academy; its offer takes the duty.",
                "blocks_attendance": False,
            },
        ],
    )
    _consult(application=application, people=people, on=applied_on + timedelta(days=1))
    return _grant(application=application, people=people, granted_on=granted_on)


def _adult_order(*, people: People, offers: dict[str, Offer], today: date) -> Order:
    applied_on = today - timedelta(days=APPLIED_DAYS_AGO - 7)
    granted_on = today - timedelta(days=GRANTED_DAYS_AGO - 7)
    case = _case(
        reference=ADULT_REFERENCE,
        people=people,
        given="Dwayne",
        family="Foster",
        born=add_years(today, -ADULT_AGE) - timedelta(days=40),
        address_line_1="7 Rye Lane",
        town="London",
        postcode="SE15 5EW",
        local_authority="Southwark",
    )
    _occasions(
        case=case,
        lead=people.lead,
        applied_on=applied_on,
        places=[
            (150, "public_place", "Peckham Rye station", "Machete"),
            (45, "public_place", "Rye Lane, Peckham", "Kitchen knife"),
        ],
    )
    application = _draft(
        case=case,
        lead=people.lead,
        applied_on=applied_on,
        provisions=[
            {
                "kind": "prohibition",
                "category": "not_to_attend_location",
                "wording": "Not to enter Peckham town centre shown on the attached map (demo)",
                "place": "Peckham town centre",
            },
            {
                "kind": "prohibition",
                "category": "curfew",
                "wording": "To remain at 7 Rye Lane between 22:00 and 06:00 every day (demo)",
                "place": "7 Rye Lane",
                "schedule": [{"days": list(range(7)), "start": "22:00", "end": "06:00"}],
            },
            {
                "kind": "requirement",
                "category": "awareness_classes",
                "wording": "To complete the knife crime awareness course of Southside Mentoring Trust (demo)",
                "schedule": [{"days": [1], "start": "18:00", "end": "20:00"}],
                "supervisor_organisation": offers[AWARENESS].provider,
                "suitability_evidence": "Southside has places on its next course; its offer takes the duty.",
                "blocks_attendance": False,
            },
        ],
    )
    return _grant(application=application, people=people, granted_on=granted_on)


# --- referrals, sessions and reports ---------------------------------------------------------


def _refer(*, people: People, requirement: OrderProvision, offer: Offer, on: date, **needs) -> Referral:
    contact = (
        f"{requirement.order.subject.full_name}: 07700 900456\n"
        f"Address: {requirement.order.subject.address_line_1}, {requirement.order.subject.postcode}"
    )
    return referral_send(
        by=people.lead,
        requirement=requirement,
        offer=offer,
        contact_details=contact,
        consent_by=ConsentBy.PARENT if requirement.order.subject.guardian_name else ConsentBy.SUBJECT,
        consent_on=on,
        on=on,
        **needs,
    )


def _child_referrals(*, people: People, offers: dict[str, Offer], order: Order, today: date) -> None:
    """R3 to Southside, contact made (in_contact); R4 first to Riverside's boxing evenings,
    declined (over-16s only), then to its football academy, accepted last week."""
    granted_on = order.made_on
    r3, r4 = (order.provisions.current().get(number=n) for n in (3, 4))
    mentoring = _refer(
        people=people,
        requirement=r3,
        offer=offers[MENTORING],
        on=granted_on,
        relevant_needs="Dyslexia: read written material to him (shared with his mother’s consent).",
    )
    referral_accept(referral=mentoring, by=people.southside, on=granted_on)
    referral_first_contact(referral=mentoring, by=people.southside, on=granted_on + timedelta(days=1), today=today)
    boxing = _refer(people=people, requirement=r4, offer=offers[BOXING], on=granted_on)
    referral_decline(
        referral=boxing,
        by=people.riverside,
        on=granted_on + timedelta(days=3),
        reason="Our boxing evenings are for over-16s only; our weekend football academy can take him.",
    )
    football = _refer(people=people, requirement=r4, offer=offers[FOOTBALL], on=today - timedelta(days=8))
    referral_accept(referral=football, by=people.riverside, on=today - timedelta(days=6))


def _adult_referrals(*, people: People, offers: dict[str, Offer], order: Order, today: date) -> None:
    """R3 to Southside's mentoring, withdrawn (the awareness course suits the requirement), and
    then to the awareness course, sent two days ago and not yet answered."""
    r3 = order.provisions.current().get(number=3)
    mentoring = _refer(people=people, requirement=r3, offer=offers[MENTORING], on=order.made_on)
    referral_withdraw(
        referral=mentoring,
        by=people.lead,
        reason="Referred to the wrong offer: the requirement is the awareness course, not mentoring.",
    )
    _refer(people=people, requirement=r3, offer=offers[AWARENESS], on=today - timedelta(days=2))


def _child_sessions(*, people: People, order: Order, today: date) -> None:
    """R3's weekly sessions generated from its schedule on the day the order was made, up to
    yesterday (every one reported but the last), a past induction meeting, the coming weeks'
    sessions and a review meeting; R4's coming weeks, generated by Riverside."""
    granted_on = order.made_on
    r3, r4 = (order.provisions.current().get(number=n) for n in (3, 4))
    southside = people.southside
    # As the supervisor would have on the day the order was made: the services report only on
    # sessions that have started, within the requirement's period (s23(8)), so the past is real.
    sessions_generate(requirement=r3, membership=southside, weeks=(today - granted_on).days // 7, today=granted_on)
    induction = session_add(
        requirement=r3, membership=southside, on=granted_on + timedelta(days=1), starts=INDUCTION[0], ends=INDUCTION[1]
    )
    _report(induction, southside, attendance=Attendance.ATTENDED, note="Induction with his mother.")
    weekly_sessions = Session.objects.filter(
        requirement=r3, generated=True, starts_at__lt=local_datetime(today, time.min)
    )
    for session, report in zip(weekly_sessions.order_by("starts_at"), WEEKLY_REPORTS, strict=False):
        _report(session, southside, **report)
    sessions_generate(requirement=r3, membership=southside, weeks=6, today=today)
    session_add(
        requirement=r3,
        membership=southside,
        on=today + timedelta(days=3),
        starts=REVIEW_MEETING[0],
        ends=REVIEW_MEETING[1],
    )
    sessions_generate(requirement=r4, membership=people.riverside, weeks=6, today=today)


def _report(session: Session, membership: Membership, **report) -> None:
    """The supervisor's report, made half an hour after the session ended."""
    report_record(session=session, membership=membership, now=session.ends_at + timedelta(minutes=30), **report)


def seed_demo_supervision(*, people: People, today: date) -> int:
    """The catalogue, the two demo orders, their referrals, sessions and reports. Returns how
    many orders were made (0 when they exist already: the offers are then left as they are)."""
    offers = seed_demo_offers(providers={"southside-mentoring": people.southside, "riverside-sports": people.riverside})
    if Case.objects.filter(reference__startswith=REFERENCE_PREFIX).exists():
        return 0
    child = _child_order(people=people, offers=offers, today=today)
    adult = _adult_order(people=people, offers=offers, today=today)
    _child_referrals(people=people, offers=offers, order=child, today=today)
    _adult_referrals(people=people, offers=offers, order=adult, today=today)
    _child_sessions(people=people, order=child, today=today)
    return 2
