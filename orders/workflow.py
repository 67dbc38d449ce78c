"""The application's state machine, as data: every state, every transition, who may make
it, on which routes, and from where (DESIGN §3). One service per transition lives in
orders/services.py and goes through `orders.services._transition`, which enforces this table.

Routes (OWA 2019):
- s14 with notice: draft → authorised (s15(1)) → [YOT consulted if under 18, s15(5)] →
  complaint laid → hearing → granted / refused / withdrawn.
- s14 without notice (s16): draft → authorised → laid without notice → interim order (s17,
  prohibitions only) → [YOT consulted before the full hearing] → granted / refused.
- s14 with an interim order (s18): as with notice, with an interim order while the
  application is not determined.
- s19 on conviction: draft → authorised → [YOT consulted if under 18, s20] → submitted to
  the CPS → returned (amend, resubmit) / declined / accepted → order made at sentencing
  (granted) / refused; acquittal or discontinuance ends it.
"""

from dataclasses import dataclass

from django.db import models

from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role


class Route(models.TextChoices):
    S14_WITH_NOTICE = "s14_with_notice", "Section 14, with notice"
    S14_WITHOUT_NOTICE = "s14_without_notice", "Section 14, without notice (s16) with an interim order (s17)"
    S14_WITH_INTERIM = "s14_with_interim", "Section 14, with an interim order while undetermined (s18)"
    S19 = "s19", "On conviction (s19)"


S14_ROUTES = frozenset({Route.S14_WITH_NOTICE, Route.S14_WITHOUT_NOTICE, Route.S14_WITH_INTERIM})
INTERIM_ROUTES = frozenset({Route.S14_WITHOUT_NOTICE, Route.S14_WITH_INTERIM})
ALL_ROUTES = frozenset(Route)


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Waiting for authorisation"
    RETURNED_BY_AUTHORISER = "returned_by_authoriser", "Returned by the authorising officer"
    AUTHORISED = "authorised", "Authorised"
    SUBMITTED_TO_CPS = "submitted_to_cps", "With the CPS"
    RETURNED_BY_CPS = "returned_by_cps", "Returned by the CPS"
    ACCEPTED_BY_CPS = "accepted_by_cps", "Accepted by the CPS"
    DECLINED_BY_CPS = "declined_by_cps", "Declined by the CPS"
    LAID = "laid", "Application made to the court"
    INTERIM_ORDER = "interim_order", "Interim order made"
    GRANTED = "granted", "Order made"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ENDED = "ended", "Ended (acquittal or discontinuance)"


TERMINAL = frozenset({State.GRANTED, State.REFUSED, State.WITHDRAWN, State.DECLINED_BY_CPS, State.ENDED})
# The police may change an application's content only in these states.
EDITABLE = frozenset({State.DRAFT, State.RETURNED_BY_AUTHORISER, State.RETURNED_BY_CPS})
LIVE = frozenset(State) - TERMINAL


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the button
    sources: frozenset[State]
    target: State
    roles: frozenset[str]
    routes: frozenset[Route]
    needs_reason: bool = False
    # Made only by recording a hearing's outcome (orders.court), which records the order
    # or refusal reason too; never offered as a button on its own.
    at_hearing: bool = False


AUTHORISERS = frozenset({Role.AUTHORISING_OFFICER})
CPS_LAWYERS = frozenset({Role.CPS_LAWYER})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit_for_authorisation",
            "Send for authorisation",
            frozenset({State.DRAFT, State.RETURNED_BY_AUTHORISER}),
            State.AWAITING_AUTHORISATION,
            POLICE_CASEWORK,
            ALL_ROUTES,
        ),
        Transition(
            "authorise",
            "Authorise the application",
            frozenset({State.AWAITING_AUTHORISATION}),
            State.AUTHORISED,
            AUTHORISERS,
            ALL_ROUTES,
        ),
        Transition(
            "return_for_changes",
            "Return for changes",
            frozenset({State.AWAITING_AUTHORISATION}),
            State.RETURNED_BY_AUTHORISER,
            AUTHORISERS,
            ALL_ROUTES,
            needs_reason=True,
        ),
        Transition(
            "submit_to_cps",
            "Submit to the CPS",
            frozenset({State.AUTHORISED}),
            State.SUBMITTED_TO_CPS,
            POLICE_CASEWORK,
            frozenset({Route.S19}),
        ),
        Transition(
            "resubmit_to_cps",
            "Resubmit to the CPS",
            frozenset({State.RETURNED_BY_CPS}),
            State.SUBMITTED_TO_CPS,
            POLICE_CASEWORK,
            frozenset({Route.S19}),
        ),
        Transition(
            "cps_return",
            "Return to the police",
            frozenset({State.SUBMITTED_TO_CPS}),
            State.RETURNED_BY_CPS,
            CPS_LAWYERS,
            frozenset({Route.S19}),
            needs_reason=True,
        ),
        Transition(
            "cps_accept",
            "Accept",
            frozenset({State.SUBMITTED_TO_CPS}),
            State.ACCEPTED_BY_CPS,
            CPS_LAWYERS,
            frozenset({Route.S19}),
        ),
        Transition(
            "cps_decline",
            "Decline",
            frozenset({State.SUBMITTED_TO_CPS}),
            State.DECLINED_BY_CPS,
            CPS_LAWYERS,
            frozenset({Route.S19}),
            needs_reason=True,
        ),
        Transition(
            "lay_complaint",
            "Record that the complaint was laid",
            frozenset({State.AUTHORISED}),
            State.LAID,
            POLICE_CASEWORK,
            S14_ROUTES,
        ),
        Transition(
            "record_interim_order",
            "Record an interim order",
            frozenset({State.LAID}),
            State.INTERIM_ORDER,
            POLICE_CASEWORK,
            INTERIM_ROUTES,
            at_hearing=True,
        ),
        Transition(
            "grant",
            "Record that the order was made",
            frozenset({State.LAID, State.INTERIM_ORDER, State.ACCEPTED_BY_CPS}),
            State.GRANTED,
            POLICE_CASEWORK,
            ALL_ROUTES,
            at_hearing=True,
        ),
        Transition(
            "refuse",
            "Record that the court refused",
            frozenset({State.LAID, State.INTERIM_ORDER, State.ACCEPTED_BY_CPS}),
            State.REFUSED,
            POLICE_CASEWORK,
            ALL_ROUTES,
            needs_reason=True,
            at_hearing=True,
        ),
        Transition(
            "withdraw",
            "Withdraw the application",
            LIVE,
            State.WITHDRAWN,
            POLICE_CASEWORK,
            ALL_ROUTES,
            needs_reason=True,
        ),
        Transition(
            "end_on_acquittal",
            "Record acquittal or discontinuance",
            LIVE - {State.DRAFT},
            State.ENDED,
            POLICE_CASEWORK | CPS_LAWYERS,
            frozenset({Route.S19}),
            needs_reason=True,
        ),
    )
}


def available_transitions(*, route: str, state: str, role: str, at_hearing: bool | None = None) -> list[Transition]:
    """What the acting role could do next (before guards such as checks or consultation);
    `at_hearing` True or False keeps only the moves made, or not made, by a hearing's outcome."""
    return [
        t
        for t in TRANSITIONS.values()
        if state in t.sources
        and route in t.routes
        and role in t.roles
        and (at_hearing is None or t.at_hearing == at_hearing)
    ]
