"""The service and court pages (orders/views/court_views.py): who may use them, that a first
look is logged as a read, that bad input changes nothing, and that what is recorded shows on
the application and case pages (service warnings, the order as made, defendant's notices)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders.models import Application, DefendantNotice, Hearing, Order, Provision, ServiceRecord
from orders.workflow import Route, State
from tests.access import OrganisationAccess, as_member, assert_access
from tests.factories import OrganisationFactory
from tests.orders.review_builders import make_application, url

TODAY = date(2026, 11, 22)
HEARING_DAY = date(2026, 12, 14)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(date(2026, 11, 22), tick=False):
        yield


@pytest.fixture
def laid(officer):
    return make_application(officer, state=State.LAID, application_date=TODAY)


@pytest.fixture
def court():
    return OrganisationFactory(court=True, name="Highbury Corner Magistrates’ Court")


def heard(application, on=TODAY, kind="full"):
    return Hearing.objects.create(application=application, date=on, kind=kind)


# --- permissions and read logging -------------------------------------------------------


@pytest.mark.parametrize("page", ["hearing_new", "service_new", "defendant_notice_new"])
def test_the_forms_are_for_the_owning_forces_police(client, laid, officer, page):
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, url(page, laid.id), access.expectations(allowed=POLICE_CASEWORK))


def test_the_outcome_form_is_for_the_owning_forces_police(client, laid, officer):
    hearing = heard(laid)
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, url("hearing_outcome", hearing.id), access.expectations(allowed=POLICE_CASEWORK))


def test_the_cps_area_may_record_service_on_an_s19_application(client, officer, lawyer):
    application = make_application(officer, route=Route.S19, state=State.ACCEPTED_BY_CPS, cps_area=lawyer.organisation)

    response = as_member(client, lawyer).get(url("service_new", application.id))

    assert response.status_code == 200


def test_an_unknown_hearing_is_not_found(client, officer):
    assert as_member(client, officer).get(url("hearing_outcome", 999999)).status_code == 404


@pytest.mark.parametrize("page", ["hearing_new", "service_new", "defendant_notice_new"])
def test_a_first_look_at_a_form_is_logged_as_a_read(client, laid, officer, page):
    as_member(client, officer).get(url(page, laid.id))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.data_subject_id, read.user_id) == (str(laid.id), laid.case.subject_id, officer.user_id)


def test_posts_to_the_forms_by_another_force_change_nothing(client, laid, people, court):
    outsider = people["other_force_lead"]
    client = as_member(client, outsider)
    posted = {
        url("hearing_new", laid.id): {
            "court": court.id,
            "date_day": 14,
            "date_month": 12,
            "date_year": 2026,
            "kind": "full",
        },
        url("service_new", laid.id): {"document": "summons"},
        url("defendant_notice_new", laid.id): {"purposes": ["own_evidence"]},
        url("hearing_outcome", heard(laid).id): {"outcome": "withdrawn"},
    }
    for page, data in posted.items():
        assert client.post(page, data).status_code == 404
    assert (Hearing.objects.count(), ServiceRecord.objects.count(), DefendantNotice.objects.count()) == (1, 0, 0)
    assert Application.objects.get(pk=laid.pk).state == State.LAID


# --- listing a hearing and recording its outcome ---------------------------------------------


def test_listing_a_hearing(client, laid, officer, court):
    response = as_member(client, officer).post(
        url("hearing_new", laid.id),
        {"court": court.id, "date_day": "14", "date_month": "12", "date_year": "2026", "kind": "full"},
    )

    assert response.status_code == 302
    assert response.url == url("detail", laid.id) + "#hearings"
    hearing = Hearing.objects.get()
    assert (hearing.court, hearing.date, hearing.kind) == (court, HEARING_DAY, "full")


def test_a_hearing_form_with_errors_changes_nothing(client, laid, officer):
    response = as_member(client, officer).post(url("hearing_new", laid.id), {"date_day": "31", "date_month": "2"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Choose the court" in content
    assert "Select the type of hearing" in content
    assert not Hearing.objects.exists()


def outcome_data(application, **overrides):
    provision = application.provisions.get()
    data = {
        "outcome": "granted",
        "court_reference": "KCPO/2026/17",
        "duration_months": "12",
        "made": [str(provision.id)],
        f"wording_{provision.id}": "Not to enter the area of Brixton marked on map KCPO-1",
    }
    data.update(overrides)
    return data


def test_recording_a_grant_records_the_order_as_made(client, laid, officer, court):
    hearing = Hearing.objects.create(application=laid, date=TODAY, kind="full", court=court)

    response = as_member(client, officer).post(url("hearing_outcome", hearing.id), outcome_data(laid))

    assert response.status_code == 302
    assert Application.objects.get(pk=laid.pk).state == State.GRANTED
    order = Order.objects.get()
    assert (order.court_reference, order.court, order.provisions.get().wording) == (
        "KCPO/2026/17",
        court,
        "Not to enter the area of Brixton marked on map KCPO-1",
    )
    page = as_member(client, officer).get(url("detail", laid.id)).content.decode()
    assert "Knife crime prevention order, made 22 November 2026" in page
    assert "Not to enter the area of Brixton marked on map KCPO-1" in page


def test_a_condition_the_court_added_is_recorded(client, laid, officer):
    hearing = heard(laid)

    as_member(client, officer).post(
        url("hearing_outcome", hearing.id),
        outcome_data(laid, added_kind="prohibition", added_wording="Not to post images of knives online"),
    )

    added = Order.objects.get().provisions.get(proposed=None)
    assert (added.label, added.wording) == ("P2", "Not to post images of knives online")


def test_an_added_condition_needs_its_kind(client, laid, officer):
    hearing = heard(laid)

    response = as_member(client, officer).post(
        url("hearing_outcome", hearing.id), outcome_data(laid, added_wording="Not to post images of knives online")
    )

    assert "Select whether the added condition is a requirement or a prohibition" in response.content.decode()
    assert not Order.objects.exists()


def test_an_order_outside_the_law_is_refused_with_the_section(client, laid, officer):
    hearing = heard(laid)

    response = as_member(client, officer).post(
        url("hearing_outcome", hearing.id), outcome_data(laid, duration_months="30")
    )

    assert response.status_code == 200
    assert "s23(3)" in response.content.decode()
    assert not Order.objects.exists()
    assert Hearing.objects.get().outcome == ""


def test_a_refusal_through_the_page_records_the_reason(client, laid, officer):
    hearing = heard(laid)

    as_member(client, officer).post(
        url("hearing_outcome", hearing.id), {"outcome": "refused", "refusal_reason": "no_previous_offending"}
    )

    hearing.refresh_from_db()
    assert (hearing.outcome, hearing.refusal_reason) == ("refused", "no_previous_offending")
    assert Application.objects.get(pk=laid.pk).state == State.REFUSED


def test_the_outcome_choices_follow_the_route(client, officer):
    with_notice = make_application(officer, state=State.LAID)
    without_notice = make_application(officer, route=Route.S14_WITHOUT_NOTICE, state=State.LAID)
    client = as_member(client, officer)

    plain = client.get(url("hearing_outcome", heard(with_notice).id)).content.decode()
    interim = client.get(url("hearing_outcome", heard(without_notice).id)).content.decode()

    assert 'value="interim_order"' not in plain
    assert 'value="ended"' not in plain
    assert "Interim order without notice (s17)" in interim


def test_on_the_without_notice_route_requirements_start_unticked(client, officer):
    application = make_application(officer, route=Route.S14_WITHOUT_NOTICE, state=State.LAID)
    requirement = Provision.objects.create(application=application, number=2, kind="requirement", wording="Mentoring")
    prohibition = application.provisions.get(kind="prohibition")

    page = as_member(client, officer).get(url("hearing_outcome", heard(application).id)).content.decode()

    assert f'value="{prohibition.id}" checked' in page
    assert f'value="{requirement.id}" checked' not in page


def test_the_application_page_offers_the_outcome_only_once_the_hearing_has_happened(client, laid, officer):
    past, future = heard(laid), heard(laid, on=HEARING_DAY)

    page = as_member(client, officer).get(url("detail", laid.id)).content.decode()

    assert url("hearing_outcome", past.id) in page
    assert url("hearing_outcome", future.id) not in page


# --- service and its warnings --------------------------------------------------------------


def service_data(**overrides):
    data = {
        "document": "summons",
        "recipient": "defendant",
        "recipient_name": "Jordan Ellis",
        "method": "personal",
        "served_on_day": "20",
        "served_on_month": "11",
        "served_on_year": "2026",
        "served_by": "PC 123 Smith",
    }
    data.update(overrides)
    return data


def test_recording_service(client, laid, officer):
    response = as_member(client, officer).post(url("service_new", laid.id), service_data())

    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert (record.document, record.served_on, record.recorded_by) == ("summons", date(2026, 11, 20), officer.user)


def test_service_in_the_future_is_refused(client, laid, officer):
    response = as_member(client, officer).post(url("service_new", laid.id), service_data(served_on_day="23"))

    assert "The date of service must be today or in the past" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_missing_service_is_a_warning_on_the_case_and_application_pages(client, laid, officer):
    heard(laid, on=TODAY + timedelta(days=5))
    client = as_member(client, officer)

    case_page = client.get(reverse("cases:detail", args=[laid.case_id])).content.decode()
    application_page = client.get(url("detail", laid.id)).content.decode()

    assert 'data-testid="case-service-warnings"' in case_page
    assert 'data-testid="service-warnings"' in application_page


def test_timely_service_shows_no_warning(client, laid, officer):
    heard(laid, on=HEARING_DAY)
    for document in ("summons", "application"):
        ServiceRecord.objects.create(
            application=laid,
            document=document,
            recipient="defendant",
            recipient_name="Jordan Ellis",
            method="personal",
            served_on=TODAY,
            served_by="PC 1",
            recorded_by=officer.user,
        )

    case_page = as_member(client, officer).get(reverse("cases:detail", args=[laid.case_id])).content.decode()

    assert 'data-testid="case-service-warnings"' not in case_page


def test_the_case_page_query_count_does_not_grow_with_applications(client, officer, django_assert_max_num_queries):
    first = make_application(officer, state=State.LAID)
    heard(first, on=TODAY + timedelta(days=5))
    client = as_member(client, officer)
    case_url = reverse("cases:detail", args=[first.case_id])
    with django_assert_max_num_queries(40) as few:
        client.get(case_url)
    for _ in range(3):
        more = make_application(officer, state=State.LAID)
        Application.objects.filter(pk=more.pk).update(case=first.case)
        heard(more, on=TODAY + timedelta(days=5))

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(case_url)


# --- defendant's notices --------------------------------------------------------------------


def test_recording_a_defendants_notice_shows_the_reply_deadline(client, laid, officer):
    client = as_member(client, officer)
    response = client.post(
        url("defendant_notice_new", laid.id),
        {
            "served_on_day": "20",
            "served_on_month": "11",
            "served_on_year": "2026",
            "purposes": ["cross_examine"],
            "witnesses_to_cross_examine": "PC Smith",
            "cross_examination_reasons": "Identification is disputed",
        },
    )

    assert response.status_code == 302
    page = client.get(url("detail", laid.id)).content.decode()
    assert "serve notice by 27 November 2026" in page


def test_a_defendants_notice_without_its_details_changes_nothing(client, laid, officer):
    response = as_member(client, officer).post(
        url("defendant_notice_new", laid.id),
        {
            "served_on_day": "20",
            "served_on_month": "11",
            "served_on_year": "2026",
            "purposes": ["challenge_credibility"],
        },
    )

    assert "Name the witnesses whose credibility is challenged" in response.content.decode()
    assert not DefendantNotice.objects.exists()


def test_a_yot_worker_or_analyst_of_the_force_cannot_post(client, laid, force):
    from tests.factories import MembershipFactory

    analyst = MembershipFactory(organisation=force, role=Role.ANALYST)

    assert as_member(client, analyst).post(url("service_new", laid.id), service_data()).status_code == 403
    assert not ServiceRecord.objects.exists()


def test_missing_service_is_a_warning_on_the_hearing_outcome_page(client, laid, officer):
    hearing = heard(laid)

    page = as_member(client, officer).get(url("hearing_outcome", hearing.id)).content.decode()

    assert 'data-testid="service-warnings"' in page


def test_a_first_look_at_the_outcome_form_is_logged_as_a_read(client, laid, officer):
    hearing = heard(laid)

    as_member(client, officer).get(url("hearing_outcome", hearing.id))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_id, read.data_subject_id) == (str(laid.id), laid.case.subject_id)


def test_the_application_page_query_count_does_not_grow_with_hearings_orders_and_service(
    client, officer, django_assert_max_num_queries
):
    application = make_application(officer, route=Route.S14_WITH_INTERIM, state=State.LAID)
    client = as_member(client, officer)

    def add_round(n):
        hearing = Hearing.objects.create(
            application=application, date=TODAY - timedelta(days=n), kind="full", outcome="adjourned"
        )
        order = Order.objects.create(
            application=application,
            hearing=hearing,
            subject=application.case.subject,
            owner=officer.organisation,
            kind="interim_s18",
            court_reference=f"INT/{n}",
            made_on=hearing.date,
            created_by=officer.user,
        )
        order.provisions.create(number=1, kind="prohibition", wording="Not to enter")
        ServiceRecord.objects.create(
            application=application,
            document="summons",
            recipient="defendant",
            recipient_name="Jordan Ellis",
            method="personal",
            served_on=hearing.date,
            served_by="PC 1",
            recorded_by=officer.user,
        )
        DefendantNotice.objects.create(
            application=application,
            served_on=hearing.date,
            purposes=["cross_examine"],
            witnesses_to_cross_examine="PC Smith",
            recorded_by=officer.user,
        )

    add_round(1)
    with django_assert_max_num_queries(60) as few:
        client.get(url("detail", application.id))
    for n in range(2, 6):
        add_round(n)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("detail", application.id))
