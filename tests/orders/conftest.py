"""The people of the application tests: the owning force's police, a CPS lawyer and a YOT
worker (each in their own organisation), and the outsiders the permission tests need."""

import pytest

from kcpo.accounts.models import Role
from tests.factories import MembershipFactory


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


@pytest.fixture
def authoriser(force):
    return MembershipFactory(organisation=force, role=Role.AUTHORISING_OFFICER, user__full_name="Ada Authoriser")


@pytest.fixture
def lawyer(db):
    return MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER, user__full_name="Lee Lawyer")


@pytest.fixture
def yot_worker(db):
    return MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER, user__full_name="Yasmin YOT")


@pytest.fixture
def people(force, officer, authoriser, lawyer):
    """Everyone who acts on an application, by the name the tests' ACTORS use, plus a
    wrong role in the force and the right roles in the wrong organisations."""
    return {
        "officer": officer,
        "authoriser": authoriser,
        "lawyer": lawyer,
        "other_lawyer": MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER),
        "analyst": MembershipFactory(organisation=force, role=Role.ANALYST),
        "other_force_lead": MembershipFactory(organisation__code="elsewhere", role=Role.KCPO_LEAD),
    }
