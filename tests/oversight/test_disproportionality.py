"""Disproportionality (oversight/disproportionality.py) against the population estimates a
force loads (oversight/population.py, `manage.py load_population_estimates`)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from kcpo.accounts.models import Role
from oversight.disproportionality import disproportionality
from oversight.models import PopulationEstimate
from oversight.population import estimates_load
from tests.access import login_as
from tests.factories import MembershipFactory, OrganisationFactory
from tests.oversight.builders import order_made, scope

CSV = "area,ethnic_group,population\nLambeth,White,100000\nLambeth,Black,50000\nCroydon,Black,50000\n"


def row(table, label):
    return next(r for r in table.rows if r.label == label)


@pytest.fixture
def loaded(force):
    estimates_load(force=force, text=CSV, source="Census 2021 TS021 (test)")


def test_rates_per_10000_and_relative_to_white(officer, loaded):
    for _ in range(5):
        order_made(officer, ethnicity="W1", local_authority="Lambeth")
    for _ in range(10):
        order_made(officer, ethnicity="B2", local_authority="Lambeth")

    table = disproportionality(scope(officer, area="Lambeth"))

    assert row(table, "White").medians == (100000, 0.5, 1)
    assert row(table, "Black").medians == (50000, 2, 4)  # four times the White rate


def test_without_a_borough_the_population_is_every_area_loaded(officer, loaded):
    for _ in range(10):
        order_made(officer, ethnicity="B1")

    assert row(disproportionality(scope(officer)), "Black").medians[:2] == (100000, 1)


@pytest.mark.parametrize(("orders", "rate"), [(4, None), (5, 0.5)])
def test_a_rate_needs_five_orders(officer, loaded, orders, rate):
    for _ in range(orders):
        order_made(officer, ethnicity="W2", local_authority="Lambeth")

    assert row(disproportionality(scope(officer, area="lambeth")), "White").medians[1] == rate


def test_without_estimates_the_table_says_so_and_gives_no_rates(officer):
    for _ in range(5):
        order_made(officer, ethnicity="W1")

    table = disproportionality(scope(officer))

    assert "None are loaded yet" in table.description
    assert row(table, "White").medians == (None, None, None) and row(table, "White").orders == 5


def test_another_forces_estimates_are_not_used(officer):
    estimates_load(force=OrganisationFactory(), text=CSV, source="Theirs")
    for _ in range(5):
        order_made(officer, ethnicity="W1", local_authority="Lambeth")

    assert row(disproportionality(scope(officer)), "White").medians == (None, None, None)


def test_a_valid_file_replaces_the_forces_estimates(force, loaded):
    estimates_load(force=force, text='area,ethnic_group,population\nLambeth,Asian,"30,000"\n', source="New")

    assert list(PopulationEstimate.objects.values_list("area", "ethnic_group", "population", "source")) == [
        ("lambeth", "A", 30000, "New")
    ]


def test_a_bad_file_is_refused_by_line_and_changes_nothing(force, loaded):
    bad = (
        "area,ethnic_group,population\n,White,10\nLambeth,Purple,10\nLambeth,Black,many\nLambeth,W,1\nlambeth,white,2\n"
    )

    with pytest.raises(ValidationError) as refused:
        estimates_load(force=force, text=bad, source="Bad")

    assert refused.value.messages == [
        "Line 2: enter the area",
        "Line 3: the ethnic group must be one of Asian, Black, Mixed, White, Other",
        "Line 4: the population must be a whole number",
        "Line 6: lambeth and White are given twice",
    ]
    assert PopulationEstimate.objects.count() == 3


def test_the_command_loads_a_file(force, tmp_path, capsys):
    path = tmp_path / "population.csv"
    path.write_text(CSV, encoding="utf-8")

    call_command("load_population_estimates", str(path), force=force.code, source="Census 2021 TS021")

    assert PopulationEstimate.objects.filter(force=force).count() == 3
    assert "3 population estimates loaded" in capsys.readouterr().out


def test_the_command_reports_a_bad_file(force, tmp_path):
    path = tmp_path / "population.csv"
    path.write_text("area,population\nLambeth,1\n", encoding="utf-8")

    with pytest.raises(CommandError, match="missing: ethnic_group"):
        call_command("load_population_estimates", str(path), force=force.code, source="x")


@pytest.fixture
def administrator(force):
    return MembershipFactory(organisation=force, role=Role.ADMINISTRATOR, user__is_staff=True)


def test_an_administrator_sees_only_their_forces_estimates(client, administrator, loaded):
    estimates_load(force=OrganisationFactory(), text=CSV, source="Theirs")
    login_as(client, administrator)

    response = client.get(reverse("admin:oversight_populationestimate_changelist"))

    assert response.status_code == 200
    assert {e.force_id for e in response.context["cl"].queryset} == {administrator.organisation_id}


def test_another_forces_estimate_cannot_be_opened_in_the_admin(client, administrator):
    estimates_load(force=OrganisationFactory(), text=CSV, source="Theirs")
    login_as(client, administrator)

    theirs = PopulationEstimate.objects.first()
    response = client.get(reverse("admin:oversight_populationestimate_change", args=[theirs.id]))

    assert response.status_code == 302 and response.url == reverse("admin:index")


def test_the_estimates_admin_refuses_other_roles(client, force, loaded):
    login_as(client, MembershipFactory(organisation=force, role=Role.ANALYST, user__is_staff=True))

    assert client.get(reverse("admin:oversight_populationestimate_changelist")).status_code == 403
