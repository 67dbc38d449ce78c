"""Fixtures of the supervision tests: the clock pinned at NOW (Wednesday 3 March 2027, 18:00,
after that day's session), the supervised order of tests/provision/supervision_builders.py and
that day's session of R2. A test module opts into the clock with
`pytestmark = pytest.mark.usefixtures("frozen")`."""

import pytest
import time_machine

from tests.orders.conftest import officer  # noqa: F401 - fixture
from tests.provision.supervision_builders import NOW, TODAY, session_on, supervised_order


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def supervised(officer):  # noqa: F811
    return supervised_order(officer)


@pytest.fixture
def session(supervised):
    """Wednesday 3 March 2027, 16:00-17:30: over by NOW."""
    return session_on(supervised.r2, TODAY)
