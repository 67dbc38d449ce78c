"""An order's life once the court has made it: the day it takes effect and the dates the law
fixes from that day (eligibility.core.order_dates, stored on the order and its provisions), and a
new full order replacing the subject's existing one.

The date steps write under the lock their caller already holds on the application
(orders.services.locked): they are steps of orders.court's services. `notification_record` is a
service of its own (s24)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, ExpressionWrapper, F, Q, Value
from django.utils import timezone

from eligibility.core import CheckResult, DocumentKind, RecipientKind
from eligibility.core.dates import day_text
from eligibility.core.determination import Status
from eligibility.core.order_dates import (
    check_notification,
    check_review_hearing,
    discharge_without_consent_from,
    notification_last_day,
    order_last_day,
    provision_end_months,
    provision_period,
    review_needed,
    takes_effect_on,
)
from eligibility.core.service import HearingKind
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation
from kcpo.reminders.models import ReminderKind
from kcpo.reminders.services import reminders_resolve
from orders.models import (
    INTERIM_ORDER_KINDS,
    Hearing,
    Notification,
    NotificationKind,
    Order,
    OrderKind,
    OrderProvision,
    ServiceRecord,
)
from orders.services import audit_change, check_actor, locked

DATE_FIELDS = ["takes_effect_on", "ends_on", "notification_due_on", "discharge_without_consent_from", "updated_at"]


def takes_effect_when_made(order: Order) -> date | None:
    """The day the order takes effect if that is the day it is made (s23(1): a full or s18
    order); None for an s17 interim order, which takes effect when served (s23(2), order_served),
    and for an order that waits for the defendant's release (s23(6)-(7), order_deferral_end)."""
    if order.deferred_until:
        return None
    return takes_effect_on(made_on=order.made_on, on_service=order.kind == OrderKind.INTERIM_S17)


def interim_in_effect(order: Order) -> bool:
    """Whether an interim order on the same application is in effect as the full order is made:
    s24(1)(a) does not start the notification period again for a full order that replaces one."""
    return (
        order.kind == OrderKind.FULL
        and order.application.orders.filter(
            kind__in=INTERIM_ORDER_KINDS, takes_effect_on__isnull=False, ended_on__isnull=True
        )
        .exclude(pk=order.pk)
        .exists()
    )


def order_take_effect(order: Order, *, on: date, replaces_interim: bool) -> Order:
    """Record that `order` takes effect on `on`, with the dates that follow: a full order's last
    day (s23(3)), each provision's own period (s23(8)), the last day to notify the police (s24(2);
    none for a full order replacing an interim one, s24(1)(a)) and the first day it may be
    discharged without both consents (s27, full orders only)."""
    full = order.kind == OrderKind.FULL
    order.takes_effect_on = on
    order.ends_on = order_last_day(on, months=order.duration_months) if full else None
    order.notification_due_on = None if replaces_interim else notification_last_day(on)
    order.discharge_without_consent_from = discharge_without_consent_from(on) if full else None
    order.save(update_fields=DATE_FIELDS)
    provisions = list(order.provisions.all())
    for provision in provisions:
        provision.starts_on, provision.ends_on = provision_period(
            on,
            starts_after_months=provision.starts_after_months,
            period_months=provision.period_months,
            order_ends=order.ends_on,
        )
    OrderProvision.objects.bulk_update(provisions, ["starts_on", "ends_on"])
    return order


class ProvisionState:
    """Where a provision of an order stands on a day (provision_state)."""

    WAITING = "waiting"  # the order has not taken effect (an s17 order not yet served)
    ENDED_WITH_ORDER = "ended_with_order"
    NOT_YET = "not_yet"  # its own period starts later (s23(8))
    ENDED = "ended"  # its own period is over (s23(8))
    IN_FORCE = "in_force"


def provision_state(provision: OrderProvision, order: Order, *, on: date) -> tuple[str, date | None]:
    """Whether `provision` has effect on `on`, with the day that decides it: the order must have
    taken effect and not ended, and `on` must fall in the provision's own period (s23(8))."""
    if provision.starts_on is None:
        return ProvisionState.WAITING, None
    if order.ended_on is not None and order.ended_on <= on:
        return ProvisionState.ENDED_WITH_ORDER, order.ended_on
    if provision.starts_on > on:
        return ProvisionState.NOT_YET, provision.starts_on
    if provision.ends_on is not None and provision.ends_on < on:
        return ProvisionState.ENDED, provision.ends_on
    return ProvisionState.IN_FORCE, None


def order_served(application, *, served_on: date) -> list[Order]:
    """s23(2): the application's s17 interim orders made by `served_on` and not yet in effect
    take effect on the day they are served on the defendant — or, for one that waits for the
    defendant's release (s23(7)), on the later of that day and the release. Returns those that did."""
    waiting = application.orders.filter(
        kind=OrderKind.INTERIM_S17, takes_effect_on__isnull=True, ended_on__isnull=True, made_on__lte=served_on
    ).filter(Q(deferred_until="") | Q(deferral_ended_on__isnull=False))
    return [
        order_take_effect(order, on=max(served_on, order.deferral_ended_on or served_on), replaces_interim=False)
        for order in waiting
    ]


