"""An order's life once the court has made it: the day it takes effect and the dates the law
fixes from that day (eligibility.core.order_dates, stored on the order and its provisions), and a
new full order replacing the subject's existing one.

The date steps write under the lock their caller already holds on the application
(orders.services.locked): they are steps of orders.court's services. `notification_record` is a
service of its own (s24)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from eligibility.core import CheckResult
from eligibility.core.dates import day_text
from eligibility.core.order_dates import (
    check_notification,
    discharge_without_consent_from,
    notification_last_day,
    order_last_day,
    provision_period,
    takes_effect_on,
)
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Membership
from kcpo.audit.services import Operation
from orders.models import INTERIM_ORDER_KINDS, Notification, NotificationKind, Order, OrderKind, OrderProvision
from orders.services import audit_change, check_actor, locked

DATE_FIELDS = ["takes_effect_on", "ends_on", "notification_due_on", "discharge_without_consent_from", "updated_at"]


def takes_effect_when_made(order: Order) -> date | None:
    """The day the order takes effect if that is the day it is made (s23(1): a full or s18
    order); None for an s17 interim order, which takes effect when served (s23(2), order_served)."""
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
    take effect on the day they are served on the defendant. Returns those that did."""
    waiting = application.orders.filter(
        kind=OrderKind.INTERIM_S17, takes_effect_on__isnull=True, ended_on__isnull=True, made_on__lte=served_on
    )
    return [order_take_effect(order, on=served_on, replaces_interim=False) for order in waiting]


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
    audit_change(
        application,
        membership,
        Operation.ALTER,
        reason="PNC recorded",
        details={"order_id": order.id, "pnc_sent_on": str(sent_on), "pnc_uploaded_on": str(uploaded_on or "")},
    )
    return order
