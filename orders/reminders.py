"""Finders for the reminders about applications and orders (kcpo.reminders.sweeps).

Each finder reads in a fixed number of queries whatever the number of rows (joins and
subqueries, never a query per row) and yields a Due per piece of work; the sweep creates the
reminders that do not exist yet. Where the law fixes the day, the day comes from the record or
from the existing computation (orders.court.service_checks, eligibility.core): never worked out
again here. "In effect on today": taken effect by today and not ended by it (ended_on is the
first day without effect, orders.lifecycle.provision_state).
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Case, DateField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, When
from django.urls import reverse

from eligibility.core import HearingKind, Status
from eligibility.core.dates import ONE_DAY, add_years, birthday, day_text
from eligibility.core.rules import ADULT_AGE
from eligibility.core.service import CODE_CRIMINAL_HEARSAY, CODE_HEARSAY, CODE_S19_NOTICE, CODE_SUMMONS
from kcpo.accounts.models import Membership, Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import Due, assignee_for, content_type_id, finder, horizon
from orders.court import service_checks
from orders.lifecycle import ORDER_EXPIRED_REASON
from orders.models import (
    Application,
    Hearing,
    Notification,
    NotificationKind,
    Order,
    OrderKind,
    OrderProvision,
    Proceeding,
    YotConsultation,
)
from orders.workflow import LIVE

# Rows fetched per round trip by the finders that iterate (prefetches run once per chunk).
CHUNK_SIZE = 500


def in_effect(today: date, prefix: str = "") -> Q:
    """Orders in effect on `today` (`prefix`: the path to the order, e.g. "order__")."""
    return Q(**{f"{prefix}takes_effect_on__lte": today}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": today})
    )


def _order_due(order: Order, kind: str, due_on: date, title: str) -> Due:
    """A reminder about an order, done on the order's page. `order` comes with its subject and
    the `reminder_assignee` annotation (assignee_for)."""
    return Due(
        content_type_id=content_type_id(Order),
        object_id=order.id,
        kind=kind,
        due_on=due_on,
        organisation_id=order.owner_id,
        assignee_id=order.reminder_assignee,
        subject_id=order.subject_id,
        title=title,
        link=reverse("orders:detail", args=[order.id]),
    )


def _orders():
    """Orders with what every order reminder shows: the subject's name, and whom it is for."""
    return Order.objects.select_related("subject").annotate(reminder_assignee=assignee_for("application"))


def _possessive(name: str) -> str:
    """GOV.UK style: an apostrophe and s, whatever the name ends with (Jordan Ellis’s)."""
    return f"{name}’s"


@finder(ReminderKind.REVIEW_HEARING)
def review_hearings_due(today: date) -> Iterator[Due]:
    """s26: a review hearing the court set, not yet heard, of a full order in effect. The
    reminder is about the order (its page shows the provisions under review), due on the day of
    the hearing."""
    kind = ReminderKind.REVIEW_HEARING
    order = (
        Order.objects.filter(in_effect(today), application=OuterRef("application"), kind=OrderKind.FULL)
        .order_by("-made_on", "-id")
        .values("id")[:1]
    )
    # A review's outcome is recorded on the order, as a decided proceeding (orders.variations).
    decided = Proceeding.objects.filter(hearing=OuterRef("pk")).exclude(outcome="")
    hearings = (
        Hearing.objects.filter(kind=HearingKind.REVIEW, outcome="", date__lte=horizon(kind, today))
        .exclude(Exists(decided))
        .annotate(reviewed_order_id=Subquery(order))
        .filter(reviewed_order_id__isnull=False)
        .select_related("application__case__subject")
        .annotate(reminder_assignee=assignee_for("application"))
        .order_by("id")
    )
    for hearing in hearings:
        subject = hearing.application.case.subject
        yield Due(
            content_type_id=content_type_id(Order),
            object_id=hearing.reviewed_order_id,
            kind=kind,
            due_on=hearing.date,
            organisation_id=hearing.application.owner_id,
            assignee_id=hearing.reminder_assignee,
            subject_id=subject.id,
            title=f"Review hearing for {subject.full_name} on {day_text(hearing.date)} (s26)",
            link=reverse("orders:detail", args=[hearing.reviewed_order_id]),
        )


