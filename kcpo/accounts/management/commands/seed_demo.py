"""`python manage.py seed_demo`: demo organisations, one user per role, and a few cases.

Idempotent: a second run finds what the first made and changes nothing. Refuses to run
unless ALLOW_DEMO_DATA is on (it is by default only with DEBUG), because it creates
accounts with a published password.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from breaches.demo import seed_demo_breaches
from cases.models import Case, Subject
from cases.selectors import case_shared_with
from cases.services import case_open, case_share, occasion_record, subject_create
from eligibility.services import in_force_period_record
from kcpo.accounts.models import Membership, Organisation, Role, User
from kcpo.accounts.services import membership_create, organisation_create, user_create
from orders.demo import demo_applications, seed_demo_applications
from oversight.population import estimates_load
from provision.demo import CHILD_AGE, CHILD_REFERENCE, People, demo_orders, seed_demo_supervision

DEMO_PASSWORD = "kcpo-demo-password"  # noqa: S105 - published demo credential, see README

T = Organisation.Type
ORGANISATIONS = [
    # (code, name, type, extra)
    ("metropolitan", "Metropolitan Police Service", T.POLICE_FORCE, {"police_force_kind": "territorial"}),
    ("thames-valley", "Thames Valley Police", T.POLICE_FORCE, {"police_force_kind": "territorial"}),
    ("cps-london", "CPS London", T.CPS_AREA, {}),
    ("lambeth-yot", "Lambeth Youth Offending Service", T.YOT, {}),
    ("southwark-yot", "Southwark Youth Offending Team", T.YOT, {}),
    ("westminster-magistrates", "Westminster Magistrates' Court", T.COURT, {"court_kind": "magistrates"}),
    ("camberwell-youth", "Camberwell Green Youth Court", T.COURT, {"court_kind": "youth"}),
    ("southside-mentoring", "Southside Mentoring Trust (demo)", T.PROVIDER, {}),
    ("riverside-sports", "Riverside Sports Academy (demo)", T.PROVIDER, {}),
]

USERS = [
    # (email, full name, organisation code, role, is_staff)
    ("officer@met.demo.example", "Priya Shah", "metropolitan", Role.POLICE_OFFICER, False),
    ("lead@met.demo.example", "Daniel Okafor", "metropolitan", Role.KCPO_LEAD, False),
    ("authoriser@met.demo.example", "Superintendent Helen Ward", "metropolitan", Role.AUTHORISING_OFFICER, False),
    ("lawyer@cps.demo.example", "Marcus Bell", "cps-london", Role.CPS_LAWYER, False),
    ("yot@lambeth.demo.example", "Grace Mensah", "lambeth-yot", Role.YOT_WORKER, False),
    ("supervisor@southside.demo.example", "Tom Reilly", "southside-mentoring", Role.SUPERVISOR, False),
    ("supervisor@riverside.demo.example", "Nadia Osei", "riverside-sports", Role.SUPERVISOR, False),
    ("analyst@met.demo.example", "Aisha Rahman", "metropolitan", Role.ANALYST, False),
    ("admin@met.demo.example", "Chris Lowe", "metropolitan", Role.ADMINISTRATOR, True),
    ("lead@tvp.demo.example", "Sam Fletcher", "thames-valley", Role.KCPO_LEAD, False),
]

CASES = [
    # (reference, force code, given names, family name, date of birth, lead email, shared with)
    ("MET-KCPO-0001", "metropolitan", "Jordan", "Ellis", date(2010, 3, 14), "lead@met.demo.example", ["lambeth-yot"]),
    ("MET-KCPO-0002", "metropolitan", "Kieran", "Walsh", date(2003, 8, 2), "lead@met.demo.example", ["cps-london"]),
    ("MET-KCPO-0003", "metropolitan", "Tyrese", "Campbell", date(2008, 11, 30), "officer@met.demo.example", []),
    ("TVP-KCPO-0001", "thames-valley", "Liam", "Hughes", date(2005, 5, 21), "lead@tvp.demo.example", []),
]

# Who the supervision demo (provision.demo.People) acts as: (key, email, organisation code).
SUPERVISION_PEOPLE = [
    ("lead", "lead@met.demo.example", "metropolitan"),
    ("authoriser", "authoriser@met.demo.example", "metropolitan"),
    ("yot", "yot@lambeth.demo.example", "lambeth-yot"),
    ("southside", "supervisor@southside.demo.example", "southside-mentoring"),
    ("riverside", "supervisor@riverside.demo.example", "riverside-sports"),
]

# A made-up population baseline for the statistics page's disproportionality table (the real
# one is loaded with `manage.py load_population_estimates`, e.g. from the Census 2021).
DEMO_POPULATION = """area,ethnic_group,population
Lambeth,White,176000
Lambeth,Black,76000
Lambeth,Asian,22000
Lambeth,Mixed,26000
Lambeth,Other,17000
Southwark,White,158000
Southwark,Black,75000
Southwark,Asian,31000
Southwark,Mixed,22000
Southwark,Other,21000
"""

# The national roll-out date is unknown (reference/procedure-and-commencement.md A1), so the
# demo assumes one, clearly labelled, to let the demo forces' cases be assessed today.
ASSUMED_ROLL_OUT = date(2025, 1, 1)

# Occasions relative to the day the demo is loaded, so the determination is live: Jordan has
# two qualifying occasions (eligible), Kieran one (not yet), Tyrese one at home (does not count).
OCCASIONS = {
    "MET-KCPO-0001": [
        (150, "public_place", "", "Acre Lane, Brixton", "Kitchen knife, 20 cm blade"),
        (40, "school_premises", "Stockwell Park School", "Clapham Road, Stockwell", "Folding lock knife"),
    ],
    "MET-KCPO-0002": [(90, "public_place", "", "Peckham Rye station", "Machete")],
    "MET-KCPO-0003": [(60, "other", "Private home", "Address withheld, Tooting", "Kitchen knife")],
}


class Command(BaseCommand):
    help = "Create demo organisations, users (one per role) and cases. Safe to run twice."

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError("Demo data is disabled. Set ALLOW_DEMO_DATA=true (never on a real deployment).")
        with transaction.atomic():
            organisations = {
                code: self._organisation(code, name, type_, extra) for code, name, type_, extra in ORGANISATIONS
            }
            users = {}
            for email, full_name, org_code, role, is_staff in USERS:
                users[email] = self._user(email, full_name, is_staff)
                if not Membership.objects.filter(user=users[email], organisation=organisations[org_code]).exists():
                    membership_create(user=users[email], organisation=organisations[org_code], role=role)
            for code in ("metropolitan", "thames-valley"):
                in_force_period_record(
                    police_area=code,
                    starts_on=ASSUMED_ROLL_OUT,
                    ends_on=None,
                    legal_basis="ASSUMED for the demo only: a national roll-out (no such commencement is known)",
                    is_assumption=True,
                )
            for reference, force, given, family, dob, lead_email, shared_with in CASES:
                self._case(
                    reference, organisations[force], given, family, dob, users[lead_email], shared_with, organisations
                )
            people = {
                key: Membership.objects.get(user=users[email], organisation=organisations[code])
                for key, email, code in (
                    ("officer", "officer@met.demo.example", "metropolitan"),
                    ("authoriser", "authoriser@met.demo.example", "metropolitan"),
                    ("lawyer", "lawyer@cps.demo.example", "cps-london"),
                )
            }
            today = timezone.localdate()
            seed_demo_applications(people=people, cps_area=organisations["cps-london"], today=today)
            supervision = People(
                **{
                    key: Membership.objects.get(user=users[email], organisation=organisations[code])
                    for key, email, code in SUPERVISION_PEOPLE
                }
            )
            seed_demo_supervision(people=supervision, today=today)
            seed_demo_breaches(lead=supervision.lead, today=today)
            if not organisations["metropolitan"].population_estimates.exists():
                estimates_load(
                    force=organisations["metropolitan"], text=DEMO_POPULATION, source="Demo figures, not real"
                )

        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("Demo applications (python manage.py render_forms --application REFERENCE --out DIR):")
        for application in demo_applications():
            self.stdout.write(
                f"  {application.case.reference}  {application.get_route_display()}, {application.get_state_display()}"
            )
        self._describe_supervision()
        self.stdout.write("Sign in at /sign-in/ with any of:")
        width = max(len(email) for email, *_ in USERS)
        for email, _name, org_code, role, _staff in USERS:
            self.stdout.write(f"  {email:<{width}}  {Role(role).label:<20} {organisations[org_code].name}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")

    def _describe_supervision(self):
        child = demo_orders().get(CHILD_REFERENCE)
        if child is None:
            return
        self.stdout.write(
            f"Supervision demo: {child.subject.full_name} ({CHILD_REFERENCE}, aged {CHILD_AGE}, Lambeth YOT "
            "consulted). As supervisor@southside.demo.example open R3 (weekly mentoring): past sessions with every "
            "attendance, upcoming ones; supervisor@riverside.demo.example supervises R4."
        )
        self.stdout.write(
            "  lead@met.demo.example: referrals in every state, police checks and breaches (every decision, "
            "court outcomes) on MET-SUP-001 and MET-SUP-002; yot@lambeth.demo.example: the child's non-compliance."
        )

    def _organisation(self, code, name, type_, extra):
        existing = Organisation.objects.filter(code=code).first()
        return existing or organisation_create(name=name, code=code, type=type_, **extra)

    def _user(self, email, full_name, is_staff):
        existing = User.objects.filter(email__iexact=email).first()
        return existing or user_create(email=email, full_name=full_name, password=DEMO_PASSWORD, is_staff=is_staff)

    def _case(self, reference, force, given, family, dob, lead, shared_with, organisations):
        case = Case.objects.filter(reference=reference).first()
        lead_membership = Membership.objects.get(user=lead, organisation=force)
        if case is None:
            subject = Subject.objects.filter(
                owner=force, given_names=given, family_name=family, date_of_birth=dob
            ).first()
            if subject is None:
                subject = subject_create(
                    owner=force,
                    given_names=given,
                    family_name=family,
                    date_of_birth=dob,
                    by=lead,
                    membership=lead_membership,
                )
            case = case_open(
                subject=subject, reference=reference, lead_officer=lead, by=lead, membership=lead_membership
            )
        if reference in OCCASIONS and not case.subject.occasions.exists():
            today = timezone.localdate()
            for days_ago, place, place_description, location, article in OCCASIONS[reference]:
                occasion_record(
                    subject=case.subject,
                    occurred_on=today - timedelta(days=days_ago),
                    place=place,
                    place_description=place_description,
                    location=location,
                    article=article,
                    source="stop_and_search",
                    source_reference=f"DEMO-{reference}-{days_ago}",
                    today=today,
                    by=lead,
                    membership=lead_membership,
                )
        for code in shared_with:
            if not case_shared_with(case=case, organisation=organisations[code]):
                case_share(
                    case=case, organisation=organisations[code], by=lead, membership=lead_membership, reason="Demo data"
                )
