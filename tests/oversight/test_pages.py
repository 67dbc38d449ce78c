"""The statistics page and its CSV downloads (oversight/views.py): for a police force's analysts
and KCPO leads, counting their own force's records; filters by GET; errors shown and nothing
counted; every read logged; a fixed number of queries however many orders there are."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from oversight.access import is_statistics_reader
from oversight.registry import TABLES
from tests.access import OrganisationAccess, as_member, assert_access
from tests.documents.builders import make_order
from tests.factories import MembershipFactory

PERIOD = {
    "date_from_day": "1",
    "date_from_month": "12",
    "date_from_year": "2026",
    "date_to_day": "31",
    "date_to_month": "12",
    "date_to_year": "2026",
}


@pytest.fixture
def analyst(force):
    return MembershipFactory(organisation=force, role=Role.ANALYST)


@pytest.fixture
def analyst_client(client, analyst):
    return as_member(client, analyst)


def logged():
    return AuditEvent.objects.filter(object_type="oversight.statistics")


def test_the_page_is_for_the_analysts_and_kcpo_leads_of_a_police_force(client, force):
    access = OrganisationAccess.around(force)
    expected = {m: 200 if is_statistics_reader(m) else 403 for m in [*access.own.values(), *access.others]}

    assert_access(client, reverse("oversight:statistics"), expected)
    assert {m.role for m, status in expected.items() if status == 200} == {Role.ANALYST, Role.KCPO_LEAD}


def test_a_download_is_for_the_same_people(client, force):
    access = OrganisationAccess.around(force)
    expected = {m: 200 if is_statistics_reader(m) else 403 for m in [*access.own.values(), *access.others]}

    assert_access(client, reverse("oversight:statistics_csv", args=["orders-made"]), expected, data=PERIOD)


def test_the_page_counts_the_forces_own_orders_only(client, analyst, officer):
    make_order(officer)  # made on 14 December 2026, by the analyst's force
    elsewhere = MembershipFactory(role=Role.ANALYST)  # another force's analyst

    ours = as_member(client, analyst).get(reverse("oversight:statistics"), PERIOD).context["tables"]
    theirs = as_member(client, elsewhere).get(reverse("oversight:statistics"), PERIOD).context["tables"]

    assert (ours[0].total, theirs[0].total) == (1, 0)


def test_the_page_shows_every_table_with_a_download_keeping_the_filters(analyst_client):
    response = analyst_client.get(reverse("oversight:statistics"), {**PERIOD, "area": "Lambeth"})

    html = response.content.decode()
    assert [table.key for table in response.context["tables"]] == list(TABLES)
    assert 'method="get"' in html
    assert f"{reverse('oversight:statistics_csv', args=['gender'])}?date_from_day=1&amp;" in html
    assert "area=Lambeth" in html


def test_without_filters_the_page_counts_the_calendar_year_so_far(client, analyst):
    with time_machine.travel(date(2027, 3, 15), tick=False):  # before signing in: sessions expire
        response = as_member(client, analyst).get(reverse("oversight:statistics"))

    form = response.context["filter_form"]
    assert (form.cleaned_data["date_from"], form.cleaned_data["date_to"]) == (date(2027, 1, 1), date(2027, 3, 15))


def test_a_period_ending_before_it_starts_is_shown_and_nothing_is_counted(analyst_client):
    response = analyst_client.get(
        reverse("oversight:statistics"), {**PERIOD, "date_to_day": "1", "date_to_month": "11"}
    )

    assert "The last day must be the same as or after the first day" in response.content.decode()
    assert response.context["tables"] == []
    assert not logged().exists()


def test_a_download_of_a_bad_period_is_refused(analyst_client):
    response = analyst_client.get(reverse("oversight:statistics_csv", args=["gender"]), {"date_from_day": "x"})

    assert response.status_code == 400


def test_an_unknown_table_is_not_found(analyst_client):
    assert analyst_client.get(reverse("oversight:statistics_csv", args=["nothing"]), PERIOD).status_code == 404


def test_reading_the_page_is_logged_with_its_filters(analyst_client, analyst):
    analyst_client.get(reverse("oversight:statistics"), {**PERIOD, "area": "Lambeth"})

    event = logged().get()
    assert (event.user_id, event.details) == (
        analyst.user_id,
        {"filters": {"date_from": "2026-12-01", "date_to": "2026-12-31", "area": "Lambeth"}, "page": "statistics"},
    )


def test_a_download_is_logged_and_suppresses_small_counts(analyst_client, officer):
    make_order(officer)

    response = analyst_client.get(reverse("oversight:statistics_csv", args=["orders-made"]), PERIOD)

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="kcpo-orders-made-2026-12-01-to-2026-12-31.csv"'
    assert rows[1][:2] == ["Section 14, with notice", "[c]"]
    assert logged().get().details["export"] == "orders-made"


def test_the_page_costs_the_same_queries_however_many_orders(analyst_client, officer, django_assert_max_num_queries):
    make_order(officer)
    with django_assert_max_num_queries(40) as few:
        analyst_client.get(reverse("oversight:statistics"), PERIOD)
    for _ in range(3):
        make_order(officer)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = analyst_client.get(reverse("oversight:statistics"), PERIOD)
    assert response.context["tables"][0].total == 4


@pytest.mark.parametrize(
    ("role", "shown"), [(Role.ANALYST, True), (Role.KCPO_LEAD, True), (Role.POLICE_OFFICER, False)]
)
def test_the_navigation_offers_statistics_to_who_reads_them(client, force, role, shown):
    response = as_member(client, MembershipFactory(organisation=force, role=role)).get(reverse("accounts:home"))

    assert ("Statistics" in {item.text for item in response.context["navigation"]}) is shown
