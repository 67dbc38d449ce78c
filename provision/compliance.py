"""The supervisor's report of one session (s22(5)(c): the supervisor must tell the police
whether the subject complied). Facts only: attended, attended late (by how many minutes),
failed to attend, or excused (and why), with a short factual note — never what was discussed
(the guidance, ch. 9). One report per session, never changed here.

A report of non-compliance makes the police's reminder (and a child's YOT's) in the same
transaction (provision.compliance_reminders): the police hear of it whatever happens to the
sweep, and the sweep makes any this missed."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation, audit_record
from provision.compliance_reminders import non_compliance_remind
from provision.models import NON_COMPLIANT, Attendance, ComplianceReport, Session
from provision.sessions import check_supervisor

NOTE_MAX = ComplianceReport._meta.get_field("note").max_length
EXCUSE_MAX = ComplianceReport._meta.get_field("excuse").max_length
# A session later than this is "failed to attend", not late: a sanity bound on the number.
MINUTES_LATE_MAX = 600


def _validated(attendance: str, minutes_late: int | None, excuse: str, note: str) -> tuple[int | None, str, str]:
    """The report's fields as stored, or a ValidationError naming each wrong field. Minutes late
    belong only to "attended late" and an excuse only to "excused": others are dropped."""
    errors = {}
    excuse, note = (excuse or "").strip(), (note or "").strip()
    if attendance not in Attendance.values:
        errors["attendance"] = "Select whether the young person attended"
    if attendance == Attendance.LATE:
        if minutes_late is None:
            errors["minutes_late"] = "Enter how many minutes late the young person was"
        elif not 1 <= minutes_late <= MINUTES_LATE_MAX:
            errors["minutes_late"] = f"Minutes late must be a whole number from 1 to {MINUTES_LATE_MAX}"
    else:
        minutes_late = None
    if attendance == Attendance.EXCUSED:
        if not excuse:
            errors["excuse"] = "Enter why the young person was excused"
        elif len(excuse) > EXCUSE_MAX:
            errors["excuse"] = f"The reason must be {EXCUSE_MAX} characters or fewer"
    else:
        excuse = ""
    if len(note) > NOTE_MAX:
        errors["note"] = f"The note must be {NOTE_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors, code="invalid")
    return minutes_late, excuse, note


@transaction.atomic
def report_record(
    *,
    session: Session,
    membership: Membership,
    attendance: str,
    minutes_late: int | None = None,
    excuse: str = "",
    note: str = "",
    now: datetime,
) -> ComplianceReport:
    """Record whether the subject complied at `session`, as reported by a supervisor of the
    requirement's supervising organisation. Refused for a session that has not started yet
    and for one already reported (code "conflict"). On non-compliance the reminders are made
    at once."""
    check_supervisor(session.requirement, membership)
    # Lock the session: two supervisors reporting it at once, the second sees the first's report.
    locked = Session.objects.select_for_update().select_related("requirement__order").get(pk=session.pk)
    if locked.starts_at > now:
        raise ValidationError("You cannot report on a session before it has started.", code="future")
    if ComplianceReport.objects.filter(session=locked).exists():
        raise ValidationError("This session has already been reported.", code="conflict")
    minutes_late, excuse, note = _validated(attendance, minutes_late, excuse, note)
    report = ComplianceReport(
        session=locked,
        attendance=attendance,
        minutes_late=minutes_late,
        excuse=excuse,
        note=note,
        reported_by=membership.user,
        reported_at=now,
    )
    report.full_clean()
    report.save(force_insert=True)
    order = locked.requirement.order
    audit_record(
        by=membership.user,
        membership=membership,
        operation=Operation.COLLECT,
        obj=report,
        data_subject_id=order.subject_id,
        # What was reported, not the note: the audit log says who did what, not the content.
        details={"session_id": locked.id, "requirement_id": locked.requirement_id, "attendance": attendance},
    )
    if attendance in NON_COMPLIANT:
        non_compliance_remind(report=report, today=timezone.localdate(now))
    return report
