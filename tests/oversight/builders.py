"""Orders for the statistics tests, made on a chosen day of the period."""

from datetime import date

from cases.models import Subject
from orders.models import Hearing, Order
from orders.workflow import Route
from oversight.selectors import Scope
from tests.documents.builders import make_order

# Before the day make_order's orders are made (14 December 2026), so that moving an order's day
# back into the period keeps it made before it took effect.
FIRST, LAST = date(2026, 10, 1), date(2026, 11, 30)


def order_made(officer, *, on=FIRST, route=Route.S14_WITH_NOTICE, **subject) -> Order:
    """A full order of `officer`'s force made on `on` (the hearing's day moved back there)."""
    order = Order.objects.get(application=make_order(officer, route=route))
    Order.objects.filter(pk=order.pk).update(made_on=on)
    Hearing.objects.filter(pk=order.hearing_id).update(date=on)
    if subject:
        Subject.objects.filter(pk=order.subject_id).update(**subject)
    return Order.objects.get(pk=order.pk)


def scope(officer, area="", first=FIRST, last=LAST) -> Scope:
    return Scope(owner_id=officer.organisation_id, date_from=first, date_to=last, area=area)
