import pytest

from kcpo.accounts.models import Role
from tests.factories import MembershipFactory


@pytest.fixture
def officer(force):
    """A KCPO lead of the force whose orders the tables count."""
    return MembershipFactory(organisation=force, role=Role.KCPO_LEAD)