def _served_on(order: Order) -> date | None:
    """The first day the order was served on the defendant, if it has been (s23(2))."""
    return (
        ServiceRecord.objects.filter(
            application_id=order.application_id,
            document=DocumentKind.ORDER,
            recipient=RecipientKind.DEFENDANT,
            served_on__gte=order.made_on,
        )
        .order_by("served_on")
        .values_list("served_on", flat=True)
        .first()
    )


def _end_months(order: Order) -> list[int]:
    """s23(8): the months after a full order takes effect at which each of its provisions stops."""
    return [
        provision_end_months(
            starts_after_months=p.starts_after_months, period_months=p.period_months, order_months=order.duration_months
        )
        for p in order.provisions.current()
    ]


def review_on_needed(order: Order) -> bool:
    """s26(3): whether a full order has a provision beyond its first year and no review hearing
    listed yet (the review of an order that waited for a release could not be dated when made)."""
    if order.kind != OrderKind.FULL:
        return False
    listed = order.application.hearings.filter(kind=HearingKind.REVIEW, date__gt=order.made_on).exists()
    return not listed and review_needed(provision_end_months=_end_months(order))


@transaction.atomic
def order_deferral_end(
    *, order: Order, membership: Membership, ended_on: date, today: date, review_on: date | None = None
) -> Order:
    """Record the day the defendant was released from custody (or their sentence or licence
    ended) for an order that waited for it (s23(6)-(7)). The order takes effect that day — an
    s17 interim order once it is also served (s23(2)) — with every date that follows. A full
    order that then needs its review hearing (s26(3)-(4)) needs `review_on`, in the window."""
    application = locked(order.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    order = Order.objects.select_for_update().get(pk=order.pk)
    errors = {}
    if not order.deferred_until:
        errors["__all__"] = "The order took effect when it was made: it does not wait for a release (s23(7))."
    elif order.deferral_ended_on is not None:
        errors["__all__"] = "The release is already recorded."
    if ended_on > today:
        errors["ended_on"] = "The date must be today or in the past"
    elif ended_on < order.made_on:
        errors["ended_on"] = "The date cannot be before the order was made"
    if errors:
        raise ValidationError(errors)
    takes_effect = ended_on
    if order.kind == OrderKind.INTERIM_S17:
        served = _served_on(order)
        takes_effect = max(ended_on, served) if served else None
    if takes_effect is not None and review_on_needed(order):
        check = check_review_hearing(
            takes_effect=takes_effect, provision_end_months=_end_months(order), review_on=review_on
        )
        if check.status == Status.FAIL:
            raise ValidationError({"review_on": f"{check.section}: {check.explanation}"})
        Hearing.objects.create(
            application=application, court_id=order.court_id, date=review_on, kind=HearingKind.REVIEW
        )
    order.deferral_ended_on = ended_on
    order.save(update_fields=["deferral_ended_on", "updated_at"])
    if takes_effect is not None:
        order_take_effect(order, on=takes_effect, replaces_interim=interim_in_effect(order))
    audit_change(
        application,
        membership,
        Operation.ALTER,
        reason=f"Release recorded: the order {'took effect' if takes_effect else 'waits for service'} (s23(7))",
        details={"order_id": order.id, "deferral_ended_on": str(ended_on)},
    )
    return order


def order_replace_existing(order: Order) -> Order | None:
    """A new full order replaces the subject's existing full order (the guidance: "A new Knife
    Crime Prevention Order replaces an existing one"): the old one ends the day the new one is
    made, and the new one records which it replaced. Returns the replaced order, if any."""
    if order.kind != OrderKind.FULL:
        return None
    existing = (
        Order.objects.select_for_update()
        .filter(subject_id=order.subject_id, kind=OrderKind.FULL, ended_on__isnull=True, made_on__lte=order.made_on)
        .exclude(pk=order.pk)
        .order_by("-made_on", "-id")
        .first()
    )
    if existing is None:
        return None
    existing.ended_on, existing.end_reason = order.made_on, "Replaced by a new order"
    existing.save(update_fields=["ended_on", "end_reason", "updated_at"])
    order.replaces = existing
    order.save(update_fields=["replaces", "updated_at"])
    return existing


# --- s24 notifications ----------------------------------------------------------------------


@transaction.atomic
def notification_record(
    *,
    order: Order,
    membership: Membership,
    kind: str,
    names: str,
    home_address: str,
    notified_on: date,
    station: str,
    received_by: str,
    today: date,
    changed_on: date | None = None,
) -> Notification:
    """Record a notification the defendant gave under s24, by the owning force's police. It is
    recorded however late it came: lateness is shown (notification_checks), not refused."""
    application = locked(order.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    order = Order.objects.select_for_update().get(pk=order.pk)
    errors = {}
    if order.takes_effect_on is None:
        errors["__all__"] = "The order has not taken effect, so nothing is to be notified yet (s24(1))."
    if notified_on > today:
        errors["notified_on"] = "The date of the notification must be today or in the past"
    elif order.takes_effect_on is not None and notified_on < order.takes_effect_on:
        errors["notified_on"] = "The date of the notification cannot be before the order took effect"
    if kind == NotificationKind.CHANGE:
        if changed_on is None:
            errors["changed_on"] = "Enter the date the name or address changed"
        elif changed_on > notified_on:
            errors["changed_on"] = "The change must be on or before the day it was notified"
    if errors:
        raise ValidationError(errors)
    notification = Notification(
        order=order,
        kind=kind,
        names=names.strip(),
        home_address=home_address.strip(),
        notified_on=notified_on,
        changed_on=changed_on if kind == NotificationKind.CHANGE else None,
        station=station.strip(),
        received_by=received_by.strip(),
        recorded_by=membership.user,
    )
    notification.full_clean()
    notification.save()
    if kind == NotificationKind.INITIAL:
        reminders_resolve(target=order, kinds=[ReminderKind.NOTIFICATION_OVERDUE], membership=membership)
    audit_change(
        application,
        membership,
        Operation.COLLECT,
        reason=f"Notification recorded: {notification.get_kind_display()}",
        details={"order_id": order.id, "notification_id": notification.id},
    )
    return notification


def notification_checks(order: Order, notifications, *, today: date) -> list[tuple[str, CheckResult]]:
    """Each notification duty of the order with whether it was met (eligibility.core.order_dates
    .check_notification): the initial one (s24(2)), then one per change notified (s24(5))."""
    initial = min((n.notified_on for n in notifications if n.kind == NotificationKind.INITIAL), default=None)
    checks = [
        (
            "On the order taking effect",
            check_notification(due=order.notification_due_on, notified_on=initial, today=today),
        )
    ]
    for n in notifications:
        if n.kind == NotificationKind.CHANGE:
            due = notification_last_day(n.changed_on)
            checks.append(
                (
                    f"Change on {day_text(n.changed_on)}",
                    check_notification(due=due, notified_on=n.notified_on, today=today),
                )
            )
    return checks


# --- the Police National Computer -----------------------------------------------------------


@transaction.atomic
def order_pnc_record(
    *, order: Order, membership: Membership, sent_on: date | None, uploaded_on: date | None, today: date
) -> Order:
    """Record when the order and its PNC forms went to the PNC Bureau and when the order was
    uploaded on the PNC. Either may be recorded later than the other; neither can be undone to
    empty once given, nor put in the future or out of order."""
    application = locked(order.application_id)
    check_actor(application, membership, POLICE_CASEWORK)
    order = Order.objects.select_for_update().get(pk=order.pk)
    sent_on = sent_on or order.pnc_sent_on
    uploaded_on = uploaded_on or order.pnc_uploaded_on
    errors = {}
    if sent_on is None:
        errors["sent_on"] = "Enter the date the order was sent to the PNC Bureau"
    elif sent_on > today:
        errors["sent_on"] = "The date it was sent must be today or in the past"
    elif sent_on < order.made_on:
        errors["sent_on"] = "The date it was sent cannot be before the order was made"
    if uploaded_on is not None:
        if uploaded_on > today:
            errors["uploaded_on"] = "The date it was uploaded must be today or in the past"
        elif sent_on is not None and uploaded_on < sent_on:
            errors["uploaded_on"] = "The date it was uploaded cannot be before it was sent"
    if errors:
        raise ValidationError(errors)
    order.pnc_sent_on, order.pnc_uploaded_on = sent_on, uploaded_on
    order.save(update_fields=["pnc_sent_on", "pnc_uploaded_on", "updated_at"])
    reminders_resolve(target=order, kinds=[ReminderKind.PNC_OVERDUE], membership=membership)
    audit_change(
        application,
        membership,
        Operation.ALTER,
        reason="PNC recorded",
        details={"order_id": order.id, "pnc_sent_on": str(sent_on), "pnc_uploaded_on": str(uploaded_on or "")},
    )
    return order


# --- the end of the fixed period --------------------------------------------------------------

# The end_reason of a full order that ran to the end of its fixed period (the ORDER_ENDED
# reminder finds the orders it ended by it).
ORDER_EXPIRED_REASON = "Its fixed period ended (s23(3))"


def orders_end_expired(today: date) -> int:
    """s23(3): a full order has effect for its fixed period, whose last day is `ends_on`. End
    every full order whose last day is before `today` and which has not ended otherwise: it
    stopped having effect on the day after its last day (`ended_on` is the first day without
    effect, as provision_state reads it). Returns how many it ended.

    One UPDATE, so idempotent and safe alongside itself: a second run finds nothing, and rows
    another transaction ends meanwhile (replaced, discharged) are re-checked under their lock
    by PostgreSQL and left with their own reason. Run by the reminder sweep, not by a person,
    so no audit row; the ORDER_ENDED reminder tells the lead to update the PNC."""
    return Order.objects.filter(kind=OrderKind.FULL, ends_on__lt=today, ended_on__isnull=True).update(
        # date + integer is a date in PostgreSQL: the day after the last day.
        ended_on=ExpressionWrapper(F("ends_on") + Value(1), output_field=DateField()),
        end_reason=ORDER_EXPIRED_REASON,
        updated_at=timezone.now(),
    )
