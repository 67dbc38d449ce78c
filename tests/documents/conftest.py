"""The documents tests act on applications with the same people as the application tests, and
most forms name a court."""

import pytest

from tests.factories import OrganisationFactory
from tests.orders.conftest import authoriser, lawyer, officer, people, yot_worker  # noqa: F401 - fixtures


@pytest.fixture
def court(db):
    return OrganisationFactory(court=True, name="Highbury Corner Magistrates’ Court")
