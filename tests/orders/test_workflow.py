"""The application state machine (orders/workflow.py) through its services: every
transition allowed from each of its sources, repeated = no-op, refused from elsewhere, and
refused to the wrong role or organisation. Each move leaves a history row and an audit row."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders import review, services
from orders.demo import seed_demo_applications
from orders.models import Application, ApplicationEvent, Provision
from orders.workflow import TRANSITIONS, Route, State, available_transitions
from tests.factories import MembershipFactory, OrganisationFactory
from tests.orders.review_builders import ACTORS, make_application, route_for, under_18_on

TODAY = date(2026, 11, 22)


def an_application(people, *, route=Route.S14_WITH_NOTICE, **fields):
    """An application of the officer's force made on TODAY; an s19 one already names the
    lawyer's CPS area, so the CPS's transitions can be tried from any state."""
    cps_area = people["lawyer"].organisation if route == Route.S19 else None
    return make_application(people["officer"], route=route, cps_area=cps_area, application_date=TODAY, **fields)


def move(application, name, membership, **extra):
    kwargs = {"application": application, "name": name, "membership": membership}
    if TRANSITIONS[name].needs_reason:
        kwargs["reason"] = "Because"
    return services._transition(**kwargs, **extra)


CASES = [(name, source) for name, t in TRANSITIONS.items() for source in sorted(t.sources)]


@pytest.mark.parametrize(("name", "source"), CASES, ids=[f"{n}-from-{s}" for n, s in CASES])
def test_each_transition_moves_from_each_of_its_sources_and_is_recorded(people, name, source):
    transition = TRANSITIONS[name]
    route = route_for(transition) if source != State.ACCEPTED_BY_CPS else Route.S19
    if route not in transition.routes:
        pytest.skip("state not reachable on any route of this transition")  # e.g. s19 laid
    application = an_application(people, route=route, state=source)

    moved = move(application, name, people[ACTORS[name]])

    assert moved.state == transition.target and moved.version == application.version + 1
    event = ApplicationEvent.objects.get(application=application)
    assert (event.transition, event.from_state, event.to_state) == (name, source, transition.target)
    assert AuditEvent.objects.filter(object_type="orders.application", object_id=str(application.id)).count() == 2


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_repeating_a_transition_changes_nothing(people, name):
    transition = TRANSITIONS[name]
    source = sorted(transition.sources)[0]
    application = an_application(people, route=route_for(transition), state=source)
    moved = move(application, name, people[ACTORS[name]])

    again = move(moved, name, people[ACTORS[name]])

    assert (again.state, again.version) == (moved.state, moved.version)
    assert ApplicationEvent.objects.filter(application=application).count() == 1


REFUSED_FROM = [
    (name, state)
    for name, t in TRANSITIONS.items()
    for state in (State.DRAFT, State.AUTHORISED, State.GRANTED)
    if state not in t.sources and state != t.target
]


@pytest.mark.parametrize(("name", "state"), REFUSED_FROM, ids=[f"{n}-from-{s}" for n, s in REFUSED_FROM])
def test_a_transition_is_refused_from_a_state_it_does_not_leave(people, name, state):
    application = an_application(people, route=route_for(TRANSITIONS[name]), state=state)

    with pytest.raises(ValidationError, match="not possible while"):
        move(application, name, people[ACTORS[name]])
    assert Application.objects.get(pk=application.pk).state == state
    assert not ApplicationEvent.objects.exists()


@pytest.mark.parametrize(
    ("name", "route"),
    [
        ("submit_to_cps", Route.S14_WITH_NOTICE),
        ("lay_complaint", Route.S19),
        ("record_interim_order", Route.S14_WITH_NOTICE),
    ],
)
def test_a_transition_is_refused_on_a_route_it_does_not_belong_to(people, name, route):
    application = an_application(people, route=route, state=sorted(TRANSITIONS[name].sources)[0])

    with pytest.raises(ValidationError, match="does not apply"):
        move(application, name, people[ACTORS[name]])


@pytest.mark.parametrize("name", list(TRANSITIONS))
@pytest.mark.parametrize("who", ["analyst", "other_force_lead", "other_lawyer"])
def test_the_wrong_role_or_organisation_is_refused(people, name, who):
    transition = TRANSITIONS[name]
    application = an_application(people, route=route_for(transition), state=sorted(transition.sources)[0])

    with pytest.raises(PermissionDenied):
        move(application, name, people[who])


def test_the_police_cannot_do_the_cps_part_nor_the_cps_the_polices(people):
    submitted = an_application(people, route=Route.S19, state=State.SUBMITTED_TO_CPS)
    with pytest.raises(PermissionDenied):
        services.application_cps_accept(application=submitted, membership=people["officer"])
    authorised = an_application(people, route=Route.S19, state=State.AUTHORISED)
    with pytest.raises(PermissionDenied):
        services.application_submit_to_cps(
            application=authorised, membership=people["lawyer"], cps_area=people["lawyer"].organisation
        )


def test_a_reason_is_needed_to_return_decline_refuse_or_withdraw(people):
    application = an_application(people, state=State.AWAITING_AUTHORISATION)

    with pytest.raises(ValidationError) as error:
        services.application_return_for_changes(application=application, membership=people["authoriser"], reason=" ")
    assert "reason" in error.value.message_dict


# --- guards -----------------------------------------------------------------------------


def test_authorisation_needs_grounds_and_argument(people):
    application = an_application(people)
    Application.objects.filter(pk=application.pk).update(necessity_grounds=[], grounds_argument="")

    with pytest.raises(ValidationError) as error:
        services.application_submit_for_authorisation(application=application, membership=people["officer"])
    assert error.value.messages == [
        "Choose at least one necessity ground (s14(6), s19).",
        "Explain why the order is necessary.",
    ]


def test_a_failing_provision_check_blocks_authorisation_and_names_the_section(people):
    application = an_application(people)
    Provision.objects.create(
        application=application, number=2, kind="requirement", wording="Attend mentoring", purposes=["protect_public"]
    )  # no supervisor, no evidence of suitability: s22

    with pytest.raises(ValidationError) as error:
        services.application_submit_for_authorisation(application=application, membership=people["officer"])
    assert any(m.startswith("s22:") and "R2" in m for m in error.value.messages)
    assert Application.objects.get(pk=application.pk).state == State.DRAFT


def test_a_guidance_warning_does_not_block(people):
    application = an_application(people)
    Provision.objects.create(
        application=application,
        number=2,
        kind="prohibition",
        wording="Not to carry a knife",
        purposes=["protect_public"],
    )  # restates the law: a warning (guidance ch. 9), not a bar

    moved = services.application_submit_for_authorisation(application=application, membership=people["officer"])

    assert moved.state == State.AWAITING_AUTHORISATION


def test_an_application_without_provisions_or_duration_cannot_go_for_authorisation(people):
    application = an_application(people)
    application.provisions.all().delete()
    Application.objects.filter(pk=application.pk).update(proposed_duration_months=None)

    with pytest.raises(ValidationError) as error:
        services.application_submit_for_authorisation(application=application, membership=people["officer"])
    assert "Propose how long the order should last (s23(3))." in error.value.messages
    assert "Propose at least one requirement or prohibition (s21)." in error.value.messages


def test_without_notice_needs_its_reasons(people):
    application = an_application(people, route=Route.S14_WITHOUT_NOTICE)
    Application.objects.filter(pk=application.pk).update(without_notice_reasons="")

    with pytest.raises(ValidationError, match=r"without notice \(s16\)"):
        services.application_submit_for_authorisation(application=application, membership=people["officer"])


@pytest.mark.parametrize(
    ("date_of_birth", "blocked"),
    [
        (TODAY.replace(year=TODAY.year - 18) + timedelta(days=1), True),  # 18 tomorrow: under 18 today (s15(5))
        (TODAY.replace(year=TODAY.year - 18), False),  # 18 today
        (TODAY.replace(year=TODAY.year - 18) - timedelta(days=1), False),  # 18 yesterday
    ],
)
def test_a_complaint_cannot_be_laid_for_an_under_18_before_the_yot_replies(people, date_of_birth, blocked):
    application = an_application(people, state=State.AUTHORISED, date_of_birth=date_of_birth)
    Application.objects.filter(pk=application.pk).update(application_date=TODAY)

    if blocked:
        with pytest.raises(ValidationError, match="youth offending team must be consulted"):
            services.application_lay_complaint(application=application, membership=people["officer"])
    else:
        assert (
            services.application_lay_complaint(application=application, membership=people["officer"]).state
            == State.LAID
        )


def consult(application, people, yot):
    return services.consultation_send(
        application=application,
        yot=yot,
        membership=people["officer"],
        reply_due_on=TODAY + timedelta(days=10),
        reason_for_application="Two occasions",
        today=TODAY,
    )


def test_a_reply_from_the_yot_lets_the_complaint_be_laid(people):
    application = an_application(people, state=State.AUTHORISED, date_of_birth=under_18_on(TODAY))
    yot_worker = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)
    consultation = consult(application, people, yot_worker.organisation)
    services.consultation_reply(
        consultation=consultation, membership=yot_worker, views="Supports a mentoring requirement"
    )

    assert services.application_lay_complaint(application=application, membership=people["officer"]).state == State.LAID


@pytest.mark.parametrize(
    ("today", "allowed"), [(TODAY + timedelta(days=10), False), (TODAY + timedelta(days=11), True)]
)
def test_the_deadline_can_be_recorded_as_passed_only_after_it(people, today, allowed):
    application = an_application(people, state=State.AUTHORISED, date_of_birth=under_18_on(TODAY))
    consultation = consult(application, people, OrganisationFactory(yot=True))

    if allowed:
        services.consultation_record_deadline_passed(
            consultation=consultation, membership=people["officer"], today=today
        )
        assert (
            services.application_lay_complaint(application=application, membership=people["officer"]).state
            == State.LAID
        )
    else:
        with pytest.raises(ValidationError, match="wait until after"):
            services.consultation_record_deadline_passed(
                consultation=consultation, membership=people["officer"], today=today
            )


def test_without_notice_the_yot_is_needed_before_the_full_hearing_not_the_interim_one(people):
    application = an_application(
        people, route=Route.S14_WITHOUT_NOTICE, state=State.AUTHORISED, date_of_birth=under_18_on(TODAY)
    )
    laid = services.application_lay_complaint(application=application, membership=people["officer"])
    interim = services.application_record_interim_order(application=laid, membership=people["officer"])

    with pytest.raises(ValidationError, match="youth offending team"):
        services.application_grant(application=interim, membership=people["officer"])


def test_an_s19_submission_for_an_under_18_waits_for_the_yot(people):
    application = an_application(people, route=Route.S19, state=State.AUTHORISED, date_of_birth=under_18_on(TODAY))

    with pytest.raises(ValidationError, match="s20"):
        services.application_submit_to_cps(
            application=application, membership=people["officer"], cps_area=people["lawyer"].organisation
        )


def test_submitting_to_the_cps_is_logged_as_a_disclosure_to_the_area(people):
    application = an_application(people, route=Route.S19, state=State.AUTHORISED)

    services.application_submit_to_cps(
        application=application, membership=people["officer"], cps_area=people["lawyer"].organisation
    )

    disclosure = AuditEvent.objects.get(operation="disclose")
    assert (disclosure.recipient, disclosure.data_subject_id) == (
        people["lawyer"].organisation.name,
        application.case.subject_id,
    )


def test_only_the_consulted_yot_can_reply_and_only_once(people):
    application = an_application(people, state=State.AUTHORISED, date_of_birth=under_18_on(TODAY))
    consulted = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)
    other_yot = MembershipFactory(organisation__yot=True, role=Role.YOT_WORKER)
    consultation = consult(application, people, consulted.organisation)

    with pytest.raises(PermissionDenied):
        services.consultation_reply(consultation=consultation, membership=other_yot, views="x")
    services.consultation_reply(consultation=consultation, membership=consulted, views="Views")
    with pytest.raises(ValidationError, match="already replied"):
        services.consultation_reply(consultation=consultation, membership=consulted, views="Changed my mind")


# --- optimistic locking -----------------------------------------------------------------


def test_an_edit_from_a_stale_page_is_refused_and_changes_nothing(people):
    application = an_application(people)
    services.application_update(
        application=application,
        membership=people["officer"],
        expected_version=application.version,
        grounds_argument="First",
    )

    with pytest.raises(ValidationError, match="Someone else changed this application"):
        services.application_update(
            application=application,
            membership=people["officer"],
            expected_version=application.version,
            grounds_argument="Second",
        )
    assert Application.objects.get(pk=application.pk).grounds_argument == "First"


def test_an_application_cannot_be_edited_once_sent_for_authorisation(people):
    application = an_application(people, state=State.AWAITING_AUTHORISATION)

    with pytest.raises(ValidationError, match="cannot be changed"):
        services.application_update(
            application=application,
            membership=people["officer"],
            expected_version=application.version,
            grounds_argument="x",
        )


# --- visibility -------------------------------------------------------------------------


def test_each_organisation_sees_only_what_was_sent_to_it(force, people):
    s14 = an_application(people, state=State.AUTHORISED, date_of_birth=under_18_on(TODAY))
    s19 = an_application(people, route=Route.S19, state=State.SUBMITTED_TO_CPS)
    yot = OrganisationFactory(yot=True)
    consult(s14, people, yot)

    assert set(Application.objects.visible_to(force)) == {s14, s19}
    assert list(Application.objects.visible_to(people["lawyer"].organisation)) == [s19]
    assert list(Application.objects.visible_to(yot)) == [s14]
    assert list(Application.objects.visible_to(people["other_lawyer"].organisation)) == []
    assert list(Application.objects.visible_to(people["other_force_lead"].organisation)) == []


def test_available_transitions_follow_role_route_and_state():
    names = [t.name for t in available_transitions(route=Route.S19, state=State.SUBMITTED_TO_CPS, role=Role.CPS_LAWYER)]
    assert names == ["cps_return", "cps_accept", "cps_decline", "end_on_acquittal"]


def test_a_resubmission_to_the_cps_runs_the_same_checks(people):
    application = an_application(people, route=Route.S19, state=State.RETURNED_BY_CPS)
    Provision.objects.create(
        application=application, number=2, kind="requirement", wording="Attend mentoring", purposes=["protect_public"]
    )  # added on return, without a supervisor: s22

    with pytest.raises(ValidationError, match="s22"):
        services.application_resubmit_to_cps(application=application, membership=people["officer"])
    assert Application.objects.get(pk=application.pk).state == State.RETURNED_BY_CPS


# --- the demo ---------------------------------------------------------------------------


def test_the_demos_applications_with_the_cps_have_what_was_sent_recorded(people):
    seed_demo_applications(people=people, cps_area=people["lawyer"].organisation, today=TODAY)

    sent = Application.objects.filter(events__transition__in=review.SUBMITTING_TRANSITIONS).distinct()
    assert sent.exists()
    assert all(review.submission_round(a) == a.submissions.count() for a in sent)


def test_the_demo_can_be_seeded_on_29_february(people):
    made = seed_demo_applications(people=people, cps_area=people["lawyer"].organisation, today=date(2028, 2, 29))

    assert made == Application.objects.count() > 0
