import pytest

from kcpo.accounts.models import Role
from tests.access import OrganisationAccess, login_as
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory


@pytest.fixture
def force(db):
    return OrganisationFactory(name="Metropolitan Police Service", code="metropolitan")


@pytest.fixture
def other_force(db):
    return OrganisationFactory(name="Thames Valley Police", code="thames-valley")


@pytest.fixture
def alice(force):
    """A KCPO lead in the force that owns the test case."""
    return MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__full_name="Alice Lead")


@pytest.fixture
def bob(force):
    """An administrator in the same force: right organisation, wrong role for casework."""
    return MembershipFactory(organisation=force, role=Role.ADMINISTRATOR, user__full_name="Bob Admin")


@pytest.fixture
def charlie(other_force):
    """A KCPO lead in another force."""
    return MembershipFactory(organisation=other_force, role=Role.KCPO_LEAD, user__full_name="Charlie Lead")


@pytest.fixture
def case(force, alice):
    return CaseFactory(
        owner=force, lead_officer=alice.user, subject__given_names="Jordan", subject__family_name="Ellis"
    )


@pytest.fixture
def case_access(force):
    return OrganisationAccess.around(force)


@pytest.fixture
def alice_client(client, alice):
    login_as(client, alice)
    return client
