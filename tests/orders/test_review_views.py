"""The application page, the transitions as POST actions, the YOT consultation pages and the
CPS review: who may see each (own force / wrong role / other organisation), what each read
and disclosure logs, and each action through the page."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.models import Conviction
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders import review, services
from orders.models import (
    Application,
    ApplicationEvent,
    ApplicationSubmission,
    Provision,
    ProvisionComment,
    YotConsultation,
)
from orders.workflow import TRANSITIONS, Route, State
from tests.access import OrganisationAccess, as_member, assert_access
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory
from tests.orders.review_builders import ACTORS, make_application, make_consultation, route_for, under_18_on, url

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def child_application(officer):
    """An authorised s14 application for a 15-year-old: the YOT must be consulted."""
    return make_application(officer, state=State.AUTHORISED, date_of_birth=under_18_on(timezone.localdate()))


def others_in(access, organisation):
    return {m.role: m for m in access.others if m.organisation == organisation}


def state_of(application):
    return Application.objects.get(pk=application.pk).state


# --- the application page ---------------------------------------------------------------


def test_application_page_permissions(client, officer):
    application = make_application(officer)
    access = OrganisationAccess.around(officer.organisation)

    assert_access(client, url("detail", application.id), access.expectations(allowed=POLICE_CASEWORK))


def test_a_cps_lawyer_sees_only_applications_submitted_to_the_area(client, officer):
    access = OrganisationAccess.around(officer.organisation)
    area = next(m for m in access.others if m.role == Role.CPS_LAWYER).organisation
    application = make_application(officer, route=Route.S19, state=State.SUBMITTED_TO_CPS, cps_area=area)
    in_area = others_in(access, area)
    for member in in_area.values():
        access.grant(member)
    expected = access.expectations(allowed=POLICE_CASEWORK)
    expected.update({in_area[Role.CPS_LAWYER]: 200, in_area[Role.ANALYST]: 403, in_area[Role.ADMINISTRATOR]: 403})

    assert_access(client, url("detail", application.id), expected)


def test_a_consulted_yots_worker_is_sent_to_the_consultation(client, child_application, officer, yot_worker):
    consultation = make_consultation(child_application, yot_worker.organisation, officer)
    other_yot_worker = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)
    yot_supervisor = MembershipFactory(organisation=yot_worker.organisation, role=Role.SUPERVISOR)

    assert_access(client, url("detail", child_application.id), {other_yot_worker: 404, yot_supervisor: 403})
    response = as_member(client, yot_worker).get(url("detail", child_application.id))
    assert response.status_code == 302
    assert response.url == url("consultation_detail", consultation.id)


def test_the_page_shows_the_application_its_provisions_and_history(client, officer, authoriser):
    application = make_application(officer, state=State.AWAITING_AUTHORISATION)
    services.application_return_for_changes(application=application, membership=authoriser, reason="The map is missing")

    response = as_member(client, officer).get(url("detail", application.id))

    body = response.content.decode()
    assert response.status_code == 200
    assert application.case.subject.full_name in body
    assert "Returned by the authorising officer" in body
    assert "Not to enter the area marked on the attached map" in body
    assert "Both occasions were in this area" in body and "MG11 of PC Smith" in body
    [event] = response.context["events"]
    assert (event.by, event.reason) == (authoriser.user, "The map is missing")
    assert "by Ada Authoriser, Authorising officer, Metropolitan Police Service" in body
    assert [f.transition.name for f in response.context["transition_forms"]] == [
        "submit_for_authorisation",
        "withdraw",
    ]


def test_each_role_is_offered_only_its_own_transitions(client, officer, authoriser, lawyer):
    application = make_application(officer, state=State.AWAITING_AUTHORISATION)

    offered = {
        who.role: [
            f.transition.name
            for f in as_member(client, who).get(url("detail", application.id)).context["transition_forms"]
        ]
        for who in (officer, authoriser)
    }

    assert offered == {
        Role.POLICE_OFFICER: ["withdraw"],
        Role.AUTHORISING_OFFICER: ["authorise", "return_for_changes", "withdraw"],  # police casework too
    }


def test_the_page_costs_the_same_queries_however_many_provisions_and_consultations(
    client, officer, child_application, django_assert_max_num_queries
):
    as_member(client, officer)
    with django_assert_max_num_queries(25) as small:
        client.get(url("detail", child_application.id))
    for number in range(2, 8):
        Provision.objects.create(application=child_application, number=number, kind="prohibition", wording="x")
        make_consultation(child_application, OrganisationFactory(yot=True), officer)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("detail", child_application.id))
    assert len(response.context["consultations"]) == 6


def test_reading_the_page_is_logged(client, officer):
    application = make_application(officer)

    as_member(client, officer).get(url("detail", application.id))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_type, read.object_id, read.data_subject_id, read.user_id) == (
        "orders.application",
        str(application.id),
        application.case.subject_id,
        officer.user_id,
    )


# --- transitions ------------------------------------------------------------------------


def test_every_transition_but_the_courts_has_a_button_service():
    """A court's decision is recorded against a hearing (orders.court), never as a bare move."""
    at_hearing = {name for name, transition in TRANSITIONS.items() if transition.at_hearing}
    assert at_hearing == {"grant", "refuse", "record_interim_order"}
    assert set(review.TRANSITION_SERVICES) == set(TRANSITIONS) - at_hearing


