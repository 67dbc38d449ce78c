from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.models import Occasion
from cases.services import occasion_record
from kcpo.audit.models import AuditEvent
from tests.factories import SubjectFactory

TODAY = date(2026, 11, 22)


@pytest.fixture
def subject(force):
    return SubjectFactory(owner=force, date_of_birth=date(2010, 5, 1))


def record(subject, alice, **changes):
    fields = {
        "occurred_on": date(2026, 1, 10),
        "place": "public_place",
        "location": "Brixton Road",
        "article": "Lock knife",
        "source": "stop_and_search",
        "today": TODAY,
    }
    return occasion_record(subject=subject, by=alice.user, membership=alice, **{**fields, **changes})


@pytest.mark.parametrize(
    ("occurred_on", "accepted"),
    [(date(2026, 11, 21), True), (TODAY, True), (date(2026, 11, 23), False)],  # no future dates
)
def test_the_date_cannot_be_in_the_future(subject, alice, occurred_on, accepted):
    if accepted:
        assert record(subject, alice, occurred_on=occurred_on).occurred_on == occurred_on
    else:
        with pytest.raises(ValidationError) as error:
            record(subject, alice, occurred_on=occurred_on)
        assert "occurred_on" in error.value.message_dict
        assert Occasion.objects.count() == 0


@pytest.mark.parametrize(
    ("occurred_on", "accepted"),
    [(date(2010, 4, 30), False), (date(2010, 5, 1), True), (date(2010, 5, 2), True)],  # not before birth
)
def test_the_date_cannot_be_before_the_date_of_birth(subject, alice, occurred_on, accepted):
    if accepted:
        record(subject, alice, occurred_on=occurred_on)
    else:
        with pytest.raises(ValidationError):
            record(subject, alice, occurred_on=occurred_on)
    assert Occasion.objects.count() == (1 if accepted else 0)


def test_a_claimed_good_reason_needs_details(subject, alice):
    with pytest.raises(ValidationError) as error:
        record(subject, alice, good_reason="work")
    assert "good_reason_details" in error.value.message_dict
    assert record(subject, alice, good_reason="work", good_reason_details="Chef's knife roll").good_reason == "work"


def test_an_unknown_place_is_refused(subject, alice):
    with pytest.raises(ValidationError):
        record(subject, alice, place="car_park")
    assert Occasion.objects.count() == 0


def test_recording_is_audited_as_collection(subject, alice):
    occasion = record(subject, alice)
    event = AuditEvent.objects.get()
    assert (event.operation, event.object_type, event.object_id, event.data_subject_id) == (
        "collect",
        "cases.occasion",
        str(occasion.id),
        subject.id,
    )


@pytest.mark.parametrize(
    ("place", "place_description", "accepted"),
    [
        ("public_place", "", True),  # a street needs no further name
        ("school_premises", "", False),  # which school?
        ("school_premises", "Stockwell Park School", True),
        ("further_education_premises", "", False),
        ("further_education_premises", "Lambeth College", True),
        ("other", "", False),  # what kind of place, as it does not count under s14(3)
        ("other", "Private home", True),
    ],
)
def test_the_place_must_be_named_or_described_where_its_type_needs_it(
    subject, alice, place, place_description, accepted
):
    if accepted:
        record(subject, alice, place=place, place_description=place_description)
    else:
        with pytest.raises(ValidationError) as error:
            record(subject, alice, place=place, place_description=place_description)
        assert "place_description" in error.value.message_dict
        assert not Occasion.objects.exists()
