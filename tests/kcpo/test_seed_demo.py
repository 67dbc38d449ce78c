import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case
from kcpo.accounts.models import Membership, Organisation, Role, User


def counts():
    return (Organisation.objects.count(), User.objects.count(), Membership.objects.count(), Case.objects.count())


def test_it_creates_the_demo_organisations_and_one_user_per_role(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    types = sorted(Organisation.objects.values_list("type", flat=True))
    assert types.count("police_force") == 2 and Organisation.objects.filter(code="metropolitan").exists()
    assert (types.count("cps_area"), types.count("yot"), types.count("court"), types.count("provider")) == (1, 2, 2, 2)
    assert set(Organisation.objects.filter(type="court").values_list("court_kind", flat=True)) == {
        "magistrates",
        "youth",
    }
    assert set(Role.values) <= set(Membership.objects.values_list("role", flat=True))


def test_it_is_idempotent(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first


def test_demo_users_can_sign_in_with_the_printed_password(client, db):
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", stdout=out)
    password = out.getvalue().rsplit(": ", 1)[1].strip()

    response = client.post("/sign-in/", {"username": "lead@met.demo.example", "password": password})
    assert (response.status_code, response.url) == (302, "/")


def test_it_refuses_without_demo_data_allowed(db, settings):
    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="Demo data is disabled"):
        call_command("seed_demo")
    assert counts() == (0, 0, 0, 0)


def test_it_adds_a_labelled_assumed_roll_out_beside_the_real_pilot(db):
    from eligibility.models import InForcePeriod

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assumed = InForcePeriod.objects.filter(is_assumption=True)
    assert sorted(assumed.values_list("police_area", flat=True)) == ["metropolitan", "thames-valley"]
    assert all("ASSUMED" in p.legal_basis for p in assumed)
    assert InForcePeriod.objects.filter(police_area="metropolitan", is_assumption=False).count() == 1


def test_demo_applications_cover_every_state_each_route_can_reach(db):
    from orders.demo import _steps
    from orders.models import Application
    from orders.workflow import Route, State

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    made = set(Application.objects.values_list("route", "state"))
    expected = {(route.value, state.value) for route in Route for state in State if _steps(route, state) is not None}
    assert made == expected
    assert (Route.S19.value, State.ENDED.value) in made and (
        Route.S14_WITHOUT_NOTICE.value,
        State.INTERIM_ORDER.value,
    ) in made


def test_demo_orders_have_an_application_awaiting_representations_and_a_variation(db):
    from orders.models import Proceeding

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    waiting = Proceeding.objects.get(applicant="defendant")
    varied = Proceeding.objects.get(applicant="police")
    assert waiting.outcome == "" and waiting.representations_due_on is not None
    assert varied.outcome == "varied" and varied.provisions_added.count() == 1
