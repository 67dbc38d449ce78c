"""Demo applications in every state of every route, made through the real services, so the
demo shows each page and each next step (`seed_demo` calls this; idempotent)."""

from datetime import date, timedelta

from cases.models import Case
from cases.services import case_open, subject_create
from eligibility.core.dates import add_years
from kcpo.accounts.models import Membership
from orders import drafting, services
from orders.review import TRANSITION_SERVICES
from orders.workflow import TRANSITIONS, Route, State

REFERENCE_PREFIX = "MET-APP-"

# The happy path of each route, as (transition, who does it). Each demo application follows
# a prefix of its route's path, and some end with a branch (a return, a refusal …).
PATHS = {
    Route.S14_WITH_NOTICE: [
        ("submit_for_authorisation", "officer"),
        ("authorise", "authoriser"),
        ("lay_complaint", "officer"),
        ("grant", "officer"),
    ],
    Route.S14_WITHOUT_NOTICE: [
        ("submit_for_authorisation", "officer"),
        ("authorise", "authoriser"),
        ("lay_complaint", "officer"),
        ("record_interim_order", "officer"),
        ("grant", "officer"),
    ],
    Route.S14_WITH_INTERIM: [
        ("submit_for_authorisation", "officer"),
        ("authorise", "authoriser"),
        ("lay_complaint", "officer"),
        ("record_interim_order", "officer"),
        ("grant", "officer"),
    ],
    Route.S19: [
        ("submit_for_authorisation", "officer"),
        ("authorise", "authoriser"),
        ("submit_to_cps", "officer"),
        ("cps_return", "lawyer"),
        ("resubmit_to_cps", "officer"),
        ("cps_accept", "lawyer"),
        ("grant", "officer"),
    ],
}
# States off the happy path: (transition, who, the state it branches from; None = just before the order).
BRANCHES = {
    State.RETURNED_BY_AUTHORISER: ("return_for_changes", "authoriser", State.AWAITING_AUTHORISATION),
    State.WITHDRAWN: ("withdraw", "officer", State.AUTHORISED),
    State.DECLINED_BY_CPS: ("cps_decline", "lawyer", State.SUBMITTED_TO_CPS),
    State.ENDED: ("end_on_acquittal", "lawyer", State.ACCEPTED_BY_CPS),
    State.REFUSED: ("refuse", "officer", None),
}
GIVEN = ["Aaron", "Bola", "Callum", "Dami", "Ethan", "Femi", "George", "Hassan", "Isaac", "Jaden", "Kofi", "Leon"]
FAMILY = ["Adeyemi", "Brooks", "Carter", "Dawson", "Ellison", "Francis", "Grant", "Hughes", "Ibrahim", "Jones"]


def _prefix_to(route: Route, state: State) -> list[tuple[str, str]] | None:
    """The shortest prefix of the route's happy path that ends in `state`."""
    if state == State.DRAFT:
        return []
    path = PATHS[route]
    for i, (name, _who) in enumerate(path):
        if TRANSITIONS[name].target == state:
            return path[: i + 1]
    return None


def _steps(route: Route, state: State) -> list[tuple[str, str]] | None:
    """The transitions that take a new application of `route` to `state`, or None if the
    route never reaches it."""
    steps = _prefix_to(route, state)
    if steps is not None or state not in BRANCHES:
        return steps
    name, who, branch_from = BRANCHES[state]
    before = PATHS[route][:-1] if branch_from is None else _prefix_to(route, branch_from)
    if before is None or route not in TRANSITIONS[name].routes:
        return None
    return [*before, (name, who)]


def seed_demo_applications(*, people: dict[str, Membership], cps_area, today: date) -> int:
    """One application per reachable (route, state), each on its own demo case. Returns how
    many were made (0 when they exist already)."""
    if Case.objects.filter(reference__startswith=REFERENCE_PREFIX).exists():
        return 0
    officer = people["officer"]
    made = 0
    for route in Route:
        for state in State:
            steps = _steps(route, state)
            if steps is None:
                continue
            n = made
            subject = subject_create(
                owner=officer.organisation,
                given_names=GIVEN[n % len(GIVEN)],
                family_name=FAMILY[(n // len(GIVEN)) % len(FAMILY)],
                # Adults, so no YOT consultation is needed; add_years copes with 29 February.
                date_of_birth=add_years(today, -19) - timedelta(days=n),
                by=officer.user,
                membership=officer,
            )
            case = case_open(
                subject=subject,
                lead_officer=officer.user,
                by=officer.user,
                membership=officer,
                reference=f"{REFERENCE_PREFIX}{n + 1:03d}",
            )
            application = services.application_start(case=case, route=route, membership=officer, today=today)
            application = services.application_update(
                application=application,
                membership=officer,
                expected_version=application.version,
                necessity_grounds=["protect_public", "prevent_offence"],
                grounds_argument="Two occasions with a bladed article in public places within six months (demo).",
                proposed_duration_months=12,
                without_notice_reasons=(
                    "Credible intelligence of planned retaliation this weekend (demo)."
                    if route == Route.S14_WITHOUT_NOTICE
                    else ""
                ),
            )
            drafting.provision_save(
                application=application,
                membership=officer,
                expected_version=application.version,
                kind="prohibition",
                category="not_to_attend_location",
                wording="Not to enter the area of Brixton shown on the attached map (demo)",
                purposes=["protect_public"],
                rationale="Both occasions were inside this area.",
                evidence="MG11 statement of the lead officer; stop and search records.",
            )
            for name, who in steps:
                extra = {"cps_area": cps_area} if name == "submit_to_cps" else {}
                if TRANSITIONS[name].needs_reason:
                    extra["reason"] = "Demo: recorded to show this state."
                # The services the pages use, so a demo submission has its snapshot for the CPS.
                application = TRANSITION_SERVICES[name](application=application, membership=people[who], **extra)
            made += 1
    return made