@pytest.mark.parametrize("name", ["grant", "refuse", "record_interim_order"])
def test_a_court_decision_is_not_a_button(client, officer, name):
    application = make_application(officer, route=Route.S14_WITHOUT_NOTICE, state=State.LAID)

    response = as_member(client, officer).post(url("transition", application.id, name), {f"{name}-reason": "x"})

    assert response.status_code == 404
    assert state_of(application) == State.LAID


def test_transition_permissions(client, officer):
    application = make_application(officer, state=State.AWAITING_AUTHORISATION)
    access = OrganisationAccess.around(officer.organisation)

    assert_access(
        client,
        url("transition", application.id, "authorise"),
        access.expectations(allowed={Role.AUTHORISING_OFFICER}, ok=302),
        method="post",
    )
    assert state_of(application) == State.AUTHORISED


def test_transitions_are_post_only(client, officer):
    application = make_application(officer, state=State.AWAITING_AUTHORISATION)

    assert as_member(client, officer).get(url("transition", application.id, "withdraw")).status_code == 405


def test_an_unknown_transition_is_not_found(client, officer):
    application = make_application(officer)

    assert as_member(client, officer).post(url("transition", application.id, "approve")).status_code == 404


@pytest.mark.parametrize("name", [name for name, transition in TRANSITIONS.items() if not transition.at_hearing])
def test_each_transition_through_the_page(client, officer, authoriser, lawyer, name):
    transition = TRANSITIONS[name]
    route = route_for(transition)
    source = sorted(transition.sources)[0]
    application = make_application(
        officer, route=route, state=source, cps_area=lawyer.organisation if name != "submit_to_cps" else None
    )
    actor = {"officer": officer, "authoriser": authoriser, "lawyer": lawyer}[ACTORS[name]]
    data = {}
    if transition.needs_reason:
        data[f"{name}-reason"] = "Because the court said so"
    if name == "submit_to_cps":
        data[f"{name}-cps_area"] = lawyer.organisation.id

    response = as_member(client, actor).post(url("transition", application.id, name), data)

    assert response.status_code == 302
    assert response.url == url("detail", application.id)
    assert state_of(application) == transition.target
    event = ApplicationEvent.objects.get(application=application)
    assert (event.transition, event.by, event.reason) == (
        name,
        actor.user,
        "Because the court said so" if transition.needs_reason else "",
    )


