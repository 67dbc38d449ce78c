"""Demo applications in every state of every route, made through the real services, so the
demo shows each page and each next step (`seed_demo` calls this; idempotent)."""

from datetime import date, timedelta

from cases.models import Case, Conviction, Subject
from cases.services import case_open, conviction_record, subject_create
from eligibility.core import Disposal, HearingKind
from eligibility.core.dates import add_years
from kcpo.accounts.models import Membership
from orders import court, drafting, services, variations
from orders.models import (
    Application,
    HearingOutcome,
    Order,
    OrderKind,
    ProceedingApplicant,
    ProceedingKind,
    ProceedingOutcome,
    ProceedingSought,
    RefusalReason,
)
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
# s19 applications made at, or refused at, the sentencing hearing: their offence has a verdict
# and a sentence. Every other s19 demo application is drafted before the verdict.
SENTENCED = frozenset({State.GRANTED, State.REFUSED})
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


# The moves a hearing's outcome makes (orders.workflow: at_hearing), as the outcome recorded.
HEARING_OUTCOMES = {
    "record_interim_order": HearingOutcome.INTERIM_ORDER,
    "grant": HearingOutcome.GRANTED,
    "refuse": HearingOutcome.REFUSED,
}


def at_hearing(*, application: Application, name: str, membership: Membership, today: date) -> Application:
    """Make an at-hearing move the way the court pages do (orders.court): list a hearing today
    and record its outcome, with the order as made (every proposed provision as worded)."""
    if application.route == Route.S19:
        kind = HearingKind.SENTENCING  # s19: the order is made, if at all, with the sentence
    elif name == "record_interim_order" and application.route == Route.S14_WITHOUT_NOTICE:
        kind = HearingKind.WITHOUT_NOTICE  # s16-s17
    else:
        kind = HearingKind.FULL
    hearing = court.hearing_list(application=application, membership=membership, court=None, on=today, kind=kind)
    outcome = HEARING_OUTCOMES[name]
    terms = None
    if outcome in court.ORDER_OUTCOMES:
        terms = court.OrderTerms.as_proposed(
            application,
            court_reference=f"{application.case.reference}/{outcome.value}",
            duration_months=application.proposed_duration_months if outcome == HearingOutcome.GRANTED else None,
        )
    court.hearing_record_outcome(
        hearing=hearing,
        membership=membership,
        outcome=outcome,
        today=today,
        refusal_reason=RefusalReason.NOT_NECESSARY if outcome == HearingOutcome.REFUSED else "",
        notes="Demo: recorded to show this state." if outcome == HearingOutcome.REFUSED else "",
        order_terms=terms,
    )
    return Application.objects.get(pk=application.pk)


# With-notice applications the defence has answered (Appendix D): laid, and decided at a hearing.
DEFENCE_RESPONDED = frozenset({State.LAID, State.GRANTED, State.REFUSED})


def _defence_notice(*, application: Application, officer: Membership, today: date) -> None:
    """The defence's notice in response: its own evidence, and a hearsay witness to cross-examine."""
    court.defendant_notice_record(
        application=application,
        membership=officer,
        served_on=today,
        purposes=["own_evidence", "cross_examine"],
        evidence_relied_on="Letter from the defendant’s college (demo)\nStatement of the defendant’s mother (demo)",
        witnesses_to_cross_examine="The maker of the hearsay statement about the second occasion (demo)",
        cross_examination_reasons="The defendant disputes that he was there (demo)",
        defendant_contact="c/o Demo & Co Solicitors, 1 Brixton Road, London SW9 6DE",
        today=today,
    )


def _demo_offence(*, subject: Subject, officer: Membership, today: date, sentenced: bool) -> Conviction:
    """A charge of having a bladed article in public, for an s19 demo application to follow:
    awaiting the verdict, or convicted a week ago and sentenced today."""
    verdict = (
        {"convicted_on": today - timedelta(days=7), "sentenced_on": today, "disposal": Disposal.SENTENCE.value}
        if sentenced
        else {}
    )
    return conviction_record(
        subject=subject,
        offence="Having a bladed article in a public place (demo)",
        offence_date=today - timedelta(days=60),
        charged_on=today - timedelta(days=59),
        bladed_article_had=True,
        court="Highbury Corner Magistrates’ Court",
        today=today,
        by=officer.user,
        membership=officer,
        **verdict,
    )


def demo_applications():
    """The demo applications, by their cases' references."""
    return (
        Application.objects.filter(case__reference__startswith=REFERENCE_PREFIX)
        .select_related("case")
        .order_by("case__reference", "id")
    )


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
            # s19: the prosecution the application follows (each demo subject is new, so it has none).
            offence = (
                _demo_offence(subject=subject, officer=officer, today=today, sentenced=state in SENTENCED)
                if route == Route.S19
                else None
            )
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
                conviction=offence,
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
                if TRANSITIONS[name].at_hearing:
                    application = at_hearing(application=application, name=name, membership=people[who], today=today)
                    continue
                extra = {"cps_area": cps_area} if name == "submit_to_cps" else {}
                if TRANSITIONS[name].needs_reason:
                    extra["reason"] = "Demo: recorded to show this state."
                # The services the pages use, so a demo submission has its snapshot for the CPS.
                application = TRANSITION_SERVICES[name](application=application, membership=people[who], **extra)
            if route == Route.S14_WITH_NOTICE and state in DEFENCE_RESPONDED:
                _defence_notice(application=application, officer=officer, today=today)
            made += 1
    _demo_proceedings(officer=officer, today=today)
    return made


def _demo_proceedings(*, officer: Membership, today: date) -> None:
    """On the demo's full orders: a defendant's application to discharge awaiting the police's
    representations, and a police application to vary that the court granted, so the order page
    shows both and the proceeding page what changed."""
    orders = list(
        Order.objects.filter(application__in=demo_applications(), kind=OrderKind.FULL).order_by(
            "application__case__reference"
        )
    )
    if len(orders) < 2:
        return
    waiting, varied = orders[0], orders[1]
    common = {"membership": officer, "kind": ProceedingKind.APPLICATION, "made_on": today, "today": today}
    variations.proceeding_start(
        order=waiting,
        applicant=ProceedingApplicant.DEFENDANT,
        sought=ProceedingSought.DISCHARGE,
        reasons="The defendant has started an apprenticeship and says the order is no longer needed (demo).",
        **common,
    )
    proceeding = variations.proceeding_start(
        order=varied,
        applicant=ProceedingApplicant.POLICE,
        sought=ProceedingSought.VARY,
        reasons="The defendant has moved; the exclusion area should follow the new address (demo).",
        proposed_changes="P1 to name Croydon town centre instead of Brixton (demo).",
        **common,
    )
    p1 = varied.provisions.current().order_by("number").first()
    variations.proceeding_decide(
        proceeding=proceeding,
        membership=officer,
        decision=variations.Decision(
            outcome=ProceedingOutcome.VARIED,
            decided_on=today,
            notes="Varied as the police proposed (demo).",
            provisions=(
                variations.VariedProvision(
                    number=p1.number,
                    wording="Not to enter Croydon town centre shown on the attached map (demo)",
                    period_months=p1.period_months,
                ),
            ),
        ),
        today=today,
    )