@finder(ReminderKind.ORDER_EXPIRING)
def orders_expiring(today: date) -> Iterator[Due]:
    """s23(3), s27: a full order in effect nears the last day of its fixed period; it can be
    renewed only by an application heard while it is still in effect. Due on that last day."""
    kind = ReminderKind.ORDER_EXPIRING
    orders = _orders().filter(in_effect(today), kind=OrderKind.FULL, ends_on__lte=horizon(kind, today))
    for order in orders.order_by("id"):
        name = _possessive(order.subject.full_name)
        title = f"{name} order ends on {day_text(order.ends_on)}: consider applying to renew it in time (s27)"
        yield _order_due(order, kind, order.ends_on, title)


@finder(ReminderKind.PROVISION_EXPIRING)
def provisions_expiring(today: date) -> Iterator[Due]:
    """s23(8): a requirement or prohibition whose own period ends before its order does, in an
    order in effect. Due on its last day; about the provision, done on the order's page."""
    kind = ReminderKind.PROVISION_EXPIRING
    provisions = (
        OrderProvision.objects.current()
        .filter(in_effect(today, "order__"), ends_on__lt=F("order__ends_on"), ends_on__lte=horizon(kind, today))
        .select_related("order__subject")
        .annotate(reminder_assignee=assignee_for("order__application"))
        .order_by("id")
    )
    for provision in provisions:
        order = provision.order
        what = provision.get_kind_display()
        name = _possessive(order.subject.full_name)
        yield Due(
            content_type_id=content_type_id(OrderProvision),
            object_id=provision.id,
            kind=kind,
            due_on=provision.ends_on,
            organisation_id=order.owner_id,
            assignee_id=provision.reminder_assignee,
            subject_id=order.subject_id,
            title=f"{what} {provision.label} of {name} order ends on {day_text(provision.ends_on)} (s23(8))",
            link=reverse("orders:detail", args=[order.id]),
        )


@finder(ReminderKind.ORDER_ENDED)
def orders_ended(today: date) -> Iterator[Due]:
    """s23(3): a full order that ran to the end of its fixed period (ended by the sweep,
    orders.lifecycle.orders_end_expired): the PNC must be updated. Due on its first day without
    effect. Found from the order's own record, not from the sweep's memory, so a sweep that died
    between ending the order and making the reminder makes it next time.

    Ended orders only accumulate, so this reads only those still without their reminder
    (one NOT EXISTS on the reminders' unique index) instead of every order that ever ended."""
    kind = ReminderKind.ORDER_ENDED
    reminded = Reminder.objects.filter(
        content_type_id=content_type_id(Order), object_id=OuterRef("pk"), kind=kind, due_on=OuterRef("ended_on")
    )
    orders = (
        _orders()
        .filter(kind=OrderKind.FULL, end_reason=ORDER_EXPIRED_REASON, ended_on__lte=horizon(kind, today))
        .exclude(Exists(reminded))
    )
    for order in orders.order_by("id"):
        name = _possessive(order.subject.full_name)
        title = (
            f"{name} order ran out on {day_text(order.ends_on)}, the last day of its fixed period (s23(3)): "
            "update the PNC"
        )
        yield _order_due(order, kind, order.ended_on, title)