def test_a_refused_transition_shows_why_and_changes_nothing(client, officer, child_application):
    response = as_member(client, officer).post(url("transition", child_application.id, "lay_complaint"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The youth offending team must be consulted first" in body
    assert state_of(child_application) == State.AUTHORISED
    assert not ApplicationEvent.objects.exists()


@pytest.mark.parametrize(
    ("state", "name", "data", "message"),
    [
        (State.AWAITING_AUTHORISATION, "return_for_changes", {"return_for_changes-reason": " "}, "Enter what needs"),
        (State.AUTHORISED, "withdraw", {}, "Enter why the application is being withdrawn"),
        (State.DRAFT, "authorise", {}, "is not possible while the application is draft"),
    ],
)
def test_a_transition_without_what_it_needs_changes_nothing(client, officer, authoriser, state, name, data, message):
    application = make_application(officer, state=state)
    actor = authoriser if name in {"return_for_changes", "authorise"} else officer

    response = as_member(client, actor).post(url("transition", application.id, name), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert state_of(application) == state
    assert not ApplicationEvent.objects.exists()


def test_submitting_to_the_cps_needs_an_area(client, officer):
    application = make_application(officer, route=Route.S19, state=State.AUTHORISED)

    response = as_member(client, officer).post(url("transition", application.id, "submit_to_cps"))

    assert "Choose the CPS area to submit to" in response.content.decode()
    assert state_of(application) == State.AUTHORISED


def test_the_police_cannot_make_the_cps_decision(client, officer, lawyer):
    application = make_application(officer, route=Route.S19, state=State.SUBMITTED_TO_CPS, cps_area=lawyer.organisation)

    response = as_member(client, officer).post(url("transition", application.id, "cps_accept"))

    assert response.status_code == 403
    assert state_of(application) == State.SUBMITTED_TO_CPS


def test_submitting_through_the_page_discloses_to_the_area_and_records_the_snapshot(client, officer, lawyer):
    application = make_application(officer, route=Route.S19, state=State.AUTHORISED)

    as_member(client, officer).post(
        url("transition", application.id, "submit_to_cps"), {"submit_to_cps-cps_area": lawyer.organisation.id}
    )

    disclosure = AuditEvent.objects.get(operation="disclose")
    assert (disclosure.recipient, disclosure.data_subject_id) == (
        lawyer.organisation.name,
        application.case.subject_id,
    )
    assert ApplicationSubmission.objects.get(application=application).round == 1


# --- YOT consultation -------------------------------------------------------------------


def test_consultation_form_permissions(client, child_application):
    access = OrganisationAccess.around(child_application.owner)

    assert_access(client, url("consultation_new", child_application.id), access.expectations(allowed=POLICE_CASEWORK))


def test_the_consultation_form_is_filled_from_the_application(client, officer, child_application):
    Provision.objects.create(
        application=child_application, number=2, kind="requirement", wording="Attend mentoring weekly"
    )

    form = as_member(client, officer).get(url("consultation_new", child_application.id)).context["form"]

    assert form.initial["proposed_provisions"] == (
        "P1: Not to enter the area marked on the attached map\nR2: Attend mentoring weekly"
    )
    assert form.initial["reason_for_application"] == child_application.grounds_argument


def test_the_consultation_form_says_which_convictions_are_not_yet_convictions(client, officer, child_application):
    subject = child_application.case.subject
    Conviction.objects.create(
        subject=subject,
        offence="Possession of a bladed article",
        offence_date=date(2025, 3, 1),
        convicted_on=date(2025, 6, 2),
        disposal="conditional_discharge",
    )
    Conviction.objects.create(subject=subject, offence="Robbery", offence_date=date(2025, 9, 14))

    form = as_member(client, officer).get(url("consultation_new", child_application.id)).context["form"]

    # Sent to the YOT as written: a pending charge must not read as a conviction.
    assert form.initial["offending_history"] == (
        "Not yet convicted: Robbery (14 September 2025)\n"
        "Convicted of Possession of a bladed article (1 March 2025), conditional discharge"
    )


def test_reading_the_consultation_form_is_logged(client, officer, child_application):
    as_member(client, officer).get(url("consultation_new", child_application.id))

    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_type, read.object_id, read.data_subject_id) == (
        "orders.application",
        str(child_application.id),
        child_application.case.subject_id,
    )


def consultation_data(yot, due):
    return {
        "yot": yot.id,
        "reply_due_on_day": due.day,
        "reply_due_on_month": due.month,
        "reply_due_on_year": due.year,
        "reason_for_application": "Two occasions with a knife near schools",
        "offending_history": "Possession of a bladed article, 2025",
        "hearsay_and_intelligence": "Intelligence: carries a knife to school",
        "proposed_provisions": "P1: Not to enter the area marked on the attached map",
    }


def test_sending_a_consultation_discloses_to_the_yot(client, officer, child_application, yot_worker):
    yot = yot_worker.organisation
    due = timezone.localdate() + timedelta(days=10)

    response = as_member(client, officer).post(
        url("consultation_new", child_application.id), consultation_data(yot, due)
    )

    consultation = YotConsultation.objects.get()
    assert response.status_code == 302 and response.url == url("consultation_detail", consultation.id)
    assert (consultation.yot, consultation.reply_due_on, consultation.hearsay_and_intelligence) == (
        yot,
        due,
        "Intelligence: carries a knife to school",
    )
    disclosure = AuditEvent.objects.get(operation="disclose")
    assert (disclosure.recipient, disclosure.data_subject_id) == (yot.name, child_application.case.subject_id)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"yot": ""}, "Choose a youth offending team"),
        ({"reply_due_on_day": ""}, "Reply needed by must include a day"),
        ({"reason_for_application": " "}, "Explain why the order is being sought"),
        ({"past": True}, "The reply date must be today or later"),
    ],
)
def test_a_consultation_with_bad_input_is_not_sent(client, officer, child_application, yot_worker, change, message):
    due = timezone.localdate() + timedelta(days=-1 if change.pop("past", False) else 10)
    data = {**consultation_data(yot_worker.organisation, due), **change}

    response = as_member(client, officer).post(url("consultation_new", child_application.id), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not YotConsultation.objects.exists()
    assert not AuditEvent.objects.filter(operation="disclose").exists()


def test_a_yot_is_consulted_once_per_application(client, officer, child_application, yot_worker):
    make_consultation(child_application, yot_worker.organisation, officer)
    due = timezone.localdate() + timedelta(days=10)

    response = as_member(client, officer).post(
        url("consultation_new", child_application.id), consultation_data(yot_worker.organisation, due)
    )

    assert "already been consulted" in response.content.decode()
    assert YotConsultation.objects.count() == 1


def test_consultation_page_permissions(client, child_application, officer):
    access = OrganisationAccess.around(child_application.owner)
    yot = next(m for m in access.others if m.role == Role.YOT_WORKER).organisation
    consultation = make_consultation(child_application, yot, officer)
    in_yot = others_in(access, yot)
    for member in in_yot.values():
        access.grant(member)
    expected = access.expectations(allowed=POLICE_CASEWORK)
    expected.update({m: 200 if role == Role.YOT_WORKER else 403 for role, m in in_yot.items()})
    expected[MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)] = 404  # a YOT not consulted

    assert_access(client, url("consultation_detail", consultation.id), expected)


