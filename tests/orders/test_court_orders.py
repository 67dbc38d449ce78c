"""What the court made: an outcome that makes an order records it as made (orders.court), with
the law's limits on what can be recorded (s17(4)-(5) interim without notice: prohibitions only;
s23(3) a full order lasts 6 months to 2 years; s23(8) provision periods within it; s23(4)-(5)
an interim order ends when the application is determined). Also the defendant's notice
(Appendix D) and where the CPS may record service (s19 notice, Appendix B)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eligibility.core.order_dates import review_window
from kcpo.audit.models import AuditEvent
from orders.court import (
    MadeProvision,
    OrderTerms,
    application_service_warnings,
    call_witness_notice_due,
    defendant_notice_record,
    hearing_list,
    hearing_record_outcome,
    service_record,
)
from orders.models import Application, Hearing, Order, Provision
from orders.workflow import Route, State
from tests.factories import OrganisationFactory
from tests.orders.review_builders import make_application

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)


def with_requirement(application):
    return Provision.objects.create(
        application=application,
        number=2,
        kind="requirement",
        category="youth_mentoring",
        wording="To attend mentoring sessions with the provider weekly",
        purposes=["prevent_offence"],
        rationale="Addresses peer influence",
        evidence="Provider letter",
        supervisor_name="Sam Mentor",
        suitability_evidence="Letter of 1 November",
    )


def listed(application, officer, kind="full", court=None):
    return hearing_list(application=application, membership=officer, court=court, on=HEARING_DAY, kind=kind)


def terms(application, *, duration_months=12, reference="KCPO/2026/001", review_on=None, **wording_by_label):
    return OrderTerms.as_proposed(
        application, court_reference=reference, duration_months=duration_months, review_on=review_on, **wording_by_label
    )


def record(hearing, officer, outcome, order_terms=None, **kwargs):
    return hearing_record_outcome(
        hearing=hearing, membership=officer, outcome=outcome, today=HEARING_DAY, order_terms=order_terms, **kwargs
    )


@pytest.fixture
def laid(officer):
    return make_application(officer, state=State.LAID, application_date=TODAY)


def test_a_grant_records_the_order_as_made(laid, officer):
    court = OrganisationFactory(court=True)
    hearing = listed(laid, officer, court=court)

    record(hearing, officer, "granted", terms(laid, P1="Not to enter the area of Brixton marked on map KCPO-1"))

    order = Order.objects.get()
    assert (order.kind, order.hearing, order.court, order.made_on, order.duration_months, order.subject_id) == (
        "full",
        hearing,
        court,
        HEARING_DAY,
        12,
        laid.case.subject_id,
    )
    made = order.provisions.get()
    assert (made.label, made.wording, made.proposed, made.category) == (
        "P1",
        "Not to enter the area of Brixton marked on map KCPO-1",
        laid.provisions.get(),
        "not_to_attend_location",
    )


def test_the_order_is_logged_as_collected(laid, officer):
    hearing = listed(laid, officer)

    record(hearing, officer, "granted", terms(laid))

    logged = AuditEvent.objects.get(reason="Knife crime prevention order recorded")
    assert (logged.operation, logged.data_subject_id, logged.details) == (
        "collect",
        laid.case.subject_id,
        {"order_id": Order.objects.get().id, "hearing_id": hearing.id},
    )


def test_the_court_may_leave_out_a_proposed_provision_and_add_its_own(laid, officer):
    with_requirement(laid)
    hearing = listed(laid, officer)
    order_terms = OrderTerms(
        court_reference="KCPO/2026/002",
        provisions=(
            MadeProvision(
                kind="requirement",
                wording="To attend mentoring weekly",
                proposed=laid.provisions.get(kind="requirement"),
            ),
            MadeProvision(kind="prohibition", wording="Not to post images of knives on social media"),
        ),
        duration_months=12,
    )

    record(hearing, officer, "granted", order_terms)

    made = {(p.label, p.proposed_id is None) for p in Order.objects.get().provisions.all()}
    # P1 was proposed but not made; the court's own prohibition takes the next number free.
    assert made == {("R2", False), ("P3", True)}


@pytest.mark.parametrize(
    ("months", "allowed"),
    [
        # s23(3): a fixed period of at least 6 months and at most 2 years.
        (5, False),
        (6, True),
        (24, True),
        (25, False),
    ],
)
def test_a_full_order_lasts_six_months_to_two_years_s23_3(laid, officer, months, allowed):
    hearing = listed(laid, officer)
    if allowed:
        review_on = review_window(HEARING_DAY)[0] if months > 12 else None  # s26
        record(hearing, officer, "granted", terms(laid, duration_months=months, review_on=review_on))
        assert Order.objects.get().duration_months == months
    else:
        with pytest.raises(ValidationError, match=r"s23\(3\)"):
            record(hearing, officer, "granted", terms(laid, duration_months=months))
        assert not Order.objects.exists()
        assert Application.objects.get(pk=laid.pk).state == State.LAID


@pytest.mark.parametrize(("period", "allowed"), [(12, True), (13, False)])
def test_a_provision_period_stays_within_the_order_s23_8(laid, officer, period, allowed):
    Provision.objects.filter(application=laid).update(period_months=period)
    hearing = listed(laid, officer)
    order_terms = OrderTerms(
        court_reference="KCPO/2026/003",
        provisions=(
            MadeProvision(
                kind="prohibition", wording="Not to enter", proposed=laid.provisions.get(), period_months=period
            ),
        ),
        duration_months=12,
    )
    if allowed:
        record(hearing, officer, "granted", order_terms)
        assert Order.objects.get().provisions.get().period_months == period
    else:
        with pytest.raises(ValidationError, match=r"s23\(8\)"):
            record(hearing, officer, "granted", order_terms)


def test_an_interim_order_without_notice_imposes_prohibitions_only_s17(officer):
    application = make_application(officer, route=Route.S14_WITHOUT_NOTICE, state=State.LAID, application_date=TODAY)
    with_requirement(application)
    hearing = listed(application, officer, kind="without_notice")

    with pytest.raises(ValidationError, match=r"s17\(4\)-\(5\)"):
        record(hearing, officer, "interim_order", terms(application, duration_months=None))
    hearing.refresh_from_db()
    assert (hearing.outcome, Application.objects.get(pk=application.pk).state) == ("", State.LAID)

    prohibitions = OrderTerms(
        court_reference="INT/1",
        provisions=(
            MadeProvision(
                kind="prohibition", wording="Not to enter", proposed=application.provisions.get(kind="prohibition")
            ),
        ),
    )
    record(hearing, officer, "interim_order", prohibitions)

    order = Order.objects.get()
    assert (order.kind, order.duration_months, order.provisions.count()) == ("interim_s17", None, 1)


def test_an_interim_order_while_undetermined_may_carry_requirements_s18(officer):
    application = make_application(officer, route=Route.S14_WITH_INTERIM, state=State.LAID, application_date=TODAY)
    with_requirement(application)
    hearing = listed(application, officer)

    record(hearing, officer, "interim_order", terms(application, duration_months=None))

    order = Order.objects.get()
    assert (order.kind, order.provisions.count()) == ("interim_s18", 2)


def test_no_interim_order_on_an_application_that_did_not_seek_one(laid, officer):
    hearing = listed(laid, officer)

    with pytest.raises(ValidationError, match="interim order"):
        record(hearing, officer, "interim_order", terms(laid, duration_months=None))


def test_the_full_order_ends_the_interim_one_s23_4(officer):
    application = make_application(officer, route=Route.S14_WITH_INTERIM, state=State.LAID, application_date=TODAY)
    first = listed(application, officer)
    record(first, officer, "interim_order", terms(application, duration_months=None, reference="INT/1"))
    full = Hearing.objects.create(application=application, date=HEARING_DAY + timedelta(days=1), kind="full")

    hearing_record_outcome(
        hearing=full,
        membership=officer,
        outcome="granted",
        today=full.date,
        order_terms=terms(application, reference="KCPO/1"),
    )

    interim = Order.objects.get(kind="interim_s18")
    assert (interim.ended_on, interim.end_reason) == (full.date, "The application was determined")
    assert Order.objects.get(kind="full").ended_on is None


def test_a_refusal_ends_the_interim_order_s23_4(officer):
    application = make_application(officer, route=Route.S14_WITH_INTERIM, state=State.LAID, application_date=TODAY)
    record(listed(application, officer), officer, "interim_order", terms(application, duration_months=None))
    full = Hearing.objects.create(application=application, date=HEARING_DAY, kind="full")

    record(full, officer, "refused", refusal_reason="not_necessary")

    assert Order.objects.get().ended_on == HEARING_DAY


@pytest.mark.parametrize(
    ("order_terms", "field"),
    [
        (None, "court_reference"),
        (OrderTerms(court_reference=" ", provisions=(), duration_months=12), "court_reference"),
        (OrderTerms(court_reference="R1", provisions=(), duration_months=12), "provisions"),
        (
            OrderTerms(
                court_reference="R1", provisions=(MadeProvision(kind="prohibition", wording=" "),), duration_months=12
            ),
            "provisions",
        ),
        (
            OrderTerms(court_reference="R1", provisions=(MadeProvision(kind="prohibition", wording="Not to"),)),
            "duration_months",
        ),
    ],
)
def test_an_order_needs_what_the_court_made(laid, officer, order_terms, field):
    hearing = listed(laid, officer)

    with pytest.raises(ValidationError) as error:
        record(hearing, officer, "granted", order_terms)

    assert field in error.value.message_dict
    assert not Order.objects.exists()


def test_a_provision_of_another_application_is_refused(laid, officer):
    other = make_application(officer, state=State.LAID)
    hearing = listed(laid, officer)
    order_terms = OrderTerms(
        court_reference="R1",
        provisions=(MadeProvision(kind="prohibition", wording="x", proposed=other.provisions.get()),),
        duration_months=12,
    )

    with pytest.raises(ValidationError, match="not this application"):
        record(hearing, officer, "granted", order_terms)


def test_acquittal_at_a_hearing_ends_an_s19_application(officer, lawyer):
    application = make_application(
        officer, route=Route.S19, state=State.ACCEPTED_BY_CPS, cps_area=lawyer.organisation, application_date=TODAY
    )
    hearing = listed(application, officer, kind="sentencing")

    record(hearing, officer, "ended", notes="Acquitted by the jury")

    application.refresh_from_db()
    assert (application.state, application.events.last().reason) == (State.ENDED, "Acquitted by the jury")


def test_acquittal_is_not_an_outcome_of_an_s14_application(laid, officer):
    with pytest.raises(ValidationError):
        record(listed(laid, officer), officer, "ended")


# --- service by the CPS, and the case page's warnings ----------------------------------------


def serve(application, membership, document="s19_notice", today=TODAY):
    return service_record(
        application=application,
        membership=membership,
        document=document,
        recipient="court_officer",
        recipient_name="Court officer, Inner London Crown Court",
        method="email",
        served_on=today,
        served_by="Lee Lawyer, CPS",
        today=today,
    )


def test_the_cps_area_records_service_of_the_s19_notice(officer, lawyer):
    application = make_application(
        officer, route=Route.S19, state=State.ACCEPTED_BY_CPS, cps_area=lawyer.organisation, application_date=TODAY
    )

    assert serve(application, lawyer).recorded_by == lawyer.user


def test_the_cps_records_no_service_on_an_s14_application(laid, lawyer):
    Application.objects.filter(pk=laid.pk).update(cps_area=lawyer.organisation)
    with pytest.raises(PermissionDenied):
        serve(laid, lawyer, document="summons")


def test_service_is_not_recorded_on_an_ended_application(officer):
    application = make_application(officer, state=State.REFUSED)
    with pytest.raises(ValidationError, match="ended"):
        serve(application, officer, document="summons")


def test_a_live_application_with_a_hearing_and_no_summons_served_is_warned_of(laid, officer):
    refused = make_application(officer, state=State.REFUSED)
    for application in (laid, refused):
        Hearing.objects.create(application=application, date=TODAY + timedelta(days=5), kind="full")

    warned = application_service_warnings([laid, refused], today=TODAY)

    assert [application.id for application, _warnings in warned] == [laid.id]
    assert "SERVICE_SUMMONS_7_WORKING_DAYS" in {check.code for check in warned[0][1]}


# --- the defendant's notice (Appendix D) ----------------------------------------------------


def notice(application, membership, **fields):
    arguments = {
        "served_on": TODAY,
        "purposes": ["cross_examine"],
        "witnesses_to_cross_examine": "PC Smith",
        "cross_examination_reasons": "Identification is disputed",
        "today": TODAY,
        **fields,
    }
    return defendant_notice_record(application=application, membership=membership, **arguments)


def test_a_defendants_notice_is_recorded_with_its_reply_deadline(laid, officer):
    recorded = notice(laid, officer)

    assert recorded.purposes == ["cross_examine"]
    # Appendix D: notice of calling the witness is due not more than 7 days after this one.
    assert call_witness_notice_due(recorded) == TODAY + timedelta(days=7)
    assert AuditEvent.objects.filter(reason="Defendant’s notice recorded (Appendix D)", object_id=str(laid.id)).exists()


def test_a_notice_challenging_a_hearsay_witnesss_credibility_sets_the_deadline_too(laid, officer):
    recorded = notice(
        laid, officer, purposes=["challenge_credibility"], witnesses_challenged="Ms A Witness",
        witnesses_to_cross_examine="", cross_examination_reasons="",
    )  # fmt: skip

    assert call_witness_notice_due(recorded) == TODAY + timedelta(days=7)


def test_a_notice_only_of_own_evidence_sets_no_deadline(laid, officer):
    recorded = notice(laid, officer, purposes=["own_evidence"], evidence_relied_on="Letter from college")

    assert call_witness_notice_due(recorded) is None


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"purposes": []}, "purposes"),
        ({"purposes": ["something_else"]}, "purposes"),
        ({"witnesses_to_cross_examine": ""}, "witnesses_to_cross_examine"),
        ({"purposes": ["own_evidence"]}, "evidence_relied_on"),
        ({"purposes": ["challenge_credibility"]}, "witnesses_challenged"),
        ({"served_on": TODAY + timedelta(days=1)}, "served_on"),
    ],
)
def test_a_defendants_notice_needs_what_the_form_asks(laid, officer, fields, error_field):
    with pytest.raises(ValidationError) as error:
        notice(laid, officer, **fields)
    assert error_field in error.value.message_dict


def test_only_the_owning_force_records_a_defendants_notice(laid, people):
    for outsider in ("other_force_lead", "lawyer", "analyst"):
        with pytest.raises(PermissionDenied):
            notice(laid, people[outsider])


def test_an_order_running_beyond_a_year_needs_its_review_hearing_s26(laid, officer):
    hearing = listed(laid, officer)

    with pytest.raises(ValidationError) as refused:
        record(hearing, officer, "granted", terms(laid, duration_months=18))

    assert "s26(3)-(4)" in refused.value.message_dict["review_on"][0]
    assert not Order.objects.exists() and Hearing.objects.get(pk=hearing.pk).outcome == ""


def test_a_review_hearing_outside_the_last_4_weeks_of_the_first_year_is_refused_s26(laid, officer):
    first_day, _last_day = review_window(HEARING_DAY)

    with pytest.raises(ValidationError, match="outside the last 4 weeks"):
        record(
            listed(laid, officer),
            officer,
            "granted",
            terms(laid, duration_months=18, review_on=first_day - timedelta(days=1)),
        )


def test_the_review_hearing_the_order_sets_is_listed(laid, officer):
    first_day, _last_day = review_window(HEARING_DAY)

    record(listed(laid, officer), officer, "granted", terms(laid, duration_months=18, review_on=first_day))

    review = Hearing.objects.get(application=laid, kind="review")
    assert (review.date, review.outcome) == (first_day, "")
