"""Reads for compliance and breaches, for the owning force's police: the compliance summary of
an order's requirements (from the supervisors' reports), its police checks and breach history,
one breach with its evidence, and the facts the "more than trivial" test reads
(eligibility.core.breaches), gathered from the recorded reports and checks.

Every read here costs a fixed number of queries, however many sessions, checks or breaches an
order has: the order page calls `order_sections` and must stay constant as they grow."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from breaches.models import Breach, CheckKind, PoliceCheck
from eligibility.core.breaches import BreachFacts, TrivialityAssessment, assess_triviality
from eligibility.core.dates import age_on
from eligibility.core.provisions import ProvisionCategory, ProvisionKind
from eligibility.core.rules import ADULT_AGE
from kcpo.accounts.models import Membership
from kcpo.pagination import paginate
from orders.models import Order, OrderProvision, Proceeding, ProceedingKind
from orders.selectors import application_get_for_owner
from provision.models import Attendance, ComplianceReport

# The order page's lists: short pages, each with its own query parameter (kcpo.pagination).
ORDER_PAGE_SIZE = 10
ATTENDED = (Attendance.ATTENDED, Attendance.LATE)


def breach_get_for_owner(*, membership: Membership | None, breach_id: int) -> Breach:
    """A breach of an order the viewer's force owns, with what its page shows: 404 for another
    organisation (the application is scoped first, so it learns nothing), 403 for a role that
    may not work on it."""
    breach = (
        Breach.objects.select_related(
            "order__subject",
            "order__court",
            "provision__added_by",
            "provision__removed_by",
            "variation",
            "recorded_by",
            "decided_by",
        )
        .filter(pk=breach_id)
        .first()
    )
    if breach is None:
        raise Http404
    breach.order.application = application_get_for_owner(
        membership=membership, application_id=breach.order.application_id
    )
    return breach


def breach_get_with_evidence(*, membership: Membership | None, breach_id: int) -> Breach:
    """breach_get_for_owner, with the reports and checks the breach rests on (in time order)
    prefetched: the breach page and its "more than trivial" facts read them without more
    queries."""
    breach = breach_get_for_owner(membership=membership, breach_id=breach_id)
    prefetch_related_objects(
        [breach],
        Prefetch(
            "reports",
            queryset=ComplianceReport.objects.select_related("session__requirement").order_by(
                "session__starts_at", "id"
            ),
        ),
        Prefetch("checks", queryset=PoliceCheck.objects.select_related("prohibition").order_by("checked_at", "id")),
    )
    return breach


# --- the "more than trivial" test, from the records ------------------------------------------


def missed_sessions(*, requirement: OrderProvision, on: date) -> int:
    """Sessions of `requirement` its supervisor reported "failed to attend", held on or before
    `on` (the day of the breach; sessions are dated in Europe/London). Excused sessions are not
    failures, nor is attending late. Counted over the whole requirement up to that day, as the
    guidance's example is ("failing to attend two or more sessions of an activity"): a session
    missed after the breach belongs to a later one. Only this version of the requirement counts:
    a variation that reworded it (s27) started a new one with sessions of its own."""
    return ComplianceReport.objects.filter(
        session__requirement=requirement,
        attendance=Attendance.FAILED,
        session__starts_at__date__lte=on,
    ).count()


def _failed_checks(breach: Breach, linked: list[PoliceCheck]) -> list[PoliceCheck]:
    """The checks that found the prohibition breached: those linked to the breach (of this
    prohibition, or naming none); if none is linked, the order's checks of this prohibition on
    the day of the breach. A curfew running past midnight is checked on the next calendar day:
    link such a check to the breach for it to count."""
    kinds = (CheckKind.CURFEW, CheckKind.PLACE, CheckKind.ASSOCIATION)
    if linked:
        checks = [c for c in linked if c.prohibition_id in (None, breach.provision_id)]
    else:
        checks = list(
            PoliceCheck.objects.filter(
                order_id=breach.order_id, prohibition_id=breach.provision_id, checked_at__date=breach.occurred_on
            )
        )
    return [c for c in checks if not c.complied and c.kind in kinds]


def breach_facts(breach: Breach) -> BreachFacts:
    """What the records show about `breach`, for eligibility.core.breaches.assess_triviality:
    the subject's age on the day (from their date of birth), the provision breached, the
    requirement's missed sessions (`missed_sessions`) and, for a prohibition, what the failed
    checks found (`_failed_checks`): the most minutes outside a curfew, being in a prohibited
    place, a prohibited association.

    Note: reads breach.order.subject and breach.provision (select them with the breach), the
    linked checks (prefetch `checks` to save the query), and counts the reports: at most three
    queries."""
    under_18 = age_on(breach.order.subject.date_of_birth, breach.occurred_on) < ADULT_AGE
    provision = breach.provision
    if provision is None:  # the duty to notify (s24): none of the examples is about it
        return BreachFacts(under_18=under_18)
    kind = ProvisionKind(provision.kind)
    facts = {
        "under_18": under_18,
        "provision_kind": kind,
        "category": ProvisionCategory(provision.category) if provision.category else None,
        "label": provision.label,
    }
    if kind == ProvisionKind.REQUIREMENT:
        return BreachFacts(**facts, missed_sessions=missed_sessions(requirement=provision, on=breach.occurred_on))
    failed = _failed_checks(breach, list(breach.checks.all()))
    minutes = [c.minutes_outside for c in failed if c.kind == CheckKind.CURFEW and c.minutes_outside is not None]
    return BreachFacts(
        **facts,
        curfew_minutes_outside=max(minutes) if minutes else None,
        in_prohibited_place=any(c.kind == CheckKind.PLACE for c in failed),
        prohibited_association=any(c.kind == CheckKind.ASSOCIATION for c in failed),
    )


def triviality_for(breach: Breach) -> TrivialityAssessment:
    """The guidance's "more than trivial" test for `breach`, from the records (`breach_facts`)."""
    return assess_triviality(breach_facts(breach))


