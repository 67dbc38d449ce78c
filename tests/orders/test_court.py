"""Hearings, outcomes (which move the application) and service records with their deadline
checks (eligibility.core.service: summons ≥ 7 working days, hearsay ≥ 21 days, never by email)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eligibility.core import Status
from kcpo.audit.models import AuditEvent
from orders.court import (
    OrderTerms,
    hearing_list,
    hearing_record_outcome,
    service_checks,
    service_record,
)
from orders.models import Application, HearsayItem
from orders.workflow import Route, State
from tests.orders.review_builders import make_application, under_18_on

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)  # a Monday


@pytest.fixture
def laid(officer):
    return make_application(officer, state=State.LAID, application_date=TODAY)


def listed(application, people, on=HEARING_DAY, kind="full"):
    return hearing_list(application=application, membership=people["officer"], court=None, on=on, kind=kind)


def as_proposed(application, duration_months=12):
    return OrderTerms.as_proposed(application, court_reference="KCPO/2026/001", duration_months=duration_months)


@pytest.mark.parametrize(
    ("outcome", "state"),
    [("granted", State.GRANTED), ("withdrawn", State.WITHDRAWN), ("adjourned", State.LAID)],
)
def test_an_outcome_moves_the_application(laid, people, outcome, state):
    hearing = listed(laid, people)

    hearing_record_outcome(
        hearing=hearing,
        membership=people["officer"],
        outcome=outcome,
        today=HEARING_DAY,
        order_terms=as_proposed(laid) if outcome == "granted" else None,
    )

    assert Application.objects.get(pk=laid.pk).state == state


def test_a_refusal_needs_a_reason_from_the_list_and_records_it(laid, people):
    hearing = listed(laid, people)
    with pytest.raises(ValidationError) as error:
        hearing_record_outcome(hearing=hearing, membership=people["officer"], outcome="refused", today=HEARING_DAY)
    assert "refusal_reason" in error.value.message_dict

    hearing_record_outcome(
        hearing=hearing,
        membership=people["officer"],
        outcome="refused",
        refusal_reason="sentence_sufficient",
        today=HEARING_DAY,
    )

    application = Application.objects.get(pk=laid.pk)
    assert application.state == State.REFUSED
    assert application.events.last().reason.startswith("Probation or youth offending sentencing elements")


@pytest.mark.parametrize(("today", "allowed"), [(HEARING_DAY.replace(day=13), False), (HEARING_DAY, True)])
def test_an_outcome_cannot_be_recorded_before_the_hearing(laid, people, today, allowed):
    hearing = listed(laid, people)
    if allowed:
        hearing_record_outcome(hearing=hearing, membership=people["officer"], outcome="adjourned", today=today)
    else:
        with pytest.raises(ValidationError, match="not happened yet"):
            hearing_record_outcome(hearing=hearing, membership=people["officer"], outcome="adjourned", today=today)


def test_an_outcome_is_recorded_once(laid, people):
    hearing = listed(laid, people)
    hearing_record_outcome(hearing=hearing, membership=people["officer"], outcome="adjourned", today=HEARING_DAY)

    with pytest.raises(ValidationError, match="already recorded"):
        hearing_record_outcome(hearing=hearing, membership=people["officer"], outcome="granted", today=HEARING_DAY)


def test_recording_an_outcome_is_logged_against_the_hearing(laid, people):
    hearing = listed(laid, people)

    hearing_record_outcome(hearing=hearing, membership=people["officer"], outcome="adjourned", today=HEARING_DAY)

    logged = AuditEvent.objects.get(reason="Hearing outcome recorded")
    assert (logged.object_id, logged.data_subject_id, logged.details) == (
        str(laid.id),
        laid.case.subject_id,
        {"hearing_id": hearing.id, "outcome": "adjourned"},
    )


def test_an_interim_order_on_the_without_notice_route(people):
    application = make_application(
        people["officer"], route=Route.S14_WITHOUT_NOTICE, state=State.LAID, application_date=TODAY
    )
    hearing = listed(application, people, kind="without_notice")

    hearing_record_outcome(
        hearing=hearing,
        membership=people["officer"],
        outcome="interim_order",
        today=HEARING_DAY,
        order_terms=as_proposed(application, duration_months=None),
    )

    assert Application.objects.get(pk=application.pk).state == State.INTERIM_ORDER


def test_a_refused_move_records_no_outcome(people):
    application = make_application(
        people["officer"],
        route=Route.S14_WITHOUT_NOTICE,
        state=State.INTERIM_ORDER,
        date_of_birth=under_18_on(TODAY),
        application_date=TODAY,
    )
    hearing = listed(application, people)

    with pytest.raises(ValidationError, match="youth offending team"):
        hearing_record_outcome(
            hearing=hearing,
            membership=people["officer"],
            outcome="granted",
            today=HEARING_DAY,
            order_terms=as_proposed(application),
        )
    hearing.refresh_from_db()
    assert hearing.outcome == ""


def test_only_the_owning_forces_police_record_hearings_and_service(laid, people):
    with pytest.raises(PermissionDenied):
        hearing_list(application=laid, membership=people["other_force_lead"], court=None, on=HEARING_DAY, kind="full")
    with pytest.raises(PermissionDenied):
        service_record(
            application=laid,
            membership=people["lawyer"],
            document="summons",
            recipient="defendant",
            recipient_name="X",
            method="personal",
            served_on=TODAY,
            served_by="PC 1",
            today=TODAY,
        )


def serve(application, people, document, served_on, method="personal", recipient="defendant", today=None):
    return service_record(
        application=application,
        membership=people["officer"],
        document=document,
        recipient=recipient,
        recipient_name="Jordan Ellis",
        method=method,
        served_on=served_on,
        served_by="PC 123 Smith",
        today=today or max(TODAY, served_on),
    )


def check(application, code, today=TODAY):
    return next(c for c in service_checks(application, today=today) if c.code == code)


@pytest.mark.parametrize(
    ("served_on", "status"),
    [
        # Hearing Mon 14 Dec 2026: 7 clear working days before it are 3-11 Dec, so the
        # last day to serve is Wed 2 Dec (guidance ch. 10; clear days, see working_days.py).
        (date(2026, 12, 1), Status.PASS),
        (date(2026, 12, 2), Status.PASS),
        (date(2026, 12, 3), Status.FAIL),
    ],
)
def test_summons_and_application_seven_working_days_before_the_hearing(laid, people, served_on, status):
    listed(laid, people)
    serve(laid, people, "summons", served_on)
    serve(laid, people, "application", served_on)

    assert check(laid, "SERVICE_SUMMONS_7_WORKING_DAYS").status == status


def test_a_hearsay_notice_by_email_fails(laid, people):
    listed(laid, people)
    HearsayItem.objects.create(application=laid, description="Statement", maker="A witness", reason_not_called="Fear")
    serve(laid, people, "hearsay_notice", date(2026, 11, 1), method="email")

    assert check(laid, "SERVICE_HEARSAY_21_DAYS").status == Status.FAIL


def test_a_future_service_date_is_refused(laid, people):
    with pytest.raises(ValidationError) as error:
        serve(laid, people, "summons", date(2026, 11, 23), today=TODAY)
    assert "served_on" in error.value.message_dict
