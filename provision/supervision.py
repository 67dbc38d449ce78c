"""Reads for the supervisor's side of the service: the requirements a provider supervises
(s22(5)), what its supervisors need to make the arrangements and promote compliance, and the
sessions of each requirement with their reports.

One tenancy boundary, one helper (`supervised_requirements`): a requirement is visible to the
members of the organisation named as its supervisor, and to nobody else here. A supervisor
never reaches the case, the application, the occasions, other provisions or another
provider's reports: nothing here joins to them except to scope, and what is shown is
limited to the subject's name, the contact details and needs relevant to the activity, the
requirement's words and schedule, and the provider's own sessions and reports (DESIGN §1).

Also the YOT's view of a child's non-compliance (the guidance, ch. 9): the failed sessions
of children whose application consulted the YOT."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Func, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404

from eligibility.core.provisions import ProvisionKind
from eligibility.core.rules import ADULT_AGE
from eligibility.sql import birthday_sql
from kcpo.access import require_role
from kcpo.accounts.models import Membership, Role
from orders.checks import schedule_windows
from orders.models import OrderProvision
from provision.models import NON_COMPLIANT, ComplianceReport, Referral, ReferralState, Session

SUPERVISORS = frozenset({Role.SUPERVISOR})
YOT_WORKERS = frozenset({Role.YOT_WORKER})
# How long after a requirement (or its order) ends its supervisor still sees it: time to
# report the last sessions to the police. Not a legal period; the service's own allowance.
RECENTLY_ENDED = timedelta(weeks=4)
# A referral the provider accepted (and perhaps has since made contact on): the one whose
# contact details and needs the police shared with it for this requirement.
ACCEPTED_REFERRAL_STATES = (ReferralState.ACCEPTED, ReferralState.IN_CONTACT)


def turns_adult_on(date_of_birth: str) -> Func:
    """SQL for the day the person at `date_of_birth` (a path) turns 18 (eligibility.sql)."""
    return birthday_sql(date_of_birth, ADULT_AGE)


def session_day() -> TruncDate:
    """A session's day in Europe/London (the current time zone), from its start."""
    return TruncDate("starts_at")


def _in_reach(today: date, prefix: str = "") -> Q:
    """Requirements of orders that have taken effect and that are in force or ended less than
    RECENTLY_ENDED ago (`prefix`: the path to the requirement). A requirement whose own period
    starts later (s23(8)) is shown already, so that its sessions can be planned."""
    since = today - RECENTLY_ENDED
    return Q(
        Q(**{f"{prefix}order__takes_effect_on__lte": today})
        & Q(**{f"{prefix}starts_on__isnull": False})
        & (Q(**{f"{prefix}order__ended_on__isnull": True}) | Q(**{f"{prefix}order__ended_on__gt": since}))
        & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": since}))
    )


def supervised_requirements(*, membership: Membership | None, today: date) -> QuerySet[OrderProvision]:
    """The tenancy boundary: the current requirements whose supervisor is the member's
    organisation, of orders in effect or recently ended. No role check (the callers make it)."""
    if membership is None:
        return OrderProvision.objects.none()
    return (
        OrderProvision.objects.current()
        .filter(kind=ProvisionKind.REQUIREMENT, supervisor_organisation_id=membership.organisation_id)
        .filter(_in_reach(today))
    )


def supervised_requirement_list(*, membership: Membership | None, today: date) -> QuerySet[OrderProvision]:
    """The requirements the member supervises, with the subject's name joined in (a page of
    rows is one query): by the subject's name, then order and number."""
    require_role(membership, SUPERVISORS)
    return (
        supervised_requirements(membership=membership, today=today)
        .select_related("order__subject")
        .order_by("order__subject__family_name", "order__subject__given_names", "order_id", "number", "id")
    )


def supervised_requirement_get(*, membership: Membership | None, requirement_id: int, today: date) -> OrderProvision:
    """A requirement the member's organisation supervises: 404 for any other (a prohibition,
    another provider's requirement, one of another organisation's orders), so nobody learns it
    exists; 403 for a member of the supervising organisation who is not a supervisor."""
    requirement = (
        supervised_requirements(membership=membership, today=today)
        .select_related("order__subject", "supervisor_organisation")
        .filter(pk=requirement_id)
        .first()
    )
    if requirement is None:
        raise Http404
    require_role(membership, SUPERVISORS)
    return requirement


def supervised_session_get(*, membership: Membership | None, session_id: int, today: date) -> Session:
    """A session of a requirement the member's organisation supervises, with its report if
    any; 404 and 403 as supervised_requirement_get."""
    requirements = supervised_requirements(membership=membership, today=today)
    session = (
        Session.objects.filter(pk=session_id, requirement__in=requirements)
        .select_related("requirement__order__subject", "requirement__supervisor_organisation", "report")
        .first()
    )
    if session is None:
        raise Http404
    require_role(membership, SUPERVISORS)
    return session


