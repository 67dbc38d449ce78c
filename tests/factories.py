"""factory_boy factories for the cross-cutting models and cases.

Factories create through the services where a service owns the invariant (an
organisation's guardian group), so tests build objects the way the app does.
"""

import datetime

import factory
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cases.models import Case, Occasion, Subject, searchable_names
from kcpo.accounts.models import Membership, Organisation, Role, User
from kcpo.reminders.models import Reminder

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Police Force {n}")
    code = factory.Sequence(lambda n: f"test-force-{n}")
    type = Organisation.Type.POLICE_FORCE
    police_force_kind = factory.LazyAttribute(
        lambda o: Organisation.PoliceForceKind.TERRITORIAL if o.type == Organisation.Type.POLICE_FORCE else ""
    )
    court_kind = factory.LazyAttribute(
        lambda o: Organisation.CourtKind.MAGISTRATES if o.type == Organisation.Type.COURT else ""
    )
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"organisation:{o.code}"))

    class Params:
        cps = factory.Trait(type=Organisation.Type.CPS_AREA, name=factory.Sequence(lambda n: f"CPS Area {n}"))
        yot = factory.Trait(type=Organisation.Type.YOT, name=factory.Sequence(lambda n: f"Youth Offending Team {n}"))
        provider = factory.Trait(type=Organisation.Type.PROVIDER, name=factory.Sequence(lambda n: f"Provider {n}"))
        court = factory.Trait(type=Organisation.Type.COURT, name=factory.Sequence(lambda n: f"Court {n}"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.gov.uk")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.KCPO_LEAD


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    given_names = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = datetime.date(2008, 6, 1)
    owner = factory.SubFactory(OrganisationFactory)
    search_names = factory.LazyAttribute(lambda o: searchable_names(o.given_names, o.family_name))


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"TEST-{n:05d}")
    owner = factory.SubFactory(OrganisationFactory)
    subject = factory.SubFactory(SubjectFactory, owner=factory.SelfAttribute("..owner"))
    lead_officer = None


class OccasionFactory(factory.django.DjangoModelFactory):
    """An occasion that counts under s14(3) unless told otherwise (public place, no good reason)."""

    class Meta:
        model = Occasion

    subject = factory.SubFactory(SubjectFactory)
    occurred_on = datetime.date(2024, 1, 1)
    place = "public_place"
    good_reason = ""
    location = "High Street"
    article = "Kitchen knife"
    source = "stop_and_search"


def make_occasion(subject, day, place="public_place", good_reason=""):
    return OccasionFactory(subject=subject, occurred_on=day, place=place, good_reason=good_reason)


class ReminderFactory(factory.django.DjangoModelFactory):
    """A reminder about `target` (any saved model instance; by default a case of the
    reminder's organisation, whose subject it then concerns), due today, assigned to no one."""

    class Meta:
        model = Reminder
        exclude = ["target"]

    organisation = factory.SubFactory(OrganisationFactory)
    target = factory.SubFactory(CaseFactory, owner=factory.SelfAttribute("..organisation"))
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    subject = factory.LazyAttribute(lambda o: o.target.subject if isinstance(o.target, Case) else None)
    kind = Reminder.Kind.REVIEW_HEARING
    due_on = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Task {n}")
    link = factory.LazyAttribute(lambda o: f"/cases/{o.target.pk}/" if isinstance(o.target, Case) else "/")
    assignee = None


# --- supervision (provision.sessions, provision.compliance) -------------------------------------
# Models named by label, so that this block needs no import above (other blocks are appended too).


class SessionFactory(factory.django.DjangoModelFactory):
    """A session of `requirement` (an OrderProvision: pass one, e.g. R2 of make_full_order),
    an hour long, one day apart from the previous one made."""

    class Meta:
        model = "provision.Session"

    starts_at = factory.Sequence(
        lambda n: timezone.make_aware(datetime.datetime(2027, 1, 4, 16, 0)) + datetime.timedelta(days=n)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))


class ComplianceReportFactory(factory.django.DjangoModelFactory):
    """A report of "attended" on `session` (pass one, or session__requirement=...), made by a
    supervisor an hour after it ended. Set directly, without the service (no audit row, no reminder)."""

    class Meta:
        model = "provision.ComplianceReport"

    session = factory.SubFactory(SessionFactory)
    attendance = "attended"
    reported_by = factory.SubFactory(UserFactory)
    reported_at = factory.LazyAttribute(lambda o: o.session.ends_at + datetime.timedelta(hours=1))


# --- police checks and breaches (breaches.services) ---------------------------------------------
# Models named by label, as the supervision block does. Set directly, without the services (no
# audit row, no validation): pass `order` (and `provision`/`prohibition`, one of that order's).


class PoliceCheckFactory(factory.django.DjangoModelFactory):
    """A curfew check of `order` that found the subject at home, at 21:00 on 4 January 2027."""

    class Meta:
        model = "breaches.PoliceCheck"

    kind = "curfew"
    checked_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2027, 1, 4, 21, 0)))
    place = "12 Acre Lane, London SW2 5SG"
    complied = True
    minutes_outside = None
    officer = "PC Smith"
    recorded_by = factory.SubFactory(UserFactory)


class BreachFactory(factory.django.DjangoModelFactory):
    """A suspected breach of `provision` of `order` on 5 January 2027, not decided yet (pass
    provision=None, notification_duty=True for the duty to notify)."""

    class Meta:
        model = "breaches.Breach"
        skip_postgeneration_save = True

    occurred_on = datetime.date(2027, 1, 5)
    came_to_light = "supervisor_report"
    evidence = "The supervisor reported it."
    notification_duty = False
    recorded_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def reports(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.reports.set(extracted)

    @factory.post_generation
    def checks(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.checks.set(extracted)


# --- catalogue and referrals (provision.catalogue, provision.referrals) -------------------------


class OfferFactory(factory.django.DjangoModelFactory):
    """An active offer of youth mentoring in Lambeth for ages 10 to 25, free, by a new provider
    that takes the supervisor's duties. Set directly, without the service (no audit row)."""

    class Meta:
        model = "provision.Offer"

    provider = factory.SubFactory(OrganisationFactory, provider=True)
    name = factory.Sequence(lambda n: f"Offer {n}")
    categories = factory.LazyFunction(lambda: ["youth_mentoring"])
    areas = factory.LazyFunction(lambda: ["lambeth"])
    min_age = 10
    max_age = 25
    funding = "free"
    accepts_supervisor_duty = True


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral sent on Monday 4 January 2027 to `offer`'s provider, due a follow-up a week
    later. Pass `requirement` (an OrderProvision, e.g. R2 of make_full_order) and the owner and
    subject follow from its order; without one, a new force and subject. Set directly, without
    the service (no audit row)."""

    class Meta:
        model = "provision.Referral"

    requirement = None
    owner = factory.LazyAttribute(lambda o: o.requirement.order.owner if o.requirement else OrganisationFactory())
    subject = factory.LazyAttribute(
        lambda o: o.requirement.order.subject if o.requirement else SubjectFactory(owner=o.owner)
    )
    offer = factory.SubFactory(OfferFactory)
    provider = factory.LazyAttribute(lambda o: o.offer.provider)
    state = "sent"
    contact_details = "Mother: 07700 900123"
    consent_by = "parent"
    consent_on = datetime.date(2027, 1, 4)
    sent_on = datetime.date(2027, 1, 4)
    sent_by = factory.SubFactory(UserFactory)
    follow_up_on = datetime.date(2027, 1, 11)