def test_the_yot_sees_what_was_relayed_and_the_read_is_logged(client, officer, child_application, yot_worker):
    consultation = make_consultation(
        child_application, yot_worker.organisation, officer, offending_history="Possession of a bladed article"
    )

    response = as_member(client, yot_worker).get(url("consultation_detail", consultation.id))

    body = response.content.decode()
    subject = child_application.case.subject
    assert subject.full_name in body and "Possession of a bladed article" in body
    assert "P1: Not to enter the area marked on the attached map" in body
    assert response.context["reply_form"] is not None
    read = AuditEvent.objects.get(operation="consult")
    assert (read.object_type, read.object_id, read.data_subject_id) == (
        "orders.yotconsultation",
        str(consultation.id),
        subject.id,
    )


def reply_data(**changes):
    return {
        "action": "reply",
        "views": "Supports a mentoring requirement",
        "suggestions": "Add a weekly session with the YOT worker",
        "developmental_needs": "Reads at a younger level: explain the order in plain words",
        "safeguarding_context": "Known to children’s social care",
        **changes,
    }


def test_the_yot_replies_once(client, officer, child_application, yot_worker):
    consultation = make_consultation(child_application, yot_worker.organisation, officer)
    page = url("consultation_detail", consultation.id)

    first = as_member(client, yot_worker).post(page, reply_data())
    second = client.post(page, reply_data(views="Changed our mind"))

    consultation.refresh_from_db()
    assert first.status_code == 302
    assert (consultation.views, consultation.developmental_needs, consultation.replied_by) == (
        "Supports a mentoring requirement",
        "Reads at a younger level: explain the order in plain words",
        yot_worker.user,
    )
    assert second.status_code == 200
    assert "The youth offending team has already replied." in second.content.decode()


