"""Reminders of a supervisor's report of non-compliance (s22(5)(c)): one for the police force
that owns the order, for the case's lead officer to triage (the police decide whether it is
a breach, the guidance ch. 9); and, for a child, one for the youth offending team consulted on
the child's application, which "may wish to consider necessary support for the child" (ibid.).

provision.compliance.report_record makes both at once, in the report's own transaction,
through `non_compliance_remind`; the finders below (kcpo.reminders.sweeps) read the same
records through the same functions and so make any it missed in the last LOOKBACK days
(`_unreminded`: the ids first, on two indexes, so that a sweep with nothing to do stays cheap).
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from eligibility.core.dates import day_text
from kcpo.clock import local_datetime
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import Due, assignee_for, content_type_id, finder, horizon, insert_dues
from orders.reminders import with_consulted_yot
from provision.models import NON_COMPLIANT, ComplianceReport
from provision.supervision import turns_adult_on

K = ReminderKind
APPLICATION = "session__requirement__order__application"
# How far back the sweep looks for a report still without its reminder (see _unreminded).
LOOKBACK = timedelta(days=30)


def _non_compliant() -> QuerySet[ComplianceReport]:
    """Reports of non-compliance with the session's day (Europe/London) and what a title needs."""
    return (
        ComplianceReport.objects.filter(attendance__in=NON_COMPLIANT)
        .annotate(session_day=TruncDate("session__starts_at"))
        .select_related("session__requirement__order__subject")
    )


def _title(report: ComplianceReport) -> str:
    """ "R2: Jordan Ellis failed to attend the session on 3 March 2027 (s22(5))"."""
    requirement = report.session.requirement
    what = report.get_attendance_display().lower()
    name = requirement.order.subject.full_name
    return f"{requirement.label}: {name} {what} the session on {day_text(report.session_day)} (s22(5))"


def police_dues(reports: QuerySet[ComplianceReport]) -> Iterator[Due]:
    """For the force that owns the order and the case's lead officer (assignee_for): due on the
    day of the session, done on the order's page. `reports` come from _non_compliant()."""
    for report in reports.annotate(reminder_assignee=assignee_for(APPLICATION)).order_by("id"):
        order = report.session.requirement.order
        yield Due(
            content_type_id=content_type_id(ComplianceReport),
            object_id=report.id,
            kind=K.NON_COMPLIANCE,
            due_on=report.session_day,
            organisation_id=order.owner_id,
            assignee_id=report.reminder_assignee,
            subject_id=order.subject_id,
            title=_title(report),
            link=reverse("orders:detail", args=[order.id]),
        )


def yot_dues(reports: QuerySet[ComplianceReport]) -> Iterator[Due]:
    """For the YOT of a child under 18 on the day of the session: the YOT most recently
    consulted on the order's application (s15(5), s20), since a report has one reminder of a
    kind (the reminders' unique key); the worker who replied to the consultation is its
    assignee while still an active YOT worker there. Due on the day of the session, done on the
    YOT's page of the report."""
    children = with_consulted_yot(
        reports.annotate(turns_18_on=turns_adult_on("session__requirement__order__subject__date_of_birth")).filter(
            session_day__lt=F("turns_18_on")
        ),
        APPLICATION,
    ).order_by("id")
    for report in children:
        order = report.session.requirement.order
        yield Due(
            content_type_id=content_type_id(ComplianceReport),
            object_id=report.id,
            kind=K.NON_COMPLIANCE_YOT,
            due_on=report.session_day,
            organisation_id=report.yot_id,
            assignee_id=report.reminder_assignee,
            subject_id=order.subject_id,
            title=_title(report),
            link=reverse("supervision:yot_non_compliance_detail", args=[report.id]),
        )


def _unreminded(kind: str, today: date) -> QuerySet[ComplianceReport]:
    """The reports of non-compliance made in the last LOOKBACK that have no reminder of `kind`.

    In two steps, so that a sweep with nothing to do stays cheap however many reports there
    are (benchmarks/supervision.py): the ids, from the reports' partial index on failures and
    the reminders' unique index alone; then, for those few, what a reminder needs. A report
    has its reminders from report_record in its own transaction, so the sweep is only the
    safety net behind it and need not reread years of reports (nor, for the YOT, every
    adult's, which never has one)."""
    reminded = Reminder.objects.filter(
        content_type_id=content_type_id(ComplianceReport), object_id=OuterRef("pk"), kind=kind
    )
    since = local_datetime(today - LOOKBACK)
    ids = list(
        ComplianceReport.objects.filter(attendance__in=NON_COMPLIANT, reported_at__gte=since)
        .exclude(Exists(reminded))
        .values_list("pk", flat=True)
    )
    if not ids:
        return _non_compliant().none()
    return _non_compliant().filter(pk__in=ids, session_day__lte=horizon(kind, today))


@finder(K.NON_COMPLIANCE)
def non_compliance_for_police(today: date) -> Iterator[Due]:
    """s22(5)(c): a supervisor reported that the subject did not comply with a requirement."""
    return police_dues(_unreminded(K.NON_COMPLIANCE, today))


@finder(K.NON_COMPLIANCE_YOT)
def non_compliance_for_yot(today: date) -> Iterator[Due]:
    """The guidance, ch. 9: the YOT is told of a child's non-compliance."""
    return yot_dues(_unreminded(K.NON_COMPLIANCE_YOT, today))


def non_compliance_remind(*, report: ComplianceReport, today: date) -> None:
    """Make the reminders of one report of non-compliance now, in the caller's transaction,
    exactly as the sweep would (the same dues, the same ON CONFLICT DO NOTHING insert)."""
    run_at = timezone.now()
    reports = _non_compliant().filter(pk=report.pk)
    insert_dues(K.NON_COMPLIANCE, police_dues(reports), today=today, run_at=run_at)
    insert_dues(K.NON_COMPLIANCE_YOT, yot_dues(reports), today=today, run_at=run_at)
