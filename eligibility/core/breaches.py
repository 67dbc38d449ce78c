"""Whether a child's breach of an order is "more than trivial": the guidance's test for
prosecuting a breach by someone under 18 (seeds/001, "Breaches of KCPOs"):

    In the case of under 18 only, a breach should only be prosecuted only where it is 'more
    than trivial', for example: failing to attend two or more sessions of an activity stated in
    a requirement; failing to obey a curfew by more than 15 minutes; being in a place which they
    are prohibited from attending; associating with individuals which they are prohibited from
    associating with. Contravening prohibitions will normally be considered 'more than
    trivial'. This list is not exhaustive.

Pure facts in (counted by the caller from the supervisors' reports and the police checks), the
assessment out with the facts that meet it. Because the list is not exhaustive, facts that meet
none of the examples do not make a breach trivial: the assessment then says the examples are not
met and the decision is the police's judgement."""

from dataclasses import dataclass
from enum import StrEnum

from eligibility.core.provisions import ProvisionCategory, ProvisionKind

SOURCE = "Home Office guidance, “Breaches of KCPOs” (under 18s)"
# "failing to attend two or more sessions of an activity stated in a requirement"
MISSED_SESSIONS = 2
# "failing to obey a curfew by more than 15 minutes"
CURFEW_MINUTES = 15


class Triviality(StrEnum):
    NOT_APPLICABLE = "not_applicable"  # 18 or over: the test is for under-18s only
    MORE_THAN_TRIVIAL = "more_than_trivial"  # one of the guidance's examples is met
    EXAMPLES_NOT_MET = "examples_not_met"  # none is: the list is not exhaustive, so a judgement


@dataclass(frozen=True)
class BreachFacts:
    """What the records show about one suspected breach.

    `provision_kind`/`category`: the provision breached (None for the s24 notification duty).
    `missed_sessions`: sessions of that requirement reported "failed to attend" (excused ones
    are not failures). `curfew_minutes_outside`: for a curfew, the most minutes outside it any
    check found. `in_prohibited_place`/`prohibited_association`: a check found the subject where,
    or with whom, the order forbids."""

    under_18: bool
    provision_kind: ProvisionKind | None = None
    category: ProvisionCategory | None = None
    label: str = ""
    missed_sessions: int = 0
    curfew_minutes_outside: int | None = None
    in_prohibited_place: bool = False
    prohibited_association: bool = False


@dataclass(frozen=True)
class TrivialityAssessment:
    result: Triviality
    reasons: tuple[str, ...]  # the facts that meet the test, or why none does
    source: str = SOURCE

    @property
    def more_than_trivial(self) -> bool:
        return self.result == Triviality.MORE_THAN_TRIVIAL


def assess_triviality(facts: BreachFacts) -> TrivialityAssessment:
    """The guidance's "more than trivial" test for a suspected breach by an under-18."""
    if not facts.under_18:
        return TrivialityAssessment(
            Triviality.NOT_APPLICABLE, ("The subject is 18 or over: the “more than trivial” test is for under-18s.",)
        )
    what = facts.label or "the provision"
    met = []
    if facts.provision_kind == ProvisionKind.REQUIREMENT and facts.missed_sessions >= MISSED_SESSIONS:
        met.append(f"Failed to attend {facts.missed_sessions} sessions of {what} (two or more).")
    if facts.category == ProvisionCategory.CURFEW:
        minutes = facts.curfew_minutes_outside
        if minutes is not None and minutes > CURFEW_MINUTES:
            met.append(f"Broke the curfew ({what}) by {minutes} minutes (more than {CURFEW_MINUTES}).")
    if facts.in_prohibited_place:
        met.append(f"Was in a place {what} prohibits.")
    if facts.prohibited_association:
        met.append(f"Associated with someone {what} prohibits associating with.")
    contravened_prohibition = facts.provision_kind == ProvisionKind.PROHIBITION and facts.category not in (
        ProvisionCategory.CURFEW,  # the curfew has its own 15-minute example
    )
    if contravened_prohibition and not met:
        met.append(f"Contravened a prohibition ({what}): normally more than trivial.")
    if met:
        return TrivialityAssessment(Triviality.MORE_THAN_TRIVIAL, tuple(met))
    return TrivialityAssessment(Triviality.EXAMPLES_NOT_MET, (_not_met(facts, what),))


def _not_met(facts: BreachFacts, what: str) -> str:
    tail = " The guidance’s list is not exhaustive: whether it is more than trivial is for the police to judge."
    if facts.provision_kind is None:
        return "A failure to notify (s24) is not among the guidance’s examples." + tail
    if facts.provision_kind == ProvisionKind.REQUIREMENT:
        missed = facts.missed_sessions
        sessions = "no session" if missed == 0 else "1 session" if missed == 1 else f"{missed} sessions"
        return f"Failed to attend {sessions} of {what}: the example is two or more." + tail
    minutes = facts.curfew_minutes_outside
    shown = "no check shows it broken" if minutes is None else f"broken by {minutes} minutes"
    return f"The curfew ({what}): {shown}; the example is more than {CURFEW_MINUTES} minutes." + tail