# --- the order page: compliance, checks, breaches ----------------------------------------------


@dataclass(frozen=True)
class RequirementCompliance:
    """One requirement's sessions as its supervisor reported them."""

    requirement: OrderProvision
    reported: int
    attended: int  # attended, on time or late
    late: int
    failed: int
    excused: int
    last_contact: datetime | None  # the start of the latest session attended

    @property
    def attendance_rate(self) -> int | None:
        """Sessions attended as a whole percentage of those reported (none reported: None)."""
        return round(100 * self.attended / self.reported) if self.reported else None


def compliance_summary(*, order: Order) -> list[RequirementCompliance]:
    """Per requirement of the order now (as varied), what its supervisor reported: one query."""
    report = "sessions__report"
    requirements = (
        order.provisions.current()
        .filter(kind=ProvisionKind.REQUIREMENT)
        .select_related("supervisor_organisation")
        .annotate(
            reported=Count(report),
            attended=Count(report, filter=Q(sessions__report__attendance__in=ATTENDED)),
            late=Count(report, filter=Q(sessions__report__attendance=Attendance.LATE)),
            failed=Count(report, filter=Q(sessions__report__attendance=Attendance.FAILED)),
            excused=Count(report, filter=Q(sessions__report__attendance=Attendance.EXCUSED)),
            last_contact=Max("sessions__starts_at", filter=Q(sessions__report__attendance__in=ATTENDED)),
        )
        .order_by("number", "id")
    )
    return [
        RequirementCompliance(
            requirement=r,
            reported=r.reported,
            attended=r.attended,
            late=r.late,
            failed=r.failed,
            excused=r.excused,
            last_contact=r.last_contact,
        )
        for r in requirements
    ]


def police_check_list(*, order: Order) -> QuerySet[PoliceCheck]:
    return order.police_checks.select_related("prohibition").order_by("-checked_at", "-id")


def breach_list(*, order: Order) -> QuerySet[Breach]:
    return order.breaches.select_related("provision", "variation").order_by("-occurred_on", "-id")


def order_sections(*, order: Order, request, today: date) -> dict:
    """What the order page's "Compliance" and "Breaches" sections show: the summary per
    requirement, a page of police checks (`?checks=`) and a page of breaches (`?breaches=`),
    and whether new ones may be recorded. Five queries whatever the numbers."""
    took_effect = order.takes_effect_on is not None and order.takes_effect_on <= today
    in_effect = took_effect and (order.ended_on is None or order.ended_on > today)
    return {
        "compliance": compliance_summary(order=order),
        "checks": paginate(request, police_check_list(order=order), per_page=ORDER_PAGE_SIZE, param="checks"),
        "breaches": paginate(request, breach_list(order=order), per_page=ORDER_PAGE_SIZE, param="breaches"),
        "can_record_check": in_effect,
        # A breach may come to light after the order ended, so it may be recorded then too.
        "can_record_breach": took_effect,
    }


# --- what the forms offer -------------------------------------------------------------------


def breachable_provisions(*, order: Order) -> QuerySet[OrderProvision]:
    """Every version of the order's requirements and prohibitions (a breach is of the version in
    force on the day, breaches.services.provision_in_force_problem), the current first."""
    return order.provisions.select_related("added_by", "removed_by").order_by(
        "number", F("removed_by").asc(nulls_first=True), "id"
    )


def current_prohibitions(*, order: Order) -> QuerySet[OrderProvision]:
    return order.provisions.current().filter(kind=ProvisionKind.PROHIBITION).order_by("number", "id")


def evidence_reports(*, order: Order) -> QuerySet[ComplianceReport]:
    """The supervisors' reports of non-attendance or lateness on the order's requirements, the
    ones a breach may rest on, newest first."""
    return (
        ComplianceReport.objects.filter(
            session__requirement__order=order, attendance__in=(Attendance.FAILED, Attendance.LATE)
        )
        .select_related("session__requirement")
        .order_by("-session__starts_at", "-id")
    )


def evidence_checks(*, order: Order) -> QuerySet[PoliceCheck]:
    """The order's checks that found the subject not complying, newest first."""
    return order.police_checks.filter(complied=False).select_related("prohibition").order_by("-checked_at", "-id")


def variation_applications(*, order: Order) -> QuerySet[Proceeding]:
    """The applications to vary, renew or discharge the order (s27), that a decision to consider
    varying it may name."""
    return order.proceedings.filter(kind=ProceedingKind.APPLICATION).order_by("-made_on", "-id")
