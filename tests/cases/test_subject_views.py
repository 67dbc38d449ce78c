"""The subject pages: search, record a person, the subject page, occasion and conviction
forms, opening a case. Permissions (own org / wrong role / other org) and audit for each."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Conviction, Occasion, Subject
from cases.selectors import owner_casework
from cases.services import case_share, occasion_record
from eligibility.models import InForcePeriod
from kcpo.access import CASE_READERS, POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from tests.access import assert_access, login_as
from tests.factories import CaseFactory, MembershipFactory, SubjectFactory

DOB = date(2010, 3, 14)


@pytest.fixture
def subject(force):
    return SubjectFactory(owner=force, given_names="Jordan", family_name="Ellis", date_of_birth=DOB)


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def person(**changes):
    data = {"given_names": "Jordan", "family_name": "Ellis", **date_fields("date_of_birth", DOB)}
    data.update({"gender": "male", "ethnicity": "B1"})
    return {**data, **changes}


def record_occasion(subject, membership, occurred_on):
    return occasion_record(
        subject=subject,
        occurred_on=occurred_on,
        place="public_place",
        location="Acre Lane",
        article="Knife",
        source="stop_and_search",
        today=timezone.localdate(),
        by=membership.user,
        membership=membership,
    )


def an_occasion(**changes):
    data = {
        **date_fields("occurred_on", timezone.localdate() - timedelta(days=30)),
        "place": "public_place",
        "location": "Acre Lane, Brixton",
        "article": "Kitchen knife",
        "source": "stop_and_search",
        "good_reason": "",
    }
    return {**data, **changes}


# --- permissions ------------------------------------------------------------------------


def test_search_page_permissions(client, case_access):
    url = reverse("subjects:search") + "?name=Ellis"
    assert_access(client, url, case_access.expectations_without_object(allowed=CASE_READERS))


def test_new_person_page_permissions(client, case_access):
    assert_access(client, reverse("subjects:new"), case_access.expectations_without_object(allowed=POLICE_CASEWORK))


def test_subject_page_permissions(client, subject, case_access):
    url = reverse("subjects:detail", args=[subject.id])
    assert_access(client, url, case_access.expectations(allowed=CASE_READERS))


@pytest.mark.parametrize("name", ["subjects:occasion_new", "subjects:conviction_new"])
def test_recording_pages_permissions(client, subject, case_access, name):
    url = reverse(name, args=[subject.id])
    assert_access(client, url, case_access.expectations(allowed=POLICE_CASEWORK))


def test_open_case_permissions(client, subject, case_access):
    expected = case_access.expectations(allowed=POLICE_CASEWORK, ok=302)
    assert_access(client, reverse("subjects:case_new", args=[subject.id]), expected, method="post")
    assert Case.objects.filter(subject=subject).count() == len(POLICE_CASEWORK)


def test_a_shared_case_lets_the_recipient_read_the_person_but_not_add_to_them(client, subject, alice):
    case = CaseFactory(owner=subject.owner, subject=subject)
    lawyer = MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")
    login_as(client, lawyer)

    assert client.get(reverse("subjects:detail", args=[subject.id])).status_code == 200
    assert client.get(reverse("subjects:occasion_new", args=[subject.id])).status_code == 403
    assert client.post(reverse("subjects:case_new", args=[subject.id])).status_code == 403


@pytest.mark.parametrize(
    ("who", "allowed"), [("alice", True), ("bob", False), ("charlie", False), (None, False)]
)  # own force's casework role; own force, wrong role; another force's lead; no membership
def test_only_a_casework_role_of_the_owning_force_may_add_to_its_records(request, force, who, allowed):
    membership = request.getfixturevalue(who) if who else None

    assert owner_casework(membership=membership, owner_id=force.id) is allowed


# --- search -----------------------------------------------------------------------------


def test_search_lists_matches_and_logs_who_searched_for_what(alice_client, alice, subject, other_force):
    SubjectFactory(owner=other_force, family_name="Ellis")

    response = alice_client.get(reverse("subjects:search"), {"name": "ellis"})

    assert list(response.context["page"]) == [subject]
    event = AuditEvent.objects.get()
    assert (event.user_id, event.details["searched_for"]["name"], event.details["subject_ids"]) == (
        alice.user_id,
        "ellis",
        [subject.id],
    )


def test_an_empty_search_asks_for_something_to_search_for(alice_client):
    response = alice_client.get(reverse("subjects:search"), {"name": ""})

    assert "Enter a name, an alias or a date of birth to search for" in response.content.decode()
    assert response.context["page"] is None and not AuditEvent.objects.exists()


def test_a_half_typed_date_of_birth_gets_a_govuk_error(alice_client):
    response = alice_client.get(
        reverse("subjects:search"), {"date_of_birth_day": "14", "date_of_birth_month": "", "date_of_birth_year": "2010"}
    )

    assert "Date of birth must include a month" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_search_results_paginate_with_constant_queries(alice_client, force, django_assert_max_num_queries):
    SubjectFactory.create_batch(3, owner=force, family_name="Ellis")
    with django_assert_max_num_queries(20) as small:
        alice_client.get(reverse("subjects:search"), {"name": "Ellis"})
    SubjectFactory.create_batch(30, owner=force, family_name="Ellis")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = alice_client.get(reverse("subjects:search"), {"name": "Ellis"})
    assert len(response.context["page"]) == 25


# --- record a person --------------------------------------------------------------------


def test_a_new_person_is_recorded_and_the_officer_taken_to_their_page(alice_client, force):
    response = alice_client.post(
        reverse("subjects:new"), person(aliases="JJ\nLittle J", flags=["looked_after_child"], postcode="SW2 1AA")
    )

    subject = Subject.objects.get()
    assert response.status_code == 302 and response.url == reverse("subjects:detail", args=[subject.id])
    assert (subject.owner, subject.date_of_birth, subject.looked_after_child, subject.child_in_need) == (
        force,
        DOB,
        True,
        False,
    )
    assert sorted(subject.aliases.values_list("name", flat=True)) == ["JJ", "Little J"]


def test_likely_matches_are_shown_first_and_nothing_is_created(alice_client, subject):
    response = alice_client.post(reverse("subjects:new"), person(given_names="Jordon"))

    assert response.status_code == 200
    assert response.context["matches"] == [subject]
    assert "This person may already be recorded" in response.content.decode()
    assert Subject.objects.count() == 1


def test_submitting_again_unchanged_after_seeing_the_matches_creates_the_record(alice_client, subject):
    first = alice_client.post(reverse("subjects:new"), person(given_names="Jordon"))
    checked_for = first.context["form"]["checked_for"].value()

    response = alice_client.post(reverse("subjects:new"), person(given_names="Jordon", checked_for=checked_for))

    assert response.status_code == 302
    assert Subject.objects.filter(given_names="Jordon").exists()


def test_changing_the_name_after_the_check_checks_again(alice_client, subject):
    first = alice_client.post(reverse("subjects:new"), person(given_names="Jordon"))
    checked_for = first.context["form"]["checked_for"].value()

    response = alice_client.post(reverse("subjects:new"), person(given_names="Jordan", checked_for=checked_for))

    assert response.status_code == 200 and response.context["matches"] == [subject]
    assert Subject.objects.count() == 1


def test_showing_likely_matches_is_logged_as_a_read_of_them(alice_client, subject):
    alice_client.post(reverse("subjects:new"), person())

    event = AuditEvent.objects.get()
    assert (event.operation, event.details["subject_ids"]) == ("consult", [subject.id])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"given_names": ""}, "Enter the person’s given names"),
        ({"date_of_birth_year": ""}, "Date of birth must include a year"),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "Date of birth must be a real date"),
        (
            date_fields("date_of_birth", timezone.localdate() + timedelta(days=1)),
            "Date of birth must be today or in the past",
        ),
        ({"gender": "unknown"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_an_error_summary_and_changes_nothing(alice_client, changes, message):
    response = alice_client.post(reverse("subjects:new"), person(**changes))

    content = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in content and message in content
    assert not Subject.objects.exists() and not AuditEvent.objects.exists()


# --- the subject page -------------------------------------------------------------------


def test_the_subject_page_shows_the_record_and_the_determination_and_is_logged(alice_client, alice, subject):
    today = timezone.localdate()
    InForcePeriod.objects.create(police_area=subject.owner.code, starts_on=date(2023, 4, 1))  # after the pilot
    for days in (100, 10):
        record_occasion(subject, alice, today - timedelta(days=days))

    response = alice_client.get(reverse("subjects:detail", args=[subject.id]))

    content = response.content.decode()
    assert "Jordan Ellis" in content and "14 March 2010" in content
    # Age and occasions pass; the necessity test (s14(6)) waits for an application.
    assert response.context["determination"].result.value == "cannot_tell"
    assert content.count('govuk-tag--green">Counts') == 2
    read = AuditEvent.objects.filter(operation="consult").get()
    assert (read.object_type, read.data_subject_id) == ("cases.subject", subject.id)


def test_the_subject_page_timeline_lists_what_was_recorded(alice_client, alice, subject):
    record_occasion(subject, alice, timezone.localdate())
    alice_client.post(reverse("subjects:case_new", args=[subject.id]))

    response = alice_client.get(reverse("subjects:detail", args=[subject.id]))

    titles = [entry.title for entry in response.context["timeline_entries"]]
    assert titles == ["Case opened", "Occasion with a bladed article recorded"]
    assert response.context["timeline_entries"][0].by == "Alice Lead"


def test_the_subject_page_query_count_does_not_grow_with_the_record(
    alice_client, alice, subject, django_assert_max_num_queries
):
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            Occasion.objects.create(
                subject=subject,
                occurred_on=today - timedelta(days=i),
                place="public_place",
                location="x",
                article="y",
                source="other",
            )
            Conviction.objects.create(subject=subject, offence="x", offence_date=today - timedelta(days=i))
            CaseFactory(owner=subject.owner, subject=subject)

    add(2)
    with django_assert_max_num_queries(30) as small:
        alice_client.get(reverse("subjects:detail", args=[subject.id]))
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        alice_client.get(reverse("subjects:detail", args=[subject.id]))


def test_the_occasions_are_paginated_but_the_determination_weighs_them_all(alice_client, subject):
    today = timezone.localdate()
    InForcePeriod.objects.create(police_area=subject.owner.code, starts_on=date(2023, 4, 1))
    Occasion.objects.bulk_create(
        Occasion(
            subject=subject,
            occurred_on=today - timedelta(days=days),
            place="public_place",
            location="x",
            article="y",
            source="other",
        )
        for days in range(1, 28)
    )

    response = alice_client.get(reverse("subjects:detail", args=[subject.id]), {"occasions_page": 2})

    occasions = response.context["occasions"]
    assert [o.occurred_on for o in occasions] == [today - timedelta(days=26), today - timedelta(days=27)]
    assert len(response.context["determination"].qualifying_occasions) == 27
    assert occasions.previous_href == "?occasions_page=1"
    assert response.context["timeline"].number == 1  # the timeline pages on its own parameter


def test_recording_buttons_show_only_to_the_recording_force(client, alice, subject):
    case = CaseFactory(owner=subject.owner, subject=subject)
    worker = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)
    case_share(case=case, organisation=worker.organisation, by=alice.user, membership=alice, reason="s15(3)")
    login_as(client, worker)

    response = client.get(reverse("subjects:detail", args=[subject.id]))

    assert response.context["can_record"] is False
    assert reverse("subjects:occasion_new", args=[subject.id]) not in response.content.decode()


# --- occasion and conviction forms ------------------------------------------------------


def test_an_occasion_is_recorded_from_the_form(alice_client, subject):
    response = alice_client.post(reverse("subjects:occasion_new", args=[subject.id]), an_occasion())

    assert response.status_code == 302
    occasion = Occasion.objects.get()
    assert (occasion.subject, occasion.location, occasion.good_reason) == (subject, "Acre Lane, Brixton", "")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (date_fields("occurred_on", timezone.localdate() + timedelta(days=1)), "must be today or in the past"),
        (date_fields("occurred_on", DOB - timedelta(days=1)), "on or after the subject’s date of birth"),
        ({"place": "school_premises"}, "Enter the name of the school"),
        ({"good_reason": "work"}, "Describe the good reason or lawful authority claimed"),
        ({"location": ""}, "Enter the location"),
        ({"place": ""}, "Select where they were"),
        ({"occurred_on_month": ""}, "The date of the occasion must include a month"),
    ],
)
def test_a_bad_occasion_gets_an_error_summary_and_changes_nothing(alice_client, subject, changes, message):
    response = alice_client.post(reverse("subjects:occasion_new", args=[subject.id]), an_occasion(**changes))

    content = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in content and message in content
    assert not Occasion.objects.exists()


def test_a_conviction_is_recorded_from_the_form(alice_client, subject):
    data = {
        "offence": "Possession of a bladed article",
        **date_fields("offence_date", date(2026, 1, 10)),
        **date_fields("convicted_on", date(2026, 3, 1)),
        **date_fields("sentenced_on", date(2026, 4, 1)),
        "limbs": ["bladed_article_had", "violence_or_threat"],
        "disposal": "sentence",
    }

    response = alice_client.post(reverse("subjects:conviction_new", args=[subject.id]), data)

    assert response.status_code == 302
    conviction = Conviction.objects.get()
    assert (conviction.bladed_article_had, conviction.violence_or_threat, conviction.bladed_article_used) == (
        True,
        True,
        False,
    )


def test_a_bad_conviction_gets_an_error_summary_and_changes_nothing(alice_client, subject):
    data = {
        "offence": "Possession",
        **date_fields("offence_date", date(2026, 1, 10)),
        **date_fields("convicted_on", date(2026, 1, 9)),
        "disposal": "pending",
    }

    response = alice_client.post(reverse("subjects:conviction_new", args=[subject.id]), data)

    assert "The date must be on or after the date of the offence" in response.content.decode()
    assert not Conviction.objects.exists()


def test_opening_a_case_makes_the_officer_lead_and_goes_to_the_case(alice_client, alice, subject):
    response = alice_client.post(reverse("subjects:case_new", args=[subject.id]))

    case = Case.objects.get()
    assert response.url == reverse("cases:detail", args=[case.id])
    assert (case.subject, case.owner, case.lead_officer) == (subject, subject.owner, alice.user)


def test_the_police_area_defaults_to_the_force_and_can_be_another_force(alice_client, force, other_force):
    alice_client.post(reverse("subjects:new"), person())
    alice_client.post(
        reverse("subjects:new"), person(given_names="Marcus", family_name="Okafor", police_area=other_force.code)
    )

    assert dict(Subject.objects.values_list("given_names", "police_area")) == {
        "Jordan": force.code,
        "Marcus": other_force.code,
    }