@finder(ReminderKind.NOTIFICATION_OVERDUE)
def notifications_overdue(today: date) -> Iterator[Due]:
    """s24(2), s25: an order in effect whose last day to notify the police has passed with no
    notification recorded: a possible offence. Due the day after the last day."""
    kind = ReminderKind.NOTIFICATION_OVERDUE
    notified = Notification.objects.filter(order=OuterRef("pk"), kind=NotificationKind.INITIAL)
    orders = (
        _orders()
        # due_on = notification_due_on + 1 day <= horizon
        .filter(in_effect(today), notification_due_on__lt=horizon(kind, today))
        .exclude(Exists(notified))
    )
    for order in orders.order_by("id"):
        title = (
            f"{order.subject.full_name} has not notified the police of their name and address: the last day was "
            f"{day_text(order.notification_due_on)} (s24(2)), a possible offence under s25"
        )
        yield _order_due(order, kind, order.notification_due_on + ONE_DAY, title)


@finder(ReminderKind.PNC_OVERDUE)
def pnc_overdue(today: date) -> Iterator[Due]:
    """An order made and not yet sent to the PNC Bureau, due on the force's own target
    (Organisation.pnc_target_days after the day it was made). None for an order that has ended."""
    kind = ReminderKind.PNC_OVERDUE
    orders = (
        _orders()
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today), pnc_sent_on__isnull=True)
        # date + integer is a date in PostgreSQL.
        .annotate(pnc_due_on=ExpressionWrapper(F("made_on") + F("owner__pnc_target_days"), output_field=DateField()))
        .filter(pnc_due_on__lte=horizon(kind, today))
    )
    for order in orders.order_by("id"):
        title = (
            f"Send {_possessive(order.subject.full_name)} order, made on {day_text(order.made_on)}, to the PNC Bureau "
            f"(the force’s target: by {day_text(order.pnc_due_on)})"
        )
        yield _order_due(order, kind, order.pnc_due_on, title)


def _turning_18(orders, today: date, kind: str) -> Iterator[tuple[Order, date]]:
    """(order, birthday) for each subject who turns 18 while their full order is in effect,
    after the day it took effect (someone already 18 that day was never under the YOT for it),
    by `kind`'s horizon. The 18th birthday as the Family Law Reform Act 1969 s9 has it
    (eligibility.core.dates.birthday)."""
    until = horizon(kind, today)
    # Narrow by date of birth in SQL, then decide exactly with `birthday` (29 February). The
    # bounds are loose on purpose: 18 by `until` at the latest, and an order in effect today
    # took effect at most 2 years ago (s23(3)), so no one older than 21 can turn 18 in it.
    orders = orders.filter(
        in_effect(today),
        kind=OrderKind.FULL,
        subject__date_of_birth__lte=add_years(until, -ADULT_AGE) + ONE_DAY,
        subject__date_of_birth__gt=add_years(today, -(ADULT_AGE + 3)),
    )
    for order in orders.order_by("id"):
        turns_18_on = birthday(order.subject.date_of_birth, ADULT_AGE)
        if order.takes_effect_on < turns_18_on <= min(order.ends_on, until):
            yield order, turns_18_on


def _turning_18_title(order: Order, turns_18_on: date) -> str:
    return (
        f"{order.subject.full_name} turns 18 on {day_text(turns_18_on)} while the order is in effect: "
        "plan the move from the youth offending team to probation"
    )


@finder(ReminderKind.TURNS_18)
def subjects_turning_18(today: date) -> Iterator[Due]:
    """A subject who turns 18 while their full order is in effect: the police plan the handover
    from the youth offending team to probation. Due on the birthday."""
    kind = ReminderKind.TURNS_18
    for order, turns_18_on in _turning_18(_orders(), today, kind):
        yield _order_due(order, kind, turns_18_on, _turning_18_title(order, turns_18_on))


