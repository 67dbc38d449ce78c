"""Recording people, convictions and cases; finding people; spotting likely duplicates."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Case, Conviction, Subject
from cases.selectors import subject_get_for_recording, subject_likely_duplicates, subject_search
from cases.services import case_open, case_share, conviction_record, subject_create
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from tests.factories import CaseFactory, MembershipFactory, SubjectFactory

TODAY = date(2026, 11, 22)
DOB = date(2010, 3, 14)


def create(alice, **changes):
    fields = {"given_names": "Jordan", "family_name": "Ellis", "date_of_birth": DOB, "today": TODAY}
    return subject_create(owner=alice.organisation, by=alice.user, membership=alice, **{**fields, **changes})


# --- subject_create ---------------------------------------------------------------------


def test_a_subject_is_recorded_with_aliases_in_the_force_and_audited(alice):
    subject = create(alice, aliases=["JJ", " ", "JJ", "Jordan Ellis", "Little J"], town="London")

    assert sorted(subject.aliases.values_list("name", flat=True)) == [
        "JJ",
        "Little J",
    ]  # blanks, repeats, own name dropped
    assert (subject.owner, subject.town, subject.police_area) == (alice.organisation, "London", alice.organisation.code)
    event = AuditEvent.objects.get()
    assert (event.operation, event.object_type, event.data_subject_id) == ("collect", "cases.subject", subject.id)


@pytest.mark.parametrize(
    ("date_of_birth", "accepted"),
    [(date(2026, 11, 21), True), (TODAY, True), (date(2026, 11, 23), False)],
)
def test_a_date_of_birth_cannot_be_in_the_future(alice, date_of_birth, accepted):
    if accepted:
        assert create(alice, date_of_birth=date_of_birth).date_of_birth == date_of_birth
    else:
        with pytest.raises(ValidationError) as error:
            create(alice, date_of_birth=date_of_birth)
        assert "date_of_birth" in error.value.message_dict
        assert not Subject.objects.exists()


def test_an_unknown_record_field_is_a_programming_error(alice):
    with pytest.raises(TypeError):
        create(alice, owner_id=1)


def test_an_invalid_choice_changes_nothing(alice):
    with pytest.raises(ValidationError):
        create(alice, ethnicity="ZZ")
    assert not Subject.objects.exists() and not AuditEvent.objects.exists()


# --- case_open --------------------------------------------------------------------------


def test_a_case_without_a_reference_is_numbered_by_year_and_id(alice):
    subject = create(alice)

    case = case_open(subject=subject, lead_officer=alice.user, by=alice.user, membership=alice)

    assert case.reference == f"KCPO-{case.created_at:%Y}-{case.id:06d}"
    assert Case.objects.get().owner == alice.organisation


# --- conviction_record ------------------------------------------------------------------


def convict(subject, alice, **changes):
    fields = {"offence": "Possession of a bladed article", "offence_date": date(2026, 1, 10), "today": TODAY}
    return conviction_record(subject=subject, by=alice.user, membership=alice, **{**fields, **changes})


@pytest.fixture
def subject(alice):
    return SubjectFactory(owner=alice.organisation, date_of_birth=DOB)


def test_a_conviction_is_recorded_with_its_limbs_and_audited(subject, alice):
    conviction = convict(
        subject,
        alice,
        charged_on=date(2026, 1, 11),
        convicted_on=date(2026, 3, 1),
        sentenced_on=date(2026, 4, 1),
        disposal="sentence",
        bladed_article_had=True,
    )

    assert (conviction.bladed_article_had, conviction.violence_or_threat, conviction.disposal) == (
        True,
        False,
        "sentence",
    )
    assert AuditEvent.objects.get().data_subject_id == subject.id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"offence_date": date(2026, 11, 23)}, "offence_date"),  # the day after today
        ({"offence_date": date(2010, 3, 13)}, "offence_date"),  # the day before birth
        ({"charged_on": date(2026, 1, 9)}, "charged_on"),  # the day before the offence
        ({"charged_on": date(2026, 1, 12), "convicted_on": date(2026, 1, 11)}, "convicted_on"),
        ({"convicted_on": date(2026, 3, 1), "sentenced_on": date(2026, 2, 28), "disposal": "sentence"}, "sentenced_on"),
        ({"sentenced_on": date(2026, 3, 1), "disposal": "sentence"}, "convicted_on"),  # sentenced, never convicted
        ({"convicted_on": date(2026, 3, 1), "disposal": "conditional_discharge"}, "sentenced_on"),
        ({"convicted_on": date(2026, 3, 1), "sentenced_on": date(2026, 3, 1)}, "disposal"),  # sentenced: to what?
        ({"convicted_on": TODAY, "sentenced_on": date(2026, 11, 23), "disposal": "sentence"}, "sentenced_on"),
    ],
)
def test_bad_conviction_dates_are_refused_and_change_nothing(subject, alice, changes, field):
    with pytest.raises(ValidationError) as error:
        convict(subject, alice, **changes)
    assert field in error.value.message_dict
    assert not Conviction.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"offence_date": TODAY},  # the day of
        {"offence_date": DOB},  # on the day of birth
        {"charged_on": date(2026, 1, 10), "convicted_on": date(2026, 1, 10)},  # same days are in order
        {"convicted_on": date(2026, 3, 1), "sentenced_on": date(2026, 3, 1), "disposal": "absolute_discharge"},
    ],
)
def test_dates_on_their_boundaries_are_accepted(subject, alice, changes):
    assert convict(subject, alice, **changes).pk


# --- who may add to a record ------------------------------------------------------------


def test_only_the_recording_force_may_add_to_a_record_even_when_a_case_is_shared(subject, alice):
    case = CaseFactory(owner=alice.organisation, subject=subject)
    lawyer = MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")

    assert subject_get_for_recording(membership=alice, subject_id=subject.id) == subject
    with pytest.raises(PermissionDenied):
        subject_get_for_recording(membership=lawyer, subject_id=subject.id)


# --- subject_search ---------------------------------------------------------------------


@pytest.fixture
def people(alice, other_force):
    jordan = create(alice, aliases=["Blade"])
    jordanne = create(alice, given_names="Jordanne", family_name="Smith", date_of_birth=date(2009, 1, 2))
    kieran = create(alice, given_names="Kieran", family_name="Walsh", date_of_birth=DOB)
    SubjectFactory(owner=other_force, given_names="Jordan", family_name="Ellis", date_of_birth=DOB)
    return jordan, jordanne, kieran


@pytest.mark.parametrize(
    ("name", "date_of_birth", "expected"),
    [
        ("ellis", None, ["jordan"]),
        ("Jordan", None, ["jordan", "jordanne"]),  # closest name first
        ("jordan ellis", None, ["jordan"]),  # every word must match
        ("blade", None, ["jordan"]),  # an alias
        ("", DOB, ["jordan", "kieran"]),
        ("walsh", DOB, ["kieran"]),
        ("walsh", date(2009, 1, 2), []),
    ],
)
def test_search_by_name_alias_and_date_of_birth(alice, people, name, date_of_birth, expected):
    by_name = dict(zip(["jordan", "jordanne", "kieran"], people, strict=True))
    found = list(subject_search(membership=alice, name=name, date_of_birth=date_of_birth))
    if name:
        assert found == [by_name[n] for n in expected]
    else:
        assert set(found) == {by_name[n] for n in expected}


def test_search_never_finds_another_forces_people(charlie, people):
    assert list(subject_search(membership=charlie, name="Jordan")) == [Subject.objects.get(owner=charlie.organisation)]


def test_search_finds_people_whose_case_was_shared_with_the_searcher(alice, people):
    lawyer = MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER)
    assert list(subject_search(membership=lawyer, name="Ellis")) == []
    case = case_open(subject=people[0], lead_officer=None, by=alice.user, membership=alice)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")

    assert list(subject_search(membership=lawyer, name="Ellis")) == [people[0]]


# --- likely duplicates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_names", "family_name", "date_of_birth", "aliases", "is_match"),
    [
        ("Jordan", "Ellis", DOB, [], True),  # the same
        ("Jordon", "Elis", DOB, [], True),  # misspelt
        ("J", "Ellis", DOB, [], True),  # initial only: the family name is the same
        ("Jordan", "Ellis-Brown", DOB, [], True),  # double-barrelled since
        ("Blade", "Unknown", DOB, [], True),  # recorded under their street name, an alias
        ("Marcus", "Okafor", DOB, ["Jordan Ellis"], True),  # the new record's alias is the old name
        ("Jordan", "Ellis", date(2010, 3, 15), [], False),  # born a day later: another person
        ("Marcus", "Okafor", DOB, [], False),  # same birthday, different person
    ],
)
def test_likely_duplicates_share_a_date_of_birth_and_a_similar_name(
    alice, given_names, family_name, date_of_birth, aliases, is_match
):
    jordan = create(alice, aliases=["Blade"])

    matches = list(
        subject_likely_duplicates(
            owner=alice.organisation,
            given_names=given_names,
            family_name=family_name,
            date_of_birth=date_of_birth,
            aliases=aliases,
        )
    )

    assert matches == ([jordan] if is_match else [])


def test_likely_duplicates_look_only_in_the_force(alice, charlie):
    SubjectFactory(owner=charlie.organisation, given_names="Jordan", family_name="Ellis", date_of_birth=DOB)
    assert not subject_likely_duplicates(
        owner=alice.organisation, given_names="Jordan", family_name="Ellis", date_of_birth=DOB
    ).exists()


def test_the_searchable_names_hold_the_name_and_every_alias(alice):
    subject = create(alice, aliases=["Blade", "JJ"])

    assert Subject.objects.get(pk=subject.pk).search_names == "Jordan Ellis Blade JJ"