def test_a_reply_needs_views(client, officer, child_application, yot_worker):
    consultation = make_consultation(child_application, yot_worker.organisation, officer)

    response = as_member(client, yot_worker).post(url("consultation_detail", consultation.id), reply_data(views=""))

    assert "Enter the youth offending team’s views" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.replied_at is None


def test_the_police_cannot_reply_for_the_yot(client, officer, child_application, yot_worker):
    consultation = make_consultation(child_application, yot_worker.organisation, officer)

    response = as_member(client, officer).post(url("consultation_detail", consultation.id), reply_data())

    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.replied_at is None


def test_an_unknown_action_is_a_bad_request(client, officer, child_application, yot_worker):
    consultation = make_consultation(child_application, yot_worker.organisation, officer)

    response = as_member(client, officer).post(url("consultation_detail", consultation.id), {"action": "delete"})

    assert response.status_code == 400


def test_a_reply_lets_the_complaint_be_laid_and_the_police_record_how_they_considered_it(
    client, officer, child_application, yot_worker
):
    consultation = make_consultation(child_application, yot_worker.organisation, officer)
    as_member(client, yot_worker).post(url("consultation_detail", consultation.id), reply_data())

    as_member(client, officer).post(
        url("consultation_detail", consultation.id),
        {"action": "consideration", "consideration": "Added the mentoring requirement the YOT suggested"},
    )
    laid = client.post(url("transition", child_application.id, "lay_complaint"))

    consultation.refresh_from_db()
    assert consultation.police_consideration == "Added the mentoring requirement the YOT suggested"
    assert laid.status_code == 302 and state_of(child_application) == State.LAID


def test_the_deadline_can_be_recorded_as_passed_only_after_it(client, officer, child_application, yot_worker):
    consultation = make_consultation(
        child_application, yot_worker.organisation, officer, reply_due_on=timezone.localdate() + timedelta(days=3)
    )
    page = url("consultation_detail", consultation.id)
    due = consultation.reply_due_on

    with time_machine.travel(datetime(due.year, due.month, due.day, 12, tzinfo=LONDON), tick=False):
        on_the_day = as_member(client, officer).post(page, {"action": "deadline_passed"})
    with time_machine.travel(datetime(due.year, due.month, due.day, 12, tzinfo=LONDON) + timedelta(days=1), tick=False):
        offered = as_member(client, officer).get(page).context["deadline_form"]  # a new day: sign in again
        day_after = client.post(page, {"action": "deadline_passed"})

    assert on_the_day.status_code == 200 and "wait until after then" in on_the_day.content.decode()
    assert offered is not None
    assert day_after.status_code == 302
    consultation.refresh_from_db()
    assert consultation.deadline_passed_recorded_at is not None


def test_consultation_inbox_permissions(client, yot_worker):
    access = OrganisationAccess.around(yot_worker.organisation)
    expected = {m: 200 if m.role == Role.YOT_WORKER else 403 for m in [*access.own.values(), *access.others]}

    assert_access(client, url("consultation_inbox"), expected)