def with_consulted_yot(queryset: QuerySet, application: str) -> QuerySet:
    """`queryset` of rows about an application (at the path `application`, e.g.
    "application" for orders) with the youth offending team most recently consulted on it
    (s15(5), s20) as `yot_id`, that consultation as `consultation_id`,
    and `reminder_assignee`: the worker who replied, while still an active YOT worker there, else
    none (the team's unassigned list). Rows whose application consulted no YOT are left out.
    For the YOT's reminders: one reminder of a kind per object and day, so one YOT, the latest."""
    latest = YotConsultation.objects.filter(application_id=OuterRef(f"{application}_id")).order_by("-sent_at", "-id")
    worker = Membership.objects.active().filter(
        user_id=OuterRef("yot_worker_id"), organisation_id=OuterRef("yot_id"), role=Role.YOT_WORKER
    )
    return (
        queryset.annotate(
            yot_id=Subquery(latest.values("yot_id")[:1]),
            consultation_id=Subquery(latest.values("id")[:1]),
            yot_worker_id=Subquery(latest.values("replied_by_id")[:1]),
        )
        .filter(yot_id__isnull=False)
        .annotate(reminder_assignee=Case(When(Exists(worker), then=F("yot_worker_id")), default=None))
    )


@finder(ReminderKind.TURNS_18_YOT)
def subjects_turning_18_for_the_yot(today: date) -> Iterator[Due]:
    """The same birthday for the youth offending team, which hands the child over to probation:
    the team most recently consulted on the order's application (s15(5), s20; one reminder of a
    kind per order and day), for the worker who replied while still a YOT worker there. Done on
    the consultation's page, which the team can see."""
    kind = ReminderKind.TURNS_18_YOT
    orders = with_consulted_yot(Order.objects.select_related("subject"), "application")
    for order, turns_18_on in _turning_18(orders, today, kind):
        yield Due(
            content_type_id=content_type_id(Order),
            object_id=order.id,
            kind=kind,
            due_on=turns_18_on,
            organisation_id=order.yot_id,
            assignee_id=order.reminder_assignee,
            subject_id=order.subject_id,
            title=_turning_18_title(order, turns_18_on),
            link=reverse("applications:consultation_detail", args=[order.consultation_id]),
        )


# --- service before a hearing -------------------------------------------------------------------

# The hearings whose service deadlines eligibility.core.service checks (RELEVANT_HEARING).
SERVICE_HEARING_KINDS = (HearingKind.FULL, HearingKind.SENTENCING)
# How far ahead to look for listed hearings: longer than any service period before a hearing
# (21 clear days for hearsay; 7 working days for the summons, which Christmas and Easter can
# stretch to a fortnight) plus its lead time, so it only narrows the rows read. Which reminder
# appears when is decided by the deadline itself.
HEARING_LOOKAHEAD = timedelta(days=60)

SERVICE_TITLES = {
    CODE_SUMMONS: "Serve the summons and application on {name} by {due}, for the hearing on {hearing} ({section})",
    CODE_S19_NOTICE: (
        "Serve the notice of intention to apply on the court officer and {name} before sentencing on {hearing} "
        "({section})"
    ),
}
HEARSAY_TITLES = {
    CODE_HEARSAY: (
        "Serve the hearsay notice on {name}, not by email, by {due}, for the hearing on {hearing} ({section})"
    ),
    CODE_CRIMINAL_HEARSAY: (
        "Serve the hearsay notice on {name} by {due}, for the hearing on {hearing}: normally at least 21 days "
        "before it ({section})"
    ),
}


