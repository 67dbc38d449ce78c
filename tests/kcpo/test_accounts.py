import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kcpo.accounts.models import Membership, Organisation, Role
from kcpo.accounts.services import membership_create, organisation_create, user_create
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.parametrize(
    ("organisation_traits", "role", "allowed"),
    [
        ({}, Role.KCPO_LEAD, True),
        ({}, Role.AUTHORISING_OFFICER, True),
        ({}, Role.CPS_LAWYER, False),
        ({"cps": True}, Role.CPS_LAWYER, True),
        ({"cps": True}, Role.POLICE_OFFICER, False),
        ({"yot": True}, Role.YOT_WORKER, True),
        ({"yot": True}, Role.KCPO_LEAD, False),
        ({"provider": True}, Role.SUPERVISOR, True),
        ({"provider": True}, Role.ANALYST, False),
        ({"court": True}, Role.ADMINISTRATOR, True),
    ],
)
def test_a_role_must_suit_the_organisation(db, organisation_traits, role, allowed):
    organisation, user = OrganisationFactory(**organisation_traits), UserFactory()
    if allowed:
        membership_create(user=user, organisation=organisation, role=role)
    else:
        with pytest.raises(ValidationError) as error:
            membership_create(user=user, organisation=organisation, role=role)
        assert "role" in error.value.message_dict
    assert Membership.objects.filter(user=user).exists() is allowed


def test_a_user_belongs_to_an_organisation_once(db):
    organisation, user = OrganisationFactory(), UserFactory()
    membership_create(user=user, organisation=organisation, role=Role.KCPO_LEAD)
    with pytest.raises(ValidationError):
        membership_create(user=user, organisation=organisation, role=Role.POLICE_OFFICER)


def test_emails_are_unique_whatever_their_case(db):
    user_create(email="Jo@Example.gov.uk", full_name="Jo")
    with pytest.raises(ValidationError):
        user_create(email="jo@example.GOV.uk", full_name="Jo again")


def test_organisation_create_gives_it_a_permission_group(db):
    organisation = organisation_create(name="CPS Wales", code="cps-wales", type=Organisation.Type.CPS_AREA)
    assert organisation.group.name == "organisation:cps-wales"


def test_the_database_insists_a_police_force_says_its_kind(db):
    # s15(1): who may apply depends on the kind of force, so it is never left blank.
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(police_force_kind="")


def test_the_database_refuses_an_unknown_role(db):
    membership = membership_create(user=UserFactory(), organisation=OrganisationFactory(), role=Role.KCPO_LEAD)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(role="chief_inspector")


def test_british_transport_police_is_a_police_force(db):
    btp = organisation_create(
        name="British Transport Police", code="btp", type=Organisation.Type.POLICE_FORCE, police_force_kind="btp"
    )
    assert btp.get_police_force_kind_display() == "British Transport Police"