def consult_many(force, yot, count, **fields):
    """`count` consultations of `yot`, each on its own application (one per application)."""
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER)
    today = timezone.localdate()
    consultations = []
    for _ in range(count):
        case = CaseFactory(owner=force, subject__date_of_birth=under_18_on(today))
        application = Application.objects.create(
            case=case, owner=force, route=Route.S14_WITH_NOTICE, application_date=today, created_by=officer.user
        )
        consultations.append(make_consultation(application, yot, officer, **fields))
    return consultations


def test_the_inbox_shows_only_the_yots_consultations_awaiting_reply_first(client, force, yot_worker):
    [replied] = consult_many(force, yot_worker.organisation, 1, replied_at=timezone.now(), views="Agree")
    [waiting] = consult_many(force, yot_worker.organisation, 1)
    consult_many(force, OrganisationFactory(yot=True), 1)

    response = as_member(client, yot_worker).get(url("consultation_inbox"))

    assert list(response.context["page"]) == [waiting, replied]
    read = AuditEvent.objects.get(operation="consult")
    assert read.details["consultation_ids"] == [waiting.id, replied.id]


def test_the_consultation_inbox_paginates_with_a_constant_number_of_queries(
    client, force, yot_worker, django_assert_max_num_queries
):
    consult_many(force, yot_worker.organisation, 3)
    as_member(client, yot_worker)
    with django_assert_max_num_queries(12) as small:
        client.get(url("consultation_inbox"))
    consult_many(force, yot_worker.organisation, 27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("consultation_inbox"))
    page_two = client.get(url("consultation_inbox"), {"page": 2})

    assert len(response.context["page"]) == 25
    assert len(page_two.context["page"]) == 5
    assert 'aria-label="Pagination"' in response.content.decode()


# --- CPS review -------------------------------------------------------------------------


@pytest.fixture
def with_the_cps(officer, lawyer):
    """An s19 application submitted to the lawyer's area through the service (round 1)."""
    application = make_application(officer, route=Route.S19, state=State.AUTHORISED)
    return review.cps_submit(application=application, membership=officer, cps_area=lawyer.organisation)


def test_cps_review_permissions(client, with_the_cps, lawyer):
    access = OrganisationAccess.around(with_the_cps.owner)  # its CPS area is not the lawyer's
    area_analyst = MembershipFactory(organisation=lawyer.organisation, role=Role.ANALYST)
    expected = access.expectations(allowed=POLICE_CASEWORK)
    expected.update({lawyer: 200, area_analyst: 403})

    assert_access(client, url("cps_review", with_the_cps.id), expected)


def test_a_consulted_yot_cannot_see_the_cps_review(client, with_the_cps, officer, yot_worker):
    make_consultation(with_the_cps, yot_worker.organisation, officer)

    assert as_member(client, yot_worker).get(url("cps_review", with_the_cps.id)).status_code == 403


def test_an_s14_application_has_no_cps_review(client, officer):
    application = make_application(officer)

    assert as_member(client, officer).get(url("cps_review", application.id)).status_code == 404


def test_the_lawyer_sees_each_condition_with_its_rationale_and_evidence(client, with_the_cps, lawyer):
    response = as_member(client, lawyer).get(url("cps_review", with_the_cps.id))

    body = response.content.decode()
    assert "Two occasions with a knife near schools in six months." in body
    [condition] = response.context["prohibitions"]
    assert condition.content["wording"] == "Not to enter the area marked on the attached map"
    assert "Both occasions were in this area" in body and "MG11 of PC Smith" in body
    assert condition.form is not None
    assert [f.transition.name for f in response.context["decision_forms"]] == [
        "cps_accept",
        "cps_return",
        "cps_decline",
    ]
    read = AuditEvent.objects.filter(operation="consult").get()
    assert (read.object_id, read.data_subject_id) == (str(with_the_cps.id), with_the_cps.case.subject_id)


