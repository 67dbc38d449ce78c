"""The Django side of the provision checks: an application's records as the engine's facts
(eligibility.core.provisions), so drafting pages and the state machine's guards show and
enforce the same checks."""

from datetime import time

from eligibility.core import (
    CheckResult,
    Commitment,
    CommitmentKind,
    NecessityGround,
    OrderKind,
    Period,
    ProposedOrder,
    ProposedProvision,
    ProvisionCategory,
    ProvisionKind,
    TimeWindow,
    Weekday,
    assess_provisions,
)
from eligibility.core.dates import age_on
from eligibility.core.provisions import check_s17_interim_content
from orders.models import Application
from orders.workflow import Route


def schedule_windows(schedule: list[dict]) -> tuple[TimeWindow, ...]:
    """A stored schedule ([{"days": [0, 4], "start": "19:00", "end": "07:00"}]) as time windows."""
    return tuple(
        TimeWindow(
            days=frozenset(Weekday(day) for day in window["days"]),
            start=time.fromisoformat(window["start"]),
            end=time.fromisoformat(window["end"]),
        )
        for window in schedule
    )


def proposed_provision(provision) -> ProposedProvision:
    return ProposedProvision(
        label=provision.label,
        kind=ProvisionKind(provision.kind),
        wording=provision.wording,
        purposes=frozenset(NecessityGround(p) for p in provision.purposes),
        category=ProvisionCategory(provision.category) if provision.category else None,
        schedule=schedule_windows(provision.schedule),
        starts_after=Period(months=provision.starts_after_months),
        period=Period(months=provision.period_months) if provision.period_months else None,
        supervisor=provision.supervisor,
        suitability_evidence=provision.suitability_evidence,
        rationale=provision.rationale,
        evidence=provision.evidence,
        blocks_attendance=provision.blocks_attendance,
        restricts_contact_with_adults=provision.restricts_contact_with_adults,
    )


def proposed_order(application: Application, *, kind: OrderKind = OrderKind.FULL) -> ProposedOrder:
    """The order the application proposes, with the subject's recorded timetable."""
    subject = application.case.subject
    commitments = tuple(
        Commitment(label=c.label, kind=CommitmentKind(c.kind), schedule=schedule_windows(c.schedule))
        for c in subject.commitments.all()
    )
    months = application.proposed_duration_months
    return ProposedOrder(
        kind=kind,
        provisions=tuple(
            proposed_provision(p)
            for p in application.provisions.select_related("supervisor_organisation").order_by("number")
        ),
        period=Period(months=months) if months else None,
        commitments=commitments or None,
        subject_age_on_application=age_on(subject.date_of_birth, application.application_date),
        necessity_grounds=frozenset(NecessityGround(g) for g in application.necessity_grounds) or None,
    )


def application_provision_checks(
    application: Application, *, kind: OrderKind = OrderKind.FULL
) -> tuple[CheckResult, ...]:
    return assess_provisions(proposed_order(application, kind=kind))


def interim_order_checks(application: Application) -> tuple[CheckResult, ...]:
    """On the without-notice route (s16), what an interim order made at once could impose of
    the full order proposed (s17(4)-(5)); nothing to say on the other routes."""
    if application.route != Route.S14_WITHOUT_NOTICE:
        return ()
    return (check_s17_interim_content(proposed_order(application, kind=OrderKind.FULL)),)
