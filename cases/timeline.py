"""How the case timeline describes each thing recorded about a person.

The timeline is read from the audit log (cases.selectors.subject_timeline): every write to a
person's record already leaves an audit row in the same transaction, so the timeline cannot
miss an entry or disagree with the log."""

from dataclasses import dataclass
from datetime import datetime

from cases.selectors import subject_timeline
from kcpo.audit.models import AuditEvent
from kcpo.pagination import paginate
from orders.workflow import TRANSITIONS, State

Operation = AuditEvent.Operation
PAGE_SIZE = 20

TITLES = {
    ("cases.subject", Operation.COLLECT): "Person recorded",
    ("cases.subject", Operation.ALTER): "Person’s record changed",
    ("cases.occasion", Operation.COLLECT): "Occasion with a bladed article recorded",
    ("cases.conviction", Operation.COLLECT): "Conviction recorded",
    ("cases.case", Operation.COLLECT): "Case opened",
    ("cases.case", Operation.DISCLOSE): "Case shared",
    ("cases.case", Operation.ALTER): "Case changed",
    ("orders.application", Operation.COLLECT): "Application started",
    ("orders.application", Operation.ALTER): "Application changed",
    ("orders.application", Operation.DISCLOSE): "Application sent",
}


@dataclass(frozen=True)
class TimelineEntry:
    title: str
    detail: str
    by: str
    organisation: str
    at: datetime


def timeline_entry(event: AuditEvent) -> TimelineEntry:
    title = TITLES.get((event.object_type, event.operation), f"{event.get_operation_display()} ({event.object_type})")
    details = event.details or {}
    count = details.get("count")
    if event.object_type == "cases.occasion" and count:
        title = f"{count} occasion{'s' if count != 1 else ''} imported from a file"
    if event.object_type == "orders.application" and "state" in details:
        title = f"Application: {State(details['state']).label.lower()}"
    detail = ""
    if event.recipient:
        detail = f"{event.recipient}: {event.reason}" if event.reason else event.recipient
    elif details.get("transition") in TRANSITIONS and TRANSITIONS[details["transition"]].needs_reason:
        detail = event.reason
    by = event.user.full_name if event.user is not None else event.user_email
    return TimelineEntry(title=title, detail=detail, by=by, organisation=event.organisation_name, at=event.occurred_at)


def timeline_context(request, *, subject_id: int) -> dict:
    """What templates/cases/_timeline.html needs: a page of the person's timeline."""
    page = paginate(request, subject_timeline(subject_id=subject_id), per_page=PAGE_SIZE)
    return {"timeline": page, "timeline_entries": [timeline_entry(event) for event in page]}
