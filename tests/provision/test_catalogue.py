"""The catalogue's rules (provision.catalogue): who may add, change and withdraw an offer, what
an offer must say, how the police's search filters, and who can be named as a requirement's
supervisor (orders.drafting.supervisor_organisations, the guidance ch. 9)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kcpo.accounts.models import Role
from kcpo.areas import area_label
from kcpo.audit.models import AuditEvent
from orders.drafting import supervisor_organisations
from orders.drafting_forms import ProvisionForm
from provision.catalogue import offer_create, offer_deactivate, offer_search, offer_update
from provision.models import Offer
from tests.factories import MembershipFactory, OfferFactory, OrganisationFactory
from tests.orders.review_builders import make_application


@pytest.fixture
def provider(db):
    return OrganisationFactory(provider=True, name="Lambeth Youth Mentoring")


@pytest.fixture
def supervisor(provider):
    return MembershipFactory(organisation=provider, role=Role.SUPERVISOR)


def an_offer(**changes):
    return {
        "name": "Weekly mentoring",
        "description": "One to one, at our centre",
        "categories": ["youth_mentoring", "support_and_counselling"],
        "areas": [" Lambeth ", "Tower  Hamlets", "lambeth"],
        "named_supervisor": "",
        "min_age": 12,
        "max_age": 18,
        "schedule": [{"days": [2], "start": "16:00", "end": "17:30"}],
        "capacity": 6,
        "funding": "free",
        "accepts_supervisor_duty": True,
        **changes,
    }


# --- adding, changing and withdrawing an offer ------------------------------------------------


def test_an_offer_is_added_for_the_members_provider_with_its_areas_normalised(provider, supervisor):
    offer = offer_create(by=supervisor, **an_offer())

    assert (offer.provider, offer.name, offer.is_active) == (provider, "Weekly mentoring", True)
    assert offer.areas == ["lambeth", "tower hamlets"]
    assert offer.categories == ["youth_mentoring", "support_and_counselling"]
    assert (offer.min_age, offer.max_age, offer.capacity, offer.accepts_supervisor_duty) == (12, 18, 6, True)
    assert offer.schedule == [{"days": [2], "start": "16:00", "end": "17:30"}]


def test_adding_an_offer_is_audited(supervisor):
    offer = offer_create(by=supervisor, **an_offer())

    event = AuditEvent.objects.get()
    assert (event.operation, event.object_type, event.object_id) == ("collect", "provision.offer", str(offer.id))
    assert (event.user_id, event.organisation_id, event.details) == (
        supervisor.user_id,
        supervisor.organisation_id,
        {"change": "added"},
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter the name of what you offer"),
        ({"categories": []}, "categories", "Select at least one kind of requirement you provide"),
        ({"categories": ["curfew"]}, "categories", "Select kinds of requirement from the list"),
        ({"areas": [" ", ""]}, "areas", "Enter at least one area you work in"),
        ({"min_age": 19}, "max_age", "The oldest age must be the same as or more than the youngest"),
        ({"max_age": 120}, "max_age", "Enter an age from 0 to 99"),
        ({"funding": "lottery"}, "funding", "Select how it is funded"),
        ({"capacity": 0}, "capacity", "Enter the number of places as a whole number, 1 or more, or leave it blank"),
        ({"schedule": [{"days": [9], "start": "16:00", "end": "17:00"}]}, "schedule", None),
    ],
)
def test_an_offer_that_says_too_little_is_refused_and_nothing_is_added(supervisor, changes, field, message):
    with pytest.raises(ValidationError) as error:
        offer_create(by=supervisor, **an_offer(**changes))

    assert list(error.value.message_dict) == [field]
    if message:
        assert error.value.message_dict[field] == [message]
    assert not Offer.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "member",
    [
        {"organisation__code": "a-force", "role": Role.KCPO_LEAD},
        {"organisation__yot": True, "role": Role.SUPERVISOR},
        {"organisation__cps": True, "role": Role.ADMINISTRATOR},
    ],
)
def test_only_a_providers_members_can_add_an_offer(db, member):
    with pytest.raises(PermissionDenied):
        offer_create(by=MembershipFactory(**member), **an_offer())

    assert not Offer.objects.exists()


def test_a_providers_administrator_can_add_an_offer(provider):
    administrator = MembershipFactory(organisation=provider, role=Role.ADMINISTRATOR)

    assert offer_create(by=administrator, **an_offer()).provider == provider


def test_an_offer_is_changed_only_where_asked(provider, supervisor):
    offer = OfferFactory(provider=provider, name="Mentoring", areas=["lambeth"], max_age=25)

    changed = offer_update(offer=offer, by=supervisor, areas=["Southwark"], max_age=21)

    assert (changed.name, changed.areas, changed.max_age) == ("Mentoring", ["southwark"], 21)
    event = AuditEvent.objects.get()
    assert (event.operation, event.details) == ("alter", {"change": "changed"})


def test_a_bad_change_changes_nothing(provider, supervisor):
    offer = OfferFactory(provider=provider, min_age=12, max_age=18)

    with pytest.raises(ValidationError):
        offer_update(offer=offer, by=supervisor, min_age=20)

    offer.refresh_from_db()
    assert (offer.min_age, offer.max_age) == (12, 18)
    assert not AuditEvent.objects.exists()


def test_another_provider_cannot_change_or_withdraw_an_offer(provider):
    offer = OfferFactory(provider=provider, name="Mentoring")
    outsider = MembershipFactory(organisation__provider=True, role=Role.SUPERVISOR)

    with pytest.raises(PermissionDenied):
        offer_update(offer=offer, by=outsider, name="Taken over")
    with pytest.raises(PermissionDenied):
        offer_deactivate(offer=offer, by=outsider)

    offer.refresh_from_db()
    assert (offer.name, offer.is_active) == ("Mentoring", True)


def test_an_offer_is_withdrawn_from_the_catalogue(provider, supervisor):
    offer = OfferFactory(provider=provider)

    offer_deactivate(offer=offer, by=supervisor)

    assert Offer.objects.get(pk=offer.pk).is_active is False
    assert not offer_search().exists()
    assert AuditEvent.objects.get().details == {"change": "deactivated"}


def test_withdrawing_a_withdrawn_offer_changes_nothing(provider, supervisor):
    offer = OfferFactory(provider=provider, is_active=False)

    offer_deactivate(offer=offer, by=supervisor)

    assert not AuditEvent.objects.exists()


# --- the police's search ----------------------------------------------------------------------


def test_the_search_finds_an_offer_by_category_area_and_age(db):
    mentoring = OfferFactory(categories=["youth_mentoring"], areas=["lambeth"], min_age=12, max_age=18)
    OfferFactory(categories=["job_readiness"], areas=["lambeth"])
    OfferFactory(categories=["youth_mentoring"], areas=["southwark"])

    found = offer_search(category="youth_mentoring", area=" LAMBETH ", age=15)

    assert list(found) == [mentoring]


@pytest.mark.parametrize(("age", "found"), [(11, False), (12, True), (18, True), (19, False)])
def test_the_search_finds_an_offer_only_within_its_ages(db, age, found):
    OfferFactory(min_age=12, max_age=18)

    assert offer_search(age=age).exists() is found


def test_the_search_can_ask_only_for_providers_that_take_the_supervisors_duties(db):
    willing = OfferFactory(accepts_supervisor_duty=True)
    OfferFactory(accepts_supervisor_duty=False)

    assert list(offer_search(supervisors_only=True)) == [willing]


def test_the_search_leaves_out_withdrawn_offers_and_inactive_providers(db):
    listed = OfferFactory()
    OfferFactory(is_active=False)
    OfferFactory(provider__is_active=False)

    assert list(offer_search()) == [listed]


def test_the_search_lists_by_provider_then_offer(db):
    b = OfferFactory(provider__name="B Provider", name="Alpha")
    a2 = OfferFactory(provider__name="A Provider", name="Zeta")
    a1 = OfferFactory(provider=a2.provider, name="Beta")

    assert list(offer_search()) == [a1, a2, b]


def test_an_area_is_shown_as_people_write_it():
    assert [area_label(a) for a in ("kingston upon thames", "stoke-on-trent", "barking and dagenham")] == [
        "Kingston upon Thames",
        "Stoke-on-Trent",
        "Barking and Dagenham",
    ]


# --- who can be named as a supervisor (s22, the guidance ch. 9) ---------------------------------


def test_only_providers_with_an_active_offer_taking_the_duty_can_supervise(db):
    willing = OfferFactory(provider__name="Willing", accepts_supervisor_duty=True).provider
    OfferFactory(provider__name="Unwilling", accepts_supervisor_duty=False)
    OfferFactory(provider__name="Withdrawn", accepts_supervisor_duty=True, is_active=False)
    OfferFactory(provider__name="Closed", provider__is_active=False, accepts_supervisor_duty=True)
    OrganisationFactory(provider=True, name="No offer")

    assert list(supervisor_organisations()) == [willing]


def test_a_provider_with_two_willing_offers_is_listed_once(db):
    provider = OfferFactory(accepts_supervisor_duty=True).provider
    OfferFactory(provider=provider, accepts_supervisor_duty=True)

    assert list(supervisor_organisations()) == [provider]


def test_the_supervisor_already_named_stays_a_choice_when_it_no_longer_qualifies(db):
    named = OrganisationFactory(provider=True, name="Named before")

    assert list(supervisor_organisations(keep_id=named.id)) == [named]


def test_the_requirement_forms_choices_are_the_willing_providers(alice):
    application = make_application(alice)
    willing = OfferFactory(accepts_supervisor_duty=True).provider
    OfferFactory(accepts_supervisor_duty=False)

    form = ProvisionForm(application=application)

    assert list(form.fields["supervisor_organisation"].queryset) == [willing]