def test_the_police_see_the_review_without_comment_boxes_or_decisions(client, with_the_cps, officer):
    response = as_member(client, officer).get(url("cps_review", with_the_cps.id))

    assert response.status_code == 200
    assert response.context["prohibitions"][0].form is None
    assert response.context["general_form"] is None
    assert response.context["decision_forms"] == []


def test_the_lawyer_comments_on_one_condition(client, with_the_cps, lawyer):
    p1 = with_the_cps.provisions.get()

    response = as_member(client, lawyer).post(
        url("cps_review", with_the_cps.id), {"comment_on": p1.id, f"comment-{p1.id}-text": "Which map? Attach it."}
    )
    page = client.get(url("cps_review", with_the_cps.id))

    assert response.status_code == 302
    assert response.url == url("cps_review", with_the_cps.id) + f"#condition-{p1.id}"
    comment = ProvisionComment.objects.get()
    assert (comment.provision, comment.round, comment.text, comment.by) == (p1, 1, "Which map? Attach it.", lawyer.user)
    assert page.context["prohibitions"][0].comments == [comment]


def test_a_general_comment_goes_under_the_submission(client, with_the_cps, lawyer):
    as_member(client, lawyer).post(
        url("cps_review", with_the_cps.id), {"comment_on": "general", "comment-general-text": "Add the PNC print"}
    )

    page = client.get(url("cps_review", with_the_cps.id))

    assert [c.text for c in page.context["general_comments"]] == ["Add the PNC print"]


def test_an_empty_comment_is_refused(client, with_the_cps, lawyer):
    p1 = with_the_cps.provisions.get()

    response = as_member(client, lawyer).post(
        url("cps_review", with_the_cps.id), {"comment_on": p1.id, f"comment-{p1.id}-text": ""}
    )

    assert response.status_code == 200
    assert "Enter your comment" in response.content.decode()
    assert not ProvisionComment.objects.exists()


def test_the_police_cannot_comment(client, with_the_cps, officer):
    response = as_member(client, officer).post(
        url("cps_review", with_the_cps.id), {"comment_on": "general", "comment-general-text": "x"}
    )

    assert response.status_code == 403
    assert not ProvisionComment.objects.exists()


def test_a_comment_on_another_applications_condition_is_not_found(client, with_the_cps, officer, lawyer):
    elsewhere = make_application(officer, route=Route.S19).provisions.get()

    response = as_member(client, lawyer).post(
        url("cps_review", with_the_cps.id), {"comment_on": elsewhere.id, f"comment-{elsewhere.id}-text": "x"}
    )

    assert response.status_code == 404


def test_returning_from_the_review_page_comes_back_to_it(client, with_the_cps, lawyer):
    response = as_member(client, lawyer).post(
        url("transition", with_the_cps.id, "cps_return"),
        {"cps_return-back_to": "cps_review", "cps_return-reason": "See the comment on P1"},
    )

    assert response.url == url("cps_review", with_the_cps.id)
    assert state_of(with_the_cps) == State.RETURNED_BY_CPS


def test_returning_without_reasons_stays_on_the_review_page(client, with_the_cps, lawyer):
    response = as_member(client, lawyer).post(
        url("transition", with_the_cps.id, "cps_return"), {"cps_return-back_to": "cps_review"}
    )

    assert response.status_code == 200
    assert response.templates[0].name == "orders/review/cps_review.html"
    assert "Enter why you are returning the submission" in response.content.decode()
    assert state_of(with_the_cps) == State.SUBMITTED_TO_CPS


