"""The order the breach tests work on, and the records they build on it.

`make_full_order` (tests/documents/builders.py) makes a full 18-month order that takes effect
on 14 December 2026, with P1, a prohibition on entering a place with 12 months of its own
(to 13 December 2027), and R2, a supervised mentoring requirement. The tests add P3, a curfew,
and make the subject a child where the "more than trivial" test is about one."""

import datetime
from datetime import date

import pytest
from django.utils import timezone

from kcpo.accounts.models import Role
from orders.models import Order, OrderProvision
from tests.documents.builders import make_full_order
from tests.factories import ComplianceReportFactory, MembershipFactory, SessionFactory

TOOK_EFFECT = date(2026, 12, 14)
# A child: 16 in 2027 (18 on 1 June 2028).
CHILD_BORN = date(2010, 6, 1)
CURFEW_WORDING = "To remain at 12 Acre Lane between 21:00 and 06:00 every day"


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


@pytest.fixture
def order(officer):
    """The full order, of an adult (born 9 April 2005), with P3, a curfew, added."""
    order = Order.objects.select_related("subject").get(application=make_full_order(officer, court=None))
    add_provision(order, number=3, category="curfew", wording=CURFEW_WORDING)
    return order


@pytest.fixture
def child_order(order):
    """The same order, of a child (16 throughout 2027)."""
    order.subject.date_of_birth = CHILD_BORN
    order.subject.save(update_fields=["date_of_birth"])
    return order


def provision(order: Order, label: str) -> OrderProvision:
    kind = "requirement" if label.startswith("R") else "prohibition"
    return order.provisions.current().get(kind=kind, number=int(label[1:]))


def add_provision(order: Order, *, number: int, category: str, wording: str, kind: str = "prohibition"):
    """A provision the court made, in force for the whole order (set directly)."""
    return OrderProvision.objects.create(
        order=order,
        number=number,
        kind=kind,
        category=category,
        wording=wording,
        starts_on=order.takes_effect_on,
        ends_on=order.ends_on,
    )


def at(day: date, hour: int, minute: int = 0) -> datetime.datetime:
    """A time in Europe/London."""
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def report(requirement: OrderProvision, day: date, attendance: str, **fields):
    """A supervisor's report of a session of `requirement` at 16:00 on `day` (set directly)."""
    session = SessionFactory(requirement=requirement, starts_at=at(day, 16), ends_at=at(day, 17))
    if attendance == "late":
        fields.setdefault("minutes_late", 10)
    if attendance == "excused":
        fields.setdefault("excuse", "Hospital appointment")
    return ComplianceReportFactory(session=session, attendance=attendance, **fields)
