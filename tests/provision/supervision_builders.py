"""An order with supervised requirements, for the supervision tests: make_full_order's 18-month
order (made and in effect on Monday 14 December 2026) whose R2, weekly mentoring on Wednesdays
16:00-17:30, is supervised by Lambeth Youth Mentoring; R3, supervised by another provider; and
P1, a prohibition nobody supervises. The clock is pinned by the tests (NOW: Wednesday 3 March
2027, 18:00, after that day's session)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from kcpo.accounts.models import Membership, Organisation, Role
from orders.models import Order, OrderProvision, YotConsultation
from provision.models import Session
from tests.documents.builders import make_full_order
from tests.factories import MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_consultation

NOW = timezone.make_aware(datetime(2027, 3, 3, 18, 0))
TODAY = date(2027, 3, 3)
WEDNESDAYS = [{"days": [2], "start": "16:00", "end": "17:30"}]
CHILD_BIRTH = date(2011, 2, 10)  # 16 on TODAY


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@dataclass
class Supervised:
    order: Order
    r2: OrderProvision
    r3: OrderProvision
    p1: OrderProvision
    provider: Organisation
    supervisor: Membership
    other_provider: Organisation
    other_supervisor: Membership
    consultation: YotConsultation | None = None

    @property
    def subject(self):
        return self.order.subject


def supervised_order(officer: Membership, *, date_of_birth: date | None = None, yot: Organisation | None = None):
    """The order of `officer`'s force with R2 (this provider), R3 (another) and P1. For a child
    (`date_of_birth`), `yot` is consulted on the application."""
    application = make_full_order(officer, court=None)
    order = Order.objects.select_related("subject").get(application=application)
    if date_of_birth is not None:
        order.subject.__class__.objects.filter(pk=order.subject_id).update(date_of_birth=date_of_birth)
        order.subject.refresh_from_db()
    r2 = order.provisions.get(number=2)
    OrderProvision.objects.filter(pk=r2.pk).update(schedule=WEDNESDAYS)
    r2.refresh_from_db()
    other_provider = OrganisationFactory(provider=True, name="Brixton Boxing Club")
    r3 = OrderProvision.objects.create(
        order=order,
        number=3,
        kind="requirement",
        category="structured_activities",
        wording="To attend boxing training every Saturday",
        schedule=[{"days": [5], "start": "10:00", "end": "12:00"}],
        supervisor_organisation=other_provider,
        starts_on=r2.starts_on,
        ends_on=r2.ends_on,
    )
    consultation = make_consultation(application, yot, officer) if yot is not None else None
    return Supervised(
        order=order,
        r2=r2,
        r3=r3,
        p1=order.provisions.get(number=1),
        provider=r2.supervisor_organisation,
        supervisor=MembershipFactory(
            organisation=r2.supervisor_organisation, role=Role.SUPERVISOR, user__full_name="Sam Supervisor"
        ),
        other_provider=other_provider,
        other_supervisor=MembershipFactory(organisation=other_provider, role=Role.SUPERVISOR),
        consultation=consultation,
    )


def session_on(requirement: OrderProvision, day: date, hour: int = 16, minutes: int = 90) -> Session:
    starts = at(day, hour)
    return Session.objects.create(
        requirement=requirement, starts_at=starts, ends_at=starts + timedelta(minutes=minutes)
    )
