"""Demo police checks and breaches on the supervision demo's two orders (provision.demo), made
through breaches.services so the audit rows are real (`seed_demo` calls this; idempotent).

Between them the breaches are in every state the police and the court can leave one in:
undecided; each decision (no further action, words of advice, consider varying the order
(s27), arrest, charge under s29, and under s25 for a failure to notify the police, s24); and
charged, with and without the court's outcome. The child's show the guidance's "more than
trivial" test (seeds/001) both ways: two missed sessions and a curfew broken by more than 15
minutes are; a curfew broken by 10 minutes is not."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from breaches.models import Breach, BreachDecision, CameToLight, CheckKind, CourtOutcome, PoliceCheck
from breaches.services import breach_court_outcome, breach_decide, breach_record, check_record
from kcpo.accounts.models import Membership
from kcpo.clock import local_datetime
from orders.models import Order
from provision.demo import ADULT_REFERENCE, CHILD_REFERENCE, demo_orders
from provision.models import Attendance, ComplianceReport

OFFICER = "PC 4521 Adams (demo)"


@dataclass(frozen=True)
class Check:
    """A police check, `days` after the order was made, at `clock`; `label` names it below."""

    label: str
    kind: str
    days: int
    clock: time
    place: str
    complied: bool
    prohibition: int  # the number of the prohibition checked (P1 place, P2 curfew)
    minutes_outside: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Decision:
    decision: str
    after_days: int  # after the breach
    reason: str


@dataclass(frozen=True)
class CourtResult:
    outcome: str
    after_days: int  # after the decision
    notes: str = ""


@dataclass(frozen=True)
class DemoBreach:
    """A breach `days` after the order was made: of provision number `provision`, or of the
    notification duty (None); its evidence (the checks by label, and for a requirement its
    failed sessions' reports); then the decision and the court's outcome, if any."""

    days: int
    provision: int | None
    came_to_light: str
    evidence: str
    checks: tuple[str, ...] = ()
    failed_reports: bool = False
    decision: Decision | None = None
    court: CourtResult | None = None


CHECKS = {
    CHILD_REFERENCE: [
        Check("child-curfew-ok", CheckKind.CURFEW, 9, time(22, 30), "41 Railton Road", True, 2),
        Check("child-place-ok", CheckKind.PLACE, 16, time(15, 0), "Brixton Road", True, 1, notes="Not seen."),
        Check("child-curfew-10", CheckKind.CURFEW, 23, time(21, 10), "41 Railton Road", False, 2, 10, "Arrived 21:10."),
        Check("child-curfew-45", CheckKind.CURFEW, 44, time(21, 45), "41 Railton Road", False, 2, 45, "Arrived 21:45."),
    ],
    ADULT_REFERENCE: [
        Check("adult-curfew-ok", CheckKind.CURFEW, 6, time(23, 0), "7 Rye Lane", True, 2),
        Check("adult-place", CheckKind.PLACE, 12, time(14, 20), "Rye Lane, Peckham", False, 1, notes="Seen by PCSO."),
        Check("adult-curfew-90", CheckKind.CURFEW, 30, time(23, 30), "7 Rye Lane", False, 2, 90, "Arrived 23:30."),
    ],
}

BREACHES = {
    CHILD_REFERENCE: [
        DemoBreach(
            days=47,
            provision=3,
            came_to_light=CameToLight.SUPERVISOR_REPORT,
            evidence="Southside Mentoring reported two missed mentoring sessions (demo).",
            failed_reports=True,
        ),
        DemoBreach(
            days=23,
            provision=2,
            came_to_light=CameToLight.CURFEW_CHECK,
            evidence="Curfew check: arrived home 10 minutes after 21:00 (demo).",
            checks=("child-curfew-10",),
            decision=Decision(
                BreachDecision.WORDS_OF_ADVICE,
                1,
                "Ten minutes late, a first time: trivial for a child (not more than 15 minutes). Advised with his "
                "mother present (demo).",
            ),
        ),
        DemoBreach(
            days=44,
            provision=2,
            came_to_light=CameToLight.CURFEW_CHECK,
            evidence="Curfew check: arrived home 45 minutes after 21:00, after words of advice (demo).",
            checks=("child-curfew-45",),
            decision=Decision(
                BreachDecision.CHARGE_S29,
                2,
                "More than trivial (over 15 minutes), after words of advice; the YOT was consulted (demo).",
            ),
            court=CourtResult(CourtOutcome.YOUTH_REHABILITATION_ORDER, 14, "Youth court: 6-month YRO (demo)."),
        ),
    ],
    ADULT_REFERENCE: [
        DemoBreach(
            days=12,
            provision=1,
            came_to_light=CameToLight.OTHER,
            evidence="Seen in Rye Lane by a PCSO (demo).",
            checks=("adult-place",),
            decision=Decision(
                BreachDecision.NO_FURTHER_ACTION,
                2,
                "On the bus through the area to a job interview; bus ticket seen (demo).",
            ),
        ),
        DemoBreach(
            days=20,
            provision=1,
            came_to_light=CameToLight.STOP,
            evidence="Stopped in Peckham town centre with two men known to police (demo).",
            decision=Decision(BreachDecision.ARREST, 0, "Second time in the excluded area in eight days (demo)."),
        ),
        DemoBreach(
            days=30,
            provision=2,
            came_to_light=CameToLight.CURFEW_CHECK,
            evidence="Curfew check: arrived home at 23:30 (demo).",
            checks=("adult-curfew-90",),
            decision=Decision(
                BreachDecision.CONSIDER_VARIATION,
                3,
                "He has started night shifts at a warehouse (payslip seen): consider varying the curfew (demo).",
            ),
        ),
        DemoBreach(
            days=38,
            provision=1,
            came_to_light=CameToLight.STOP,
            evidence="Stopped again in Peckham town centre, with a folding knife (demo).",
            decision=Decision(BreachDecision.CHARGE_S29, 1, "Repeated breach of the exclusion (demo)."),
        ),
        DemoBreach(
            days=40,
            provision=None,
            came_to_light=CameToLight.OTHER,
            evidence="Moved to his aunt’s in Croydon and did not tell the police within 3 days (s24) (demo).",
            decision=Decision(BreachDecision.CHARGE_S25, 2, "Failed to notify a change of address (s24, s25) (demo)."),
            court=CourtResult(CourtOutcome.FINE, 10, "Magistrates: fined £150 (demo)."),
        ),
    ],
}


def _checks(*, order: Order, lead: Membership, now: datetime) -> dict[str, PoliceCheck]:
    found = {}
    prohibitions = {p.number: p for p in order.provisions.current()}
    for check in CHECKS[order.application.case.reference]:
        found[check.label] = check_record(
            order=order,
            membership=lead,
            kind=check.kind,
            checked_at=local_datetime(order.made_on + timedelta(days=check.days), check.clock),
            place=check.place,
            complied=check.complied,
            officer=OFFICER,
            prohibition=prohibitions[check.prohibition],
            minutes_outside=check.minutes_outside,
            notes=check.notes,
            now=now,
        )
    return found


def _breach(*, order: Order, lead: Membership, demo: DemoBreach, checks: dict[str, PoliceCheck], today: date):
    occurred_on = order.made_on + timedelta(days=demo.days)
    provision = order.provisions.current().get(number=demo.provision) if demo.provision else None
    reports = (
        ComplianceReport.objects.filter(
            session__requirement=provision, attendance=Attendance.FAILED, session__starts_at__date__lte=occurred_on
        )
        if demo.failed_reports
        else ()
    )
    breach = breach_record(
        order=order,
        membership=lead,
        occurred_on=occurred_on,
        came_to_light=demo.came_to_light,
        evidence=demo.evidence,
        provision=provision,
        notification_duty=provision is None,
        reports=reports,
        checks=[checks[label] for label in demo.checks],
        today=today,
    )
    if demo.decision is not None:
        decided_on = occurred_on + timedelta(days=demo.decision.after_days)
        breach = breach_decide(
            breach=breach,
            membership=lead,
            decision=demo.decision.decision,
            decided_on=decided_on,
            reason=demo.decision.reason,
            today=today,
        )
        if demo.court is not None:
            breach_court_outcome(
                breach=breach,
                membership=lead,
                outcome=demo.court.outcome,
                outcome_on=decided_on + timedelta(days=demo.court.after_days),
                notes=demo.court.notes,
                today=today,
            )


def seed_demo_breaches(*, lead: Membership, today: date) -> int:
    """The checks and breaches of the supervision demo's orders, recorded by the Met's KCPO
    lead. Returns how many breaches were made (0 when the orders have some already)."""
    orders = demo_orders()
    if not orders or Breach.objects.filter(order__in=orders.values()).exists():
        return 0
    now = timezone.now()
    made = 0
    for reference in (CHILD_REFERENCE, ADULT_REFERENCE):
        order = orders[reference]
        checks = _checks(order=order, lead=lead, now=now)
        for demo in BREACHES[reference]:
            _breach(order=order, lead=lead, demo=demo, checks=checks, today=today)
            made += 1
    return made