def test_a_resubmission_shows_what_changed(client, with_the_cps, officer, lawyer):
    p1 = with_the_cps.provisions.get()
    as_member(client, lawyer).post(
        url("cps_review", with_the_cps.id), {"comment_on": p1.id, f"comment-{p1.id}-text": "Name the streets"}
    )
    client.post(url("transition", with_the_cps.id, "cps_return"), {"cps_return-reason": "See the comments"})
    # The police amend the wording (the drafting pages' job) and resubmit through the page.
    Provision.objects.filter(pk=p1.pk).update(wording="Not to enter Acre Lane, Brixton Hill or Coldharbour Lane")
    as_member(client, officer).post(url("transition", with_the_cps.id, "resubmit_to_cps"))

    response = as_member(client, lawyer).get(url("cps_review", with_the_cps.id))

    body = response.content.decode()
    assert response.context["submission"].round == 2
    [change] = response.context["changes"].provisions
    assert (change.label, change.status, [c.field for c in change.changes]) == ("P1", "changed", ["wording"])
    assert "What changed since submission 1" in body
    assert "Not to enter the area marked on the attached map" in body
    assert "Not to enter Acre Lane, Brixton Hill or Coldharbour Lane" in body
    assert response.context["prohibitions"][0].comments[0].text == "Name the streets"  # round 1's comment stays


def test_the_review_costs_the_same_queries_however_many_comments(
    client, officer, lawyer, django_assert_max_num_queries
):
    application = make_application(officer, route=Route.S19, state=State.AUTHORISED)
    for number in range(2, 8):
        Provision.objects.create(
            application=application, number=number, kind="requirement", wording="x", supervisor_name="Sam"
        )
    with_the_cps = review.cps_submit(application=application, membership=officer, cps_area=lawyer.organisation)
    page = url("cps_review", with_the_cps.id)
    as_member(client, lawyer)
    with django_assert_max_num_queries(25) as small:
        client.get(page)
    for provision in with_the_cps.provisions.all():
        review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=provision, text="Why?")
        review.provision_comment_add(application=with_the_cps, membership=lawyer, provision=None, text="And?")

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(page)
    assert len(response.context["requirements"]) == 6
    assert len(response.context["general_comments"]) == 7


def test_cps_inbox_permissions(client, lawyer):
    access = OrganisationAccess.around(lawyer.organisation)
    expected = {m: 200 if m.role == Role.CPS_LAWYER else 403 for m in [*access.own.values(), *access.others]}

    assert_access(client, url("cps_inbox"), expected)


def submit_many(force, area, count):
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER)
    return [
        Application.objects.create(
            case=CaseFactory(owner=force),
            owner=force,
            route=Route.S19,
            state=State.SUBMITTED_TO_CPS,
            cps_area=area,
            application_date=timezone.localdate(),
            created_by=officer.user,
        )
        for _ in range(count)
    ]


def test_the_cps_inbox_shows_only_the_areas_submissions(client, force, lawyer):
    mine = submit_many(force, lawyer.organisation, 1)
    submit_many(force, OrganisationFactory(cps=True), 1)
    Application.objects.create(
        case=CaseFactory(owner=force),
        owner=force,
        route=Route.S19,
        state=State.AUTHORISED,
        cps_area=lawyer.organisation,  # chosen but not yet submitted
        application_date=timezone.localdate(),
        created_by=lawyer.user,
    )

    response = as_member(client, lawyer).get(url("cps_inbox"))

    assert list(response.context["page"]) == mine
    assert AuditEvent.objects.get(operation="consult").details["application_ids"] == [mine[0].id]


def test_the_cps_inbox_paginates_with_a_constant_number_of_queries(
    client, force, lawyer, django_assert_max_num_queries
):
    submit_many(force, lawyer.organisation, 3)
    as_member(client, lawyer)
    with django_assert_max_num_queries(12) as small:
        client.get(url("cps_inbox"))
    submit_many(force, lawyer.organisation, 27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("cps_inbox"))

    assert len(response.context["page"]) == 25
    assert len(client.get(url("cps_inbox"), {"page": 2}).context["page"]) == 5


# --- navigation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "item", "href"),
    [("yot_worker", "Consultations", "consultation_inbox"), ("lawyer", "CPS submissions", "cps_inbox")],
)
def test_the_navigation_leads_to_the_inbox(client, request, who, item, href):
    membership = request.getfixturevalue(who)

    response = as_member(client, membership).get(reverse("accounts:home"))

    assert (item, url(href)) in [(i.text, i.href) for i in response.context["navigation"]]