def _service_deadlines(kind: str, titles: dict[str, str], today: date) -> Iterator[Due]:
    """A reminder for each service check in `titles` that is not met, for a live application's
    unheard hearing, from orders.court.service_checks (which applies eligibility.core.service):
    due on the last day it gives (for the s19 notice, which has none, the day of sentencing:
    it must be served before). About the hearing, done on the application's page.
    Note: the checks read the application's hearings, service records, hearsay items and
    subject, all fetched with it (three prefetch queries per chunk)."""
    upcoming = Hearing.objects.filter(
        application=OuterRef("pk"),
        kind__in=SERVICE_HEARING_KINDS,
        outcome="",
        date__gte=today,
        date__lte=horizon(kind, today) + HEARING_LOOKAHEAD,
    )
    applications = (
        Application.objects.filter(state__in=LIVE)
        .filter(Exists(upcoming))
        .select_related("case__subject")
        .prefetch_related("hearings", "service_records", "hearsay_items")
        .annotate(reminder_assignee=assignee_for(""))
        .order_by("id")
    )
    for application in applications.iterator(chunk_size=CHUNK_SIZE):
        unheard = {}
        for hearing in sorted(application.hearings.all(), key=lambda h: h.id, reverse=True):
            if not hearing.outcome and hearing.kind in SERVICE_HEARING_KINDS:
                unheard[hearing.date] = hearing  # the first listed, of two on one day
        subject = application.case.subject
        for check in service_checks(application, today=today):
            hearing = unheard.get(check.dates.get("hearing_on"))
            if check.code not in titles or check.status == Status.PASS or hearing is None or hearing.date < today:
                continue
            due_on = check.dates.get("normal_latest_service_day") or check.dates.get("latest_service_day")
            due_on = due_on or hearing.date
            yield Due(
                content_type_id=content_type_id(Hearing),
                object_id=hearing.id,
                kind=kind,
                due_on=due_on,
                organisation_id=application.owner_id,
                assignee_id=application.reminder_assignee,
                subject_id=subject.id,
                title=titles[check.code].format(
                    name=subject.full_name, due=day_text(due_on), hearing=day_text(hearing.date), section=check.section
                ),
                link=reverse("applications:detail", args=[application.id]),
            )


@finder(ReminderKind.SERVICE_DEADLINE)
def service_deadlines(today: date) -> Iterator[Due]:
    """The summons and application (s14, guidance ch. 10) or the notice of intention to apply
    (s19, CrimPR 31.3) not yet served for a listed hearing."""
    return _service_deadlines(ReminderKind.SERVICE_DEADLINE, SERVICE_TITLES, today)


@finder(ReminderKind.HEARSAY_DEADLINE)
def hearsay_deadlines(today: date) -> Iterator[Due]:
    """A hearsay notice relied on and not yet served for a listed hearing (S.I. 1999/681 r. 3
    on s14; CrimPR and guidance ch. 8 on s19: due on the usual 21-day day, not the 14-day floor)."""
    return _service_deadlines(ReminderKind.HEARSAY_DEADLINE, HEARSAY_TITLES, today)


@finder(ReminderKind.REPRESENTATIONS_DUE)
def representations_due(today: date) -> Iterator[Due]:
    """A defendant's application under s27 on an order in effect, not yet decided, to which the
    police have not replied: their representations are due within 14 days of receipt (the
    guidance, chapter 11). About the proceeding, done on its page."""
    kind = ReminderKind.REPRESENTATIONS_DUE
    proceedings = (
        Proceeding.objects.filter(
            in_effect(today, "order__"),
            outcome="",
            representations_sent_on__isnull=True,
            representations_due_on__lte=horizon(kind, today),
        )
        .select_related("order__subject")
        .annotate(reminder_assignee=assignee_for("order__application"))
        .order_by("id")
    )
    for proceeding in proceedings:
        order = proceeding.order
        yield Due(
            content_type_id=content_type_id(Proceeding),
            object_id=proceeding.id,
            kind=kind,
            due_on=proceeding.representations_due_on,
            organisation_id=order.owner_id,
            assignee_id=proceeding.reminder_assignee,
            subject_id=order.subject_id,
            title=(
                f"Reply to {_possessive(order.subject.full_name)} application to "
                f"{proceeding.get_sought_display().split(' ')[0].lower()} the order by "
                f"{day_text(proceeding.representations_due_on)}, if the police wish to make representations"
            ),
            link=reverse("orders:proceeding_detail", args=[proceeding.id]),
        )
