"""My tasks: the reminders of the member's organisation that are theirs, or their team's and
nobody's yet, by tab (overdue, due, done); and marking one done or reopening it."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from eligibility.core.dates import day_text
from kcpo.audit.services import audit_read
from kcpo.pagination import paginate
from kcpo.reminders import selectors, services
from kcpo.reminders.models import Reminder
from kcpo.reminders.selectors import Status, Whose

EMPTY = {
    (Whose.MINE, Status.OVERDUE): "You have no overdue tasks.",
    (Whose.MINE, Status.DUE): "You have no tasks coming up.",
    (Whose.MINE, Status.DONE): "You have not marked any tasks as done.",
    (Whose.TEAM, Status.OVERDUE): "Your team has no overdue tasks that are not assigned to anyone.",
    (Whose.TEAM, Status.DUE): "Your team has no tasks coming up that are not assigned to anyone.",
    (Whose.TEAM, Status.DONE): "No unassigned task of your team has been marked as done.",
}


@dataclass(frozen=True)
class Tab:
    text: str
    href: str
    current: bool


@dataclass(frozen=True)
class Row:
    reminder: Reminder
    due: str  # "3 March 2027"
    when: str  # "Due in 3 days", "2 days overdue"; blank for a done one (the template says when)


def when_text(due_on: date, today: date) -> str:
    days = (due_on - today).days
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    if days > 1:
        return f"Due in {days} days"
    return "1 day overdue" if days == -1 else f"{-days} days overdue"


def _choice(value, choices, default):
    return value if value in choices.values else default


def _tasks_url(whose: str, status: str, page: str | None = None) -> str:
    query = {"whose": whose, "status": status}
    if page:
        query["page"] = page
    return f"{reverse('reminders:my_tasks')}?{urlencode(query)}"


@login_required
@require_GET
def my_tasks(request):
    membership = request.membership
    if membership is None:
        return redirect("accounts:home")
    today = timezone.localdate()
    counts = selectors.reminder_counts(membership=membership, today=today)
    whose = _choice(request.GET.get("whose"), Whose, Whose.MINE)
    # Land on what is late, or else on what is coming.
    default_status = Status.OVERDUE if counts[(whose, Status.OVERDUE)] else Status.DUE
    status = _choice(request.GET.get("status"), Status, default_status)

    page = paginate(request, selectors.reminder_list(membership=membership, whose=whose, status=status, today=today))
    rows = [Row(r, day_text(r.due_on), "" if status == Status.DONE else when_text(r.due_on, today)) for r in page]
    subject_ids = sorted({r.subject_id for r in page if r.subject_id})
    if subject_ids:
        # The rows name people: one read row for the page, listing whom it showed (DPA 2018 s62).
        audit_read(
            request,
            object_type="reminders.reminder",
            details={"page": "my tasks", "reminder_ids": [r.id for r in page], "subject_ids": subject_ids},
        )
    # A "whose" tab counts the open work (overdue and due); the status tabs count their own list.
    whose_tabs = [
        Tab(
            f"{label} ({counts[(value, Status.OVERDUE)] + counts[(value, Status.DUE)]})",
            _tasks_url(value, status),
            value == whose,
        )
        for value, label in Whose.choices
    ]
    status_tabs = [
        Tab(f"{label} ({counts[(whose, value)]})", _tasks_url(whose, value), value == status)
        for value, label in Status.choices
    ]
    return render(
        request,
        "reminders/my_tasks.html",
        {
            "page": page,
            "rows": rows,
            "whose": whose,
            "status": status,
            "whose_tabs": whose_tabs,
            "status_tabs": status_tabs,
            "heading": f"{Whose(whose).label}: {Status(status).label.lower()}",
            "empty": EMPTY[(whose, status)],
        },
    )


def _back(request) -> str:
    """The tab and page the button was pressed on, rebuilt from known values only (never a
    URL from the form, which would make this an open redirect)."""
    page = request.POST.get("page", "")
    return _tasks_url(
        _choice(request.POST.get("whose"), Whose, Whose.MINE),
        _choice(request.POST.get("status"), Status, Status.DUE),
        page if page.isdigit() else None,
    )


@login_required
@require_POST
def reminder_done(request, reminder_id: int):
    reminder = selectors.reminder_get(membership=request.membership, reminder_id=reminder_id)
    services.reminder_mark_done(reminder=reminder, membership=request.membership, now=timezone.now())
    messages.success(request, f"You marked “{reminder.title}” as done.")
    return redirect(_back(request))


@login_required
@require_POST
def reminder_reopen(request, reminder_id: int):
    reminder = selectors.reminder_get(membership=request.membership, reminder_id=reminder_id)
    services.reminder_reopen(reminder=reminder, membership=request.membership)
    messages.success(request, f"You reopened “{reminder.title}”.")
    return redirect(_back(request))
