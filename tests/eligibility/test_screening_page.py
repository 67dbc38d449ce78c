"""The page "Who meets the section 14 conditions today?" (eligibility.views.s14_screening_page)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eligibility.models import InForcePeriod
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Organisation, Role
from kcpo.audit.models import AuditEvent
from tests.access import OrganisationAccess, assert_access, login_as
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory, SubjectFactory, make_occasion

TODAY = date(2024, 7, 1)
URL = "/eligibility/s14-screening/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2024, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield TODAY


def in_force(organisation, starts_on=date(2024, 1, 1), ends_on=None):
    InForcePeriod.objects.create(
        police_area=organisation.code, starts_on=starts_on, ends_on=ends_on, legal_basis="Test roll-out"
    )
    return organisation


@pytest.fixture
def force(db):
    return in_force(OrganisationFactory(name="West Midlands Police", code="west-midlands"))


@pytest.fixture
def other_force(db):
    return in_force(OrganisationFactory(name="Thames Valley Police", code="thames-valley"))


@pytest.fixture
def lead(force):
    return MembershipFactory(organisation=force, role=Role.KCPO_LEAD)


@pytest.fixture
def lead_client(client, lead):
    login_as(client, lead)
    return client


def eligible_subject(owner, first_occasion=date(2024, 2, 1), **fields):
    """A subject with two qualifying occasions, the earlier on `first_occasion`: eligible
    until the day before its second anniversary (s14(4))."""
    subject = SubjectFactory(owner=owner, **fields)
    make_occasion(subject, first_occasion)
    make_occasion(subject, date(2024, 6, 1))
    return subject


def listed(response) -> list[int]:
    return [person.subject.id for person in response.context["people"]]


def test_it_lists_the_forces_eligible_people_soonest_to_lapse_first(lead_client, force):
    later = eligible_subject(force, date(2024, 3, 1), given_names="Ada", family_name="Later")
    sooner = eligible_subject(force, date(2024, 2, 1), given_names="Ben", family_name="Sooner")
    one_occasion_only = SubjectFactory(owner=force)
    make_occasion(one_occasion_only, date(2024, 2, 1))

    response = lead_client.get(URL)

    assert response.status_code == 200
    assert [(p.subject.id, p.age, p.qualifying_occasions, p.eligible_until) for p in response.context["people"]] == [
        (sooner.id, 16, 2, date(2026, 1, 31)),
        (later.id, 16, 2, date(2026, 2, 28)),
    ]


def test_it_shows_the_total_the_date_and_each_row(lead_client, force):
    subject = eligible_subject(force, given_names="Ben", family_name="Sooner", date_of_birth=date(2008, 6, 1))
    eligible_subject(force)

    html = lead_client.get(URL).content.decode()

    assert "2 people meet the conditions today" in html
    assert "Monday 1 July 2024" in html
    assert f'href="{reverse("subjects:detail", args=[subject.id])}">Ben Sooner</a>' in html
    assert "1 June 2008" in html
    assert "31 January 2026" in html
    assert "section 14(6)" in html


def test_it_states_the_conditions_it_applies(lead_client, force):
    html = lead_client.get(URL).content.decode()

    assert "they are aged 12 or over (section 14(1))" in html
    assert "on at least 2 occasions in the relevant period – the 2 years ending today (section 14(4))" in html


def test_it_links_the_forces_case_about_the_person(lead_client, force):
    with_case = eligible_subject(force, date(2024, 2, 1))
    case = CaseFactory(owner=force, subject=with_case, reference="WMP-0001")
    eligible_subject(force, date(2024, 3, 1))

    response = lead_client.get(URL)

    assert [(p.case_id, p.case_reference) for p in response.context["people"]] == [(case.id, "WMP-0001"), (None, "")]
    assert f'href="{reverse("cases:detail", args=[case.id])}">WMP-0001</a>' in response.content.decode()


def test_page_two_shows_the_next_rows(lead_client, force):
    subjects = [eligible_subject(force, date(2024, 1, 1) + timedelta(days=n)) for n in range(27)]

    response = lead_client.get(URL, {"page": 2})

    assert response.context["page"].number == 2
    assert listed(response) == [s.id for s in subjects[25:]]
    assert "27 people meet the conditions today" in response.content.decode()
    assert 'aria-label="Pagination"' in response.content.decode()


@pytest.mark.parametrize(("number", "expected_page"), [("not-a-number", 1), ("99", 2)])
def test_a_bad_page_number_gives_the_nearest_real_page(lead_client, force, number, expected_page):
    subjects = [eligible_subject(force, date(2024, 1, 1) + timedelta(days=n)) for n in range(27)]

    response = lead_client.get(URL, {"page": number})

    assert response.status_code == 200
    assert response.context["page"].number == expected_page
    assert listed(response) == [s.id for s in subjects[(expected_page - 1) * 25 : expected_page * 25]]


def test_it_never_lists_another_forces_people(client, force, other_force, lead):
    ours = eligible_subject(force)
    theirs = eligible_subject(other_force)
    their_lead = MembershipFactory(organisation=other_force, role=Role.KCPO_LEAD)

    login_as(client, lead)
    assert listed(client.get(URL)) == [ours.id]
    login_as(client, their_lead)
    assert listed(client.get(URL)) == [theirs.id]


def test_it_says_when_sections_14_to_33_are_not_in_force_today(client, db):
    pilot_over = in_force(OrganisationFactory(code="pilotshire"), starts_on=date(2021, 7, 5), ends_on=date(2023, 3, 31))
    eligible_subject(pilot_over, date(2023, 1, 1))
    login_as(client, MembershipFactory(organisation=pilot_over, role=Role.POLICE_OFFICER))

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["people"] == []
    html = response.content.decode()
    assert "are not in force in your police area today" in html
    assert 'data-testid="screening-list"' not in html


def test_it_says_when_nobody_meets_the_conditions(lead_client, force):
    make_occasion(SubjectFactory(owner=force), date(2024, 2, 1))

    html = lead_client.get(URL).content.decode()

    assert "Nobody your force has recorded meets the conditions of section 14 today." in html
    assert 'data-testid="screening-list"' not in html
    assert "not in force" not in html


def test_police_casework_roles_of_any_force_may_open_it_and_nobody_else(client, force):
    access = OrganisationAccess.around(force)
    expected = access.expectations(allowed=POLICE_CASEWORK, other_org=403)
    # No object in the URL: another force's casework roles open the page for their own force.
    for membership in access.others:
        if membership.organisation.type == Organisation.Type.POLICE_FORCE and membership.role in POLICE_CASEWORK:
            expected[membership] = 200

    assert_access(client, URL, expected)


def test_a_view_is_logged_once_with_the_people_listed(lead_client, lead, force):
    sooner, later = eligible_subject(force, date(2024, 2, 1)), eligible_subject(force, date(2024, 3, 1))

    lead_client.get(URL)

    event = AuditEvent.objects.get()
    assert (event.user_id, event.organisation_id, event.operation, event.object_type, event.path) == (
        lead.user_id,
        force.id,
        "consult",
        "cases.subject",
        URL,
    )
    assert event.details == {"page": "s14 screening", "subject_ids": [sooner.id, later.id]}


def test_a_refused_view_is_not_logged(client, force):
    login_as(client, MembershipFactory(organisation=force, role=Role.ANALYST))

    assert client.get(URL).status_code == 403
    assert not AuditEvent.objects.exists()


def test_query_count_does_not_grow_with_the_people_listed(lead_client, force):
    for n in range(3):
        eligible_subject(force, date(2024, 1, 1) + timedelta(days=n))
    with CaptureQueriesContext(connection) as few:
        lead_client.get(URL)
    for n in range(3, 30):
        eligible_subject(force, date(2024, 1, 1) + timedelta(days=n))
    with CaptureQueriesContext(connection) as many:
        response = lead_client.get(URL)

    assert len(response.context["people"]) == 25
    assert len(many.captured_queries) == len(few.captured_queries)
    # The screening runs once per page, and its window total leaves no COUNT to run.
    screenings = [q["sql"] for q in many.captured_queries if "count(*) OVER ()" in q["sql"]]
    assert len(screenings) == 1
    # (The navigation's "My tasks (N)" COUNT on reminders is on every page; it is not the list's.)
    counts = [q["sql"] for q in many.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert not [sql for sql in counts if 'FROM "reminders_reminder"' not in sql]


def test_it_has_a_named_url():
    assert reverse("eligibility:s14_screening") == URL