@dataclass(frozen=True)
class SupervisionContact:
    """What a supervisor is told about the young person: how to reach them and the needs
    relevant to the activity. From the referral the provider accepted for the requirement when
    there is one (shared with consent, `from_referral`); else the subject's own contact fields.
    Never intelligence, never anything from the case."""

    name: str
    contact_lines: tuple[str, ...]
    relevant_needs: str
    from_referral: bool


def requirement_contact(*, requirement: OrderProvision) -> SupervisionContact:
    """Note: one query for the accepted referral; `requirement` comes with its order's subject."""
    subject = requirement.order.subject
    referral = (
        Referral.objects.filter(
            requirement=requirement,
            provider_id=requirement.supervisor_organisation_id,
            state__in=ACCEPTED_REFERRAL_STATES,
        )
        .order_by("-sent_on", "-id")
        .only("contact_details", "relevant_needs")
        .first()
    )
    if referral is not None:
        lines = tuple(line.strip() for line in referral.contact_details.splitlines() if line.strip())
        return SupervisionContact(subject.full_name, lines, referral.relevant_needs, from_referral=True)
    lines = [f"Address: {subject.address}"] if subject.address else []
    if subject.guardian_name:
        relationship = f" ({subject.guardian_relationship})" if subject.guardian_relationship else ""
        lines.append(f"Parent or guardian: {subject.guardian_name}{relationship}")
    if subject.guardian_phone:
        lines.append(f"Parent or guardian’s phone: {subject.guardian_phone}")
    if subject.guardian_address:
        lines.append(f"Parent or guardian’s address: {subject.guardian_address}")
    return SupervisionContact(subject.full_name, tuple(lines), "", from_referral=False)


def schedule_text(requirement: OrderProvision) -> list[str]:
    """The requirement's weekly windows in words ("Monday to Friday 19:00-07:00")."""
    return [str(window) for window in schedule_windows(requirement.schedule)]


def session_list(*, requirement: OrderProvision) -> QuerySet[Session]:
    """The requirement's sessions with their reports (one query per page)."""
    return Session.objects.filter(requirement=requirement).select_related("report")


def past_session_list(*, requirement: OrderProvision, now) -> QuerySet[Session]:
    """Sessions that have started, the latest first: these can be reported."""
    return session_list(requirement=requirement).filter(starts_at__lte=now).order_by("-starts_at", "-id")


def upcoming_session_list(*, requirement: OrderProvision, now) -> QuerySet[Session]:
    """Sessions still to come, the soonest first."""
    return session_list(requirement=requirement).filter(starts_at__gt=now).order_by("starts_at", "id")


# --- the YOT: a child's non-compliance (the guidance, ch. 9) ------------------------------------


def _child_non_compliance() -> QuerySet[ComplianceReport]:
    """Reports of non-compliance by someone under 18 on the day of the session, with what a
    row shows joined in."""
    return (
        ComplianceReport.objects.filter(attendance__in=NON_COMPLIANT)
        .annotate(
            session_day=TruncDate("session__starts_at"),
            turns_18_on=turns_adult_on("session__requirement__order__subject__date_of_birth"),
        )
        .filter(session_day__lt=F("turns_18_on"))
        .select_related("session__requirement__order__subject", "session__requirement__supervisor_organisation")
    )


def _consulted(membership: Membership) -> Q:
    """Reports on the orders of applications that consulted the member's YOT. A join, not an
    EXISTS, so that PostgreSQL can start from the YOT's consultations (few) rather than from
    every report of non-compliance; a YOT is consulted once per application
    (orders_consultation_once_per_yot), so no report comes twice."""
    return Q(session__requirement__order__application__consultations__yot_id=membership.organisation_id)


def yot_non_compliance_list(*, membership: Membership | None) -> QuerySet[ComplianceReport]:
    """The failed sessions of the children whose application consulted the member's YOT
    (s15(5), s20), the latest first. Every YOT consulted sees them, as it sees the application."""
    require_role(membership, YOT_WORKERS)
    return _child_non_compliance().filter(_consulted(membership)).order_by("-session__starts_at", "-id")


def yot_non_compliance_get(*, membership: Membership | None, report_id: int) -> ComplianceReport:
    """One of them: 404 for any other report (an adult's, another YOT's child's, attendance),
    403 for a member of a consulted YOT who is not a YOT worker."""
    if membership is None:
        raise Http404
    report = _child_non_compliance().filter(_consulted(membership), pk=report_id).first()
    if report is None:
        raise Http404
    require_role(membership, YOT_WORKERS)
    return report
