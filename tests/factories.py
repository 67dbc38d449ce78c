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
