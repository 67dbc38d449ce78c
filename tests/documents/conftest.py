"""The documents tests act on applications with the same people as the application tests."""

from tests.orders.conftest import authoriser, lawyer, officer, people, yot_worker  # noqa: F401 - fixtures
