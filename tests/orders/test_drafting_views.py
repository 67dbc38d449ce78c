"""The police drafting pages (orders/views/drafting_views.py): who may open each, starting an
application from a case, the details form with optimistic locking, provisions (and their
schedules), evidence and hearsay, check your answers and sending for authorisation, the
editable-states rule, audit of every page read, and the pages' query counts; on the
without-notice route what an interim order could impose (s17), and on the s19 route the
offence the application follows."""

from datetime import date

import pytest
from django.urls import reverse

from cases.services import case_share
from kcpo.access import POLICE_CASEWORK
from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders import services
from orders.models import Application, EvidenceItem, HearsayItem, Provision
from orders.workflow import Route, State
from tests.access import assert_access, login_as
from tests.factories import CaseFactory, MembershipFactory, OfferFactory, OrganisationFactory
from tests.orders.review_builders import make_conviction

TODAY = date(2026, 11, 22)


@pytest.fixture
def application(case, alice):
    return services.application_start(case=case, route=Route.S14_WITH_NOTICE, membership=alice, today=TODAY)


def add_provision(application, **changes) -> Provision:
    """A provision written directly, as the state a test starts from."""
    number = (application.provisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    fields = {
        "kind": "prohibition",
        "wording": "Not to enter the area marked on the attached map",
        "purposes": ["protect_public"],
        "rationale": "Both occasions were in this area",
        "evidence": "MG11 of PC Smith",
    }
    return Provision.objects.create(application=application, number=number, **{**fields, **changes})


def ready(application) -> Application:
    """Everything the transition's guards ask for."""
    Application.objects.filter(pk=application.pk).update(
        necessity_grounds=["protect_public"], grounds_argument="Two occasions near schools", proposed_duration_months=12
    )
    add_provision(application)
    return Application.objects.get(pk=application.pk)


def version_of(application) -> int:
    return Application.objects.get(pk=application.pk).version


def details(application, **changes) -> dict:
    data = {
        "version": version_of(application),
        "application_date_day": "1",
        "application_date_month": "12",
        "application_date_year": "2026",
        "necessity_grounds": ["protect_public", "prevent_offence"],
        "grounds_argument": "Two occasions with a knife near schools in six months.",
        "proposed_duration_months": "12",
    }
    return {**data, **changes}


def a_provision(application, **changes) -> dict:
    data = {
        "version": version_of(application),
        "kind": "prohibition",
        "category": "curfew",
        "wording": "To remain at 12 Acre Lane between 19:00 and 07:00",
        "purposes": ["protect_public"],
        "window_1_days": ["0", "1", "2", "3", "4"],
        "window_1_start": "19:00",
        "window_1_end": "07:00",
        "rationale": "Both occasions were after dark",
        "evidence": "MG11 of PC Smith",
        "blocks_attendance": "",
        "restricts_contact_with_adults": "False",
    }
    return {**data, **changes}


def errors_of(response) -> str:
    content = response.content.decode()
    assert "govuk-error-summary" in content
    return content


PAGES = ["edit", "provision_new", "evidence", "check"]


def url(name, application, *extra):
    return reverse(f"applications:{name}", args=[application.id, *extra])


# --- permissions ------------------------------------------------------------------------


def test_new_application_page_permissions(client, case, case_access):
    assert_access(
        client, reverse("applications:new", args=[case.id]), case_access.expectations(allowed=POLICE_CASEWORK)
    )


@pytest.mark.parametrize("name", PAGES)
def test_drafting_page_permissions(client, application, case_access, name):
    assert_access(client, url(name, application), case_access.expectations(allowed=POLICE_CASEWORK))


@pytest.mark.parametrize("name", ["provision_edit", "provision_delete"])
def test_provision_page_permissions(client, application, case_access, name):
    provision = add_provision(application)
    assert_access(client, url(name, application, provision.id), case_access.expectations(allowed=POLICE_CASEWORK))


@pytest.mark.parametrize("name", [*PAGES, "provision_edit", "provision_delete"])
def test_changes_are_refused_to_other_roles_and_organisations(client, application, case_access, name):
    provision = add_provision(application)
    page = url(name, application, *([provision.id] if name in {"provision_edit", "provision_delete"} else []))

    # An empty form: the allowed roles are shown its errors; nobody changes anything.
    expected = case_access.expectations(allowed=POLICE_CASEWORK)
    assert_access(client, page, expected, method="post", data={"action": "add_evidence"})
    assert (version_of(application), Provision.objects.count(), EvidenceItem.objects.count()) == (1, 1, 0)
    assert not AuditEvent.objects.filter(operation="alter").exists()


def test_starting_an_application_permissions(client, case, case_access):
    expected = case_access.expectations(allowed=POLICE_CASEWORK, ok=302)
    assert_access(client, reverse("applications:new", args=[case.id]), expected, method="post", data={"route": "s19"})
    assert Application.objects.filter(case=case).count() == len(POLICE_CASEWORK)


def test_a_shared_case_cannot_be_applied_on_by_the_recipient(client, case, alice):
    lawyer = MembershipFactory(organisation=OrganisationFactory(cps=True), role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")
    login_as(client, lawyer)

    assert client.get(reverse("cases:detail", args=[case.id])).status_code == 200
    assert client.get(reverse("applications:new", args=[case.id])).status_code == 403
    assert client.post(reverse("applications:new", args=[case.id]), {"route": "s19"}).status_code == 403
    assert not Application.objects.exists()


def test_a_provision_of_another_application_is_not_found(alice_client, application, case, alice):
    other = services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)
    foreign = add_provision(other)

    assert alice_client.get(url("provision_edit", application, foreign.id)).status_code == 404


# --- the case page ----------------------------------------------------------------------


def test_the_case_page_lists_applications_and_offers_to_start_one(alice_client, case, application):
    response = alice_client.get(reverse("cases:detail", args=[case.id]))

    content = response.content.decode()
    assert list(response.context["applications"]) == [application]
    assert reverse("applications:detail", args=[application.id]) in content
    assert reverse("applications:new", args=[case.id]) in content


def test_the_case_page_offers_no_application_to_a_recipient_of_the_case(client, case, alice, application):
    lawyer = MembershipFactory(organisation=OrganisationFactory(cps=True), role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")
    login_as(client, lawyer)

    response = client.get(reverse("cases:detail", args=[case.id]))

    assert response.context["can_start_application"] is False
    assert list(response.context["applications"]) == []  # not submitted to this CPS area
    assert reverse("applications:new", args=[case.id]) not in response.content.decode()


# --- starting ---------------------------------------------------------------------------


def test_the_new_application_page_shows_the_routes_and_the_s14_determination(alice_client, case):
    response = alice_client.get(reverse("applications:new", args=[case.id]))

    content = response.content.decode()
    assert "Can a KCPO be sought under section 14 today?" in content
    assert response.context["determination"].checks
    assert "Only where it is exceptional and urgent" in content  # the hint of the without-notice route
    assert 'aria-describedby="id_route_1-hint"' in content


def test_an_application_is_started_and_the_officer_taken_to_draft_it(alice_client, case, alice):
    response = alice_client.post(reverse("applications:new", args=[case.id]), {"route": "s14_without_notice"})

    application = Application.objects.get()
    assert response.url == url("edit", application)
    assert (application.case, application.owner, application.route, application.state, application.created_by) == (
        case,
        case.owner,
        "s14_without_notice",
        "draft",
        alice.user,
    )


def test_an_application_needs_a_route(alice_client, case):
    response = alice_client.post(reverse("applications:new", args=[case.id]), {})

    assert "Select the kind of application" in errors_of(response)
    assert 'href="#id_route_0"' in response.content.decode()
    assert not Application.objects.exists()


# --- the details ------------------------------------------------------------------------


def test_the_details_are_saved_with_a_new_version(alice_client, application):
    response = alice_client.post(url("edit", application), details(application))

    assert response.url == url("edit", application)
    saved = Application.objects.get(pk=application.pk)
    assert (saved.version, saved.application_date, saved.necessity_grounds, saved.proposed_duration_months) == (
        2,
        date(2026, 12, 1),
        ["protect_public", "prevent_offence"],
        12,
    )


def test_a_second_save_from_the_same_page_is_refused_and_changes_nothing(alice_client, application):
    opened = details(application)
    alice_client.post(url("edit", application), opened)

    response = alice_client.post(
        url("edit", application), {**opened, "grounds_argument": "Overwrite", "proposed_duration_months": "6"}
    )

    assert response.status_code == 200
    assert services.STALE in errors_of(response)
    saved = Application.objects.get(pk=application.pk)
    assert (saved.version, saved.grounds_argument, saved.proposed_duration_months) == (
        2,
        "Two occasions with a knife near schools in six months.",
        12,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"application_date_month": ""}, "The date of the application must include a month"),
        ({"proposed_duration_months": "a year"}, "Enter a whole number of months, like 12"),
        ({"proposed_duration_months": "0"}, "Enter a number of months from 1 to 120"),
        ({"necessity_grounds": ["be_safe"]}, "Select a valid choice"),
    ],
)
def test_bad_details_are_shown_and_change_nothing(alice_client, application, changes, message):
    response = alice_client.post(url("edit", application), details(application, **changes))

    assert message in errors_of(response)
    assert version_of(application) == 1


def test_without_notice_reasons_are_asked_only_on_the_without_notice_route(alice_client, case, alice, application):
    without = services.application_start(case=case, route=Route.S14_WITHOUT_NOTICE, membership=alice, today=TODAY)

    assert "without_notice_reasons" not in alice_client.get(url("edit", application)).context["form"].fields
    alice_client.post(url("edit", without), details(without, without_notice_reasons="Threat of retaliation tonight"))
    assert Application.objects.get(pk=without.pk).without_notice_reasons == "Threat of retaliation tonight"


def test_the_edit_page_shows_the_provisions_checks_and_determination(alice_client, application):
    add_provision(application, kind="requirement", wording="Attend mentoring weekly")

    response = alice_client.get(url("edit", application))

    content = response.content.decode()
    assert "R1: Requirement" in content and "Attend mentoring weekly" in content
    assert url("provision_edit", application, application.provisions.get().id) in content
    assert [c.section for c in response.context["checks"]][0] == "s21(1)"
    assert "R1 names no supervisor" in content and 'govuk-tag--red">Not met' in content
    assert response.context["determination"].check("S14_NECESSITY").status == "unknown"
    assert "on the date of the application?" in content


# --- provisions -------------------------------------------------------------------------


def test_a_provision_is_added_with_its_schedule(alice_client, application):
    response = alice_client.post(
        url("provision_new", application),
        a_provision(application, window_2_days=["5", "6"], window_2_start="21:00", window_2_end="7:00"),
    )

    assert response.url == url("edit", application) + "#provisions"
    provision = Provision.objects.get()
    assert (provision.label, provision.category, provision.restricts_contact_with_adults) == ("P1", "curfew", False)
    assert provision.schedule == [
        {"days": [0, 1, 2, 3, 4], "start": "19:00", "end": "07:00"},
        {"days": [5, 6], "start": "21:00", "end": "07:00"},
    ]
    assert version_of(application) == 2


def test_a_requirement_is_added_with_its_supervisor(alice_client, application):
    provider = OrganisationFactory(provider=True, name="Street Mentors")
    OfferFactory(provider=provider)  # in the catalogue, taking the supervisor’s duties

    alice_client.post(
        url("provision_new", application),
        a_provision(
            application,
            kind="requirement",
            category="youth_mentoring",
            wording="Attend mentoring with Street Mentors weekly",
            window_1_days=[],
            window_1_start="",
            window_1_end="",
            supervisor_organisation=provider.id,
            suitability_evidence="Letter from Street Mentors",
            blocks_attendance="False",
        ),
    )

    provision = Provision.objects.get()
    assert (provision.label, provision.supervisor, provision.schedule, provision.blocks_attendance) == (
        "R1",
        "Street Mentors",
        [],
        False,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": ""}, "Select whether it is a requirement or a prohibition"),
        ({"wording": " "}, "Enter the exact wording of the provision"),
        ({"purposes": []}, "Select at least one purpose the provision serves"),
        ({"window_1_start": "25:00"}, "Enter the start time of the first window as a 24-hour time, like 19:00"),
        ({"window_1_end": ""}, "Enter the end time of the first window"),
        ({"window_1_days": []}, "Select the days of the first window"),
        ({"window_2_start": "09:00"}, "Select the days of the second window"),
        ({"period_months": "six"}, "Enter a whole number of months, like 12"),
        ({"supervisor_name": "Sam", "supervisor_organisation": "999999"}, "Choose a provider organisation"),
    ],
)
def test_a_bad_provision_is_shown_and_nothing_is_changed(alice_client, application, changes, message):
    response = alice_client.post(url("provision_new", application), a_provision(application, **changes))

    assert message in errors_of(response)
    assert not Provision.objects.exists() and version_of(application) == 1


def test_a_supervisor_cannot_be_both_an_organisation_and_a_person(alice_client, application):
    provider = OrganisationFactory(provider=True)
    OfferFactory(provider=provider)

    response = alice_client.post(
        url("provision_new", application),
        a_provision(application, kind="requirement", supervisor_organisation=provider.id, supervisor_name="Sam"),
    )

    assert "Choose a provider organisation or enter a named individual, not both" in errors_of(response)
    assert not Provision.objects.exists()


def test_the_provision_form_shows_what_is_saved(alice_client, application):
    provision = add_provision(application, schedule=[{"days": [5, 6], "start": "22:00", "end": "06:00"}])

    form = alice_client.get(url("provision_edit", application, provision.id)).context["form"]

    assert (form["window_1_days"].value(), form["window_1_start"].value(), form["wording"].value()) == (
        ["5", "6"],
        "22:00",
        provision.wording,
    )


def test_the_provision_form_shows_and_keeps_its_yes_no_answers(alice_client, application):
    provision = add_provision(application, blocks_attendance=True, restricts_contact_with_adults=True)

    content = alice_client.get(url("provision_edit", application, provision.id)).content.decode()
    alice_client.post(
        url("provision_edit", application, provision.id),
        a_provision(application, blocks_attendance="", restricts_contact_with_adults="True", starts_after_months=""),
    )

    assert 'name="blocks_attendance" type="radio" value="True" checked' in content
    assert 'name="restricts_contact_with_adults" type="radio" value="True" checked' in content
    changed = Provision.objects.get()
    assert (changed.blocks_attendance, changed.restricts_contact_with_adults, changed.starts_after_months) == (
        None,
        True,
        0,
    )


def test_a_provision_is_changed(alice_client, application):
    provision = add_provision(application)

    response = alice_client.post(
        url("provision_edit", application, provision.id), a_provision(application, wording="Not to enter Acre Lane")
    )

    assert response.status_code == 302
    changed = Provision.objects.get()
    assert (changed.pk, changed.label, changed.wording) == (provision.pk, "P1", "Not to enter Acre Lane")


def test_changing_a_provision_from_a_stale_page_changes_nothing(alice_client, application):
    provision = add_provision(application)
    opened = a_provision(application, wording="First change")
    alice_client.post(url("provision_edit", application, provision.id), opened)

    response = alice_client.post(
        url("provision_edit", application, provision.id), {**opened, "wording": "Second change"}
    )

    assert services.STALE in errors_of(response)
    assert Provision.objects.get().wording == "First change"


def test_a_provision_is_removed_after_confirming(alice_client, application):
    provision = add_provision(application)

    confirm = alice_client.get(url("provision_delete", application, provision.id))
    response = alice_client.post(url("provision_delete", application, provision.id), {"version": 1})

    assert "Are you sure you want to remove P1?" in confirm.content.decode()
    assert response.url == url("edit", application) + "#provisions"
    assert not Provision.objects.exists()


def test_removing_a_provision_from_a_stale_page_changes_nothing(alice_client, application):
    provision = add_provision(application)

    response = alice_client.post(url("provision_delete", application, provision.id), {"version": 0})

    assert services.STALE in errors_of(response)
    assert Provision.objects.count() == 1


# --- evidence and hearsay ---------------------------------------------------------------


def test_evidence_is_added_and_removed(alice_client, application):
    response = alice_client.post(
        url("evidence", application),
        {
            "action": "add_evidence",
            "evidence-version": 1,
            "evidence-kind": "pnc_print",
            "evidence-description": "PNC court print",
            "evidence-reference": "",
        },
    )
    item = EvidenceItem.objects.get()
    removed = alice_client.post(
        url("evidence", application), {"action": "remove_evidence", "version": 2, "item": item.id}
    )

    assert response.url == url("evidence", application) + "#evidence"
    assert (item.kind, item.description) == ("pnc_print", "PNC court print")
    assert removed.url == url("evidence", application)
    assert not EvidenceItem.objects.exists() and version_of(application) == 3


def test_evidence_without_a_description_is_shown_and_not_added(alice_client, application):
    response = alice_client.post(
        url("evidence", application),
        {"action": "add_evidence", "evidence-version": 1, "evidence-kind": "map", "evidence-description": ""},
    )

    content = errors_of(response)
    assert "Describe the evidence" in content and 'href="#id_evidence-description"' in content
    assert not EvidenceItem.objects.exists()


def test_the_evidence_page_says_when_a_hearsay_notice_is_due(alice_client, application):
    content = alice_client.get(url("evidence", application)).content.decode()

    assert "the hearsay notice must be served at least 21 days before the hearing" in content  # S.I. 1999/681 r. 3(1)


def test_hearsay_is_added_and_removed(alice_client, application):
    alice_client.post(
        url("evidence", application),
        {
            "action": "add_hearsay",
            "hearsay-version": 1,
            "hearsay-maker": "Shop assistant",
            "hearsay-description": "Saw him with a knife",
            "hearsay-reason_not_called": "Fears reprisals",
        },
    )
    item = HearsayItem.objects.get()
    alice_client.post(url("evidence", application), {"action": "remove_hearsay", "version": 2, "item": item.id})

    assert (item.maker, item.reason_not_called) == ("Shop assistant", "Fears reprisals")
    assert not HearsayItem.objects.exists()


def test_hearsay_without_the_reason_the_maker_is_not_called_is_refused(alice_client, application):
    response = alice_client.post(
        url("evidence", application),
        {
            "action": "add_hearsay",
            "hearsay-version": 1,
            "hearsay-maker": "Shop assistant",
            "hearsay-description": "Saw him with a knife",
        },
    )

    assert "Enter why the maker will not be called as a witness" in errors_of(response)
    assert not HearsayItem.objects.exists()


def test_removing_what_someone_else_removed_says_so(alice_client, application):
    response = alice_client.post(url("evidence", application), {"action": "remove_evidence", "version": 1, "item": 999})

    assert services.STALE in errors_of(response)


# --- check your answers -----------------------------------------------------------------


def test_check_your_answers_shows_everything_with_change_links(alice_client, application):
    current = ready(application)
    EvidenceItem.objects.create(application=current, kind="lead_statement", description="MG11 of PC Smith")

    response = alice_client.get(url("check", current))

    content = response.content.decode()
    for text in ("Section 14, with notice", "22 November 2026", "To protect the public", "12 months", "MG11 of PC"):
        assert text in content
    assert url("edit", current) + "#id_proposed_duration_months" in content
    assert "Send for authorisation" in content


def test_a_failing_check_is_shown_and_the_application_is_not_sent(alice_client, application):
    current = ready(application)
    add_provision(current, kind="requirement", wording="Attend mentoring weekly")  # no supervisor: s22

    page = alice_client.get(url("check", current))
    response = alice_client.post(url("check", current), {"version": current.version})

    assert "R2 names no supervisor" in page.content.decode()
    assert "1 check is not met" in page.content.decode()
    content = errors_of(response)
    assert "s22: R2 names no supervisor." in content
    assert Application.objects.get(pk=current.pk).state == State.DRAFT


def test_a_ready_application_is_sent_for_authorisation(alice_client, application):
    current = ready(application)

    response = alice_client.post(url("check", current), {"version": current.version})

    assert response.url == reverse("applications:detail", args=[current.id])
    assert Application.objects.get(pk=current.pk).state == State.AWAITING_AUTHORISATION


def test_an_application_changed_since_it_was_checked_is_not_sent(alice_client, application):
    current = ready(application)

    response = alice_client.post(url("check", current), {"version": current.version - 1})

    assert services.STALE in errors_of(response)
    assert Application.objects.get(pk=current.pk).state == State.DRAFT


# --- without notice: what an interim order could impose at once (s17(4)-(5)) -----------------


@pytest.fixture
def without_notice(case, alice):
    """A without-notice application ready to send, except for its provisions."""
    application = services.application_start(case=case, route=Route.S14_WITHOUT_NOTICE, membership=alice, today=TODAY)
    Application.objects.filter(pk=application.pk).update(
        necessity_grounds=["protect_public"],
        grounds_argument="Two occasions near schools",
        proposed_duration_months=12,
        without_notice_reasons="Threat of retaliation tonight",
    )
    return Application.objects.get(pk=application.pk)


def a_requirement(application) -> Provision:
    """A requirement that passes every provision check."""
    return add_provision(
        application,
        kind="requirement",
        wording="Attend mentoring with Street Mentors weekly",
        supervisor_name="Sam Mentor, Street Mentors",
        suitability_evidence="Letter from Street Mentors",
    )


@pytest.mark.parametrize("name", ["edit", "check"])
def test_the_without_notice_pages_show_what_an_interim_order_could_impose(alice_client, without_notice, name):
    add_provision(without_notice)
    a_requirement(without_notice)

    response = alice_client.get(url(name, without_notice))

    content = response.content.decode()
    assert [(c.code, c.status) for c in response.context["interim_checks"]] == [("S17_INTERIM_CONTENT", "pass")]
    assert '<h3 class="govuk-heading-s">The interim order without notice (s17)</h3>' in content
    assert 'data-testid="interim-checks"' in content
    assert "s17(4)-(5)" in content
    assert "could impose P1. R2 is a requirement, which only the full hearing can order." in content


@pytest.mark.parametrize("name", ["edit", "check"])
def test_an_application_with_notice_has_no_interim_check(alice_client, application, name):
    add_provision(application)

    response = alice_client.get(url(name, application))

    assert response.context["interim_checks"] == ()
    assert "The interim order without notice (s17)" not in response.content.decode()
    assert 'data-testid="interim-checks"' not in response.content.decode()


def test_an_interim_order_warning_does_not_stop_sending_for_authorisation(alice_client, without_notice):
    a_requirement(without_notice)  # requirements only: an interim order could impose nothing
    current = Application.objects.get(pk=without_notice.pk)

    page = alice_client.get(url("check", current))
    response = alice_client.post(url("check", current), {"version": current.version})

    assert [(c.code, c.status) for c in page.context["interim_checks"]] == [("S17_INTERIM_CONTENT", "warning")]
    assert "could impose nothing: propose at least one prohibition" in page.content.decode()
    assert page.context["blocking"] == ()
    assert response.url == reverse("applications:detail", args=[current.id])
    assert Application.objects.get(pk=current.pk).state == State.AWAITING_AUTHORISATION


# --- s19: the offence the application follows -------------------------------------------


@pytest.fixture
def s19(case, alice):
    return services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)


def test_the_offence_is_asked_only_on_the_s19_route(alice_client, application, s19, case):
    make_conviction(case.subject)

    assert "conviction" not in alice_client.get(url("edit", application)).context["form"].fields
    assert "conviction" in alice_client.get(url("edit", s19)).context["form"].fields


def test_the_s19_form_lists_the_subjects_offences_with_their_verdicts(alice_client, s19, case):
    make_conviction(case.subject, offence="Assault occasioning actual bodily harm", convicted_on=date(2026, 4, 2))
    make_conviction(case.subject, offence_date=date(2026, 5, 1))
    make_conviction(CaseFactory(owner=case.owner).subject, offence="Someone else’s offence")

    response = alice_client.get(url("edit", s19))

    content = response.content.decode()
    assert "Which offence does this application follow?" in content
    assert [label for _value, label in response.context["form"].fields["conviction"].choices] == [
        "Possession of a bladed article in a public place, 1 May 2026, not yet convicted",
        "Assault occasioning actual bodily harm, 1 March 2026, convicted on 2 April 2026",
    ]
    assert "Someone else’s offence" not in content


def test_an_s19_application_names_the_offence_it_follows(alice_client, s19, case):
    conviction = make_conviction(case.subject)

    response = alice_client.post(url("edit", s19), details(s19, conviction=str(conviction.id)))

    assert response.url == url("edit", s19)
    saved = Application.objects.get(pk=s19.pk)
    assert (saved.conviction, saved.version) == (conviction, 2)
    assert f'value="{conviction.id}" checked' in alice_client.get(url("edit", s19)).content.decode()


def test_another_subjects_offence_is_refused_and_changes_nothing(alice_client, s19, case):
    make_conviction(case.subject)
    forged = make_conviction(CaseFactory(owner=case.owner).subject)

    response = alice_client.post(url("edit", s19), details(s19, conviction=str(forged.id)))

    assert "Select an offence recorded for this subject" in errors_of(response)
    saved = Application.objects.get(pk=s19.pk)
    assert (saved.conviction, saved.version) == (None, 1)


def test_without_an_offence_recorded_the_page_links_to_recording_one(alice_client, s19, case):
    response = alice_client.get(url("edit", s19))

    content = response.content.decode()
    assert "conviction" not in response.context["form"].fields
    assert 'data-testid="no-offence-recorded"' in content
    assert reverse("subjects:conviction_new", args=[case.subject_id]) in content
    # The details can still be saved meanwhile.
    assert alice_client.post(url("edit", s19), details(s19)).status_code == 302


def test_the_s19_determination_is_shown_once_the_offence_is_named(alice_client, s19, case):
    before = alice_client.get(url("edit", s19))
    Application.objects.filter(pk=s19.pk).update(conviction=make_conviction(case.subject))
    after = alice_client.get(url("edit", s19))

    assert before.context["determination"] is None
    assert 'data-testid="name-the-offence"' in before.content.decode()
    assert 'data-testid="eligibility-checks"' not in before.content.decode()
    content = after.content.decode()
    assert after.context["determination"].check("S19_RELEVANT_OFFENCE").status == "pass"
    assert "Eligibility under section 19" in content and "section 14" not in content
    assert 'data-testid="eligibility-checks"' in content and "s19(1)(b), (10)" in content


def test_check_your_answers_shows_the_offence_an_s19_application_follows(alice_client, s19, case, application):
    unnamed = alice_client.get(url("check", s19)).content.decode()
    Application.objects.filter(pk=s19.pk).update(conviction=make_conviction(case.subject))

    named = alice_client.get(url("check", s19)).content.decode()

    assert "Offence it follows (s19)" in unnamed and "Not named" in unnamed
    assert "Possession of a bladed article in a public place, 1 March 2026, not yet convicted" in named
    assert "Offence it follows (s19)" not in alice_client.get(url("check", application)).content.decode()


def test_an_s19_application_is_sent_only_once_it_names_the_offence(alice_client, s19, case):
    current = ready(s19)

    refused = alice_client.post(url("check", current), {"version": current.version})
    Application.objects.filter(pk=s19.pk).update(conviction=make_conviction(case.subject))
    sent = alice_client.post(url("check", current), {"version": current.version})

    assert "Name the offence this application follows (s19)." in errors_of(refused)
    assert sent.url == reverse("applications:detail", args=[current.id])
    assert Application.objects.get(pk=s19.pk).state == State.AWAITING_AUTHORISATION


# --- states that cannot be edited -------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_a_page_of_an_application_that_cannot_be_changed_goes_to_its_page(alice_client, application, name):
    Application.objects.filter(pk=application.pk).update(state=State.AWAITING_AUTHORISATION)

    response = alice_client.get(url(name, application), follow=False)

    assert response.url == reverse("applications:detail", args=[application.id])
    assert not AuditEvent.objects.filter(operation="consult").exists()


def test_changes_to_an_application_that_cannot_be_changed_are_refused(alice_client, application):
    provision = add_provision(application)
    Application.objects.filter(pk=application.pk).update(state=State.AUTHORISED)

    responses = [
        alice_client.post(url("edit", application), details(application)),
        alice_client.post(url("provision_new", application), a_provision(application)),
        alice_client.post(url("provision_delete", application, provision.id), {"version": 1}),
        alice_client.post(url("evidence", application), {"action": "remove_evidence", "version": 1, "item": 1}),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert Provision.objects.count() == 1 and version_of(application) == 1


def test_a_returned_application_can_be_changed_again(alice_client, application):
    Application.objects.filter(pk=application.pk).update(state=State.RETURNED_BY_AUTHORISER)

    response = alice_client.post(url("provision_new", application), a_provision(application))

    assert response.status_code == 302 and Provision.objects.count() == 1


def test_a_cps_return_is_resubmitted_from_the_application_page(alice_client, application):
    Application.objects.filter(pk=application.pk).update(state=State.RETURNED_BY_CPS, route=Route.S19)

    response = alice_client.get(url("check", application))

    assert response.context["can_send"] is False
    assert 'data-testid="resubmit-note"' in response.content.decode()


# --- audit and queries ------------------------------------------------------------------


@pytest.mark.parametrize("name", [*PAGES, "provision_edit", "provision_delete", "new"])
def test_each_page_read_is_logged_once_against_the_subject(alice_client, alice, application, case, name):
    provision = add_provision(application)
    if name == "new":
        page = reverse("applications:new", args=[case.id])
    else:
        page = url(
            name, application, *([provision.id] if name.startswith("provision_") and name != "provision_new" else [])
        )

    alice_client.get(page)

    event = AuditEvent.objects.get(operation="consult")
    assert (event.user_id, event.data_subject_id) == (alice.user_id, case.subject_id)
    assert event.object_type == ("cases.case" if name == "new" else "orders.application")


@pytest.mark.parametrize("name", ["edit", "check", "evidence"])
def test_the_page_query_count_does_not_grow_with_the_content(
    alice_client, application, django_assert_max_num_queries, name
):
    provider = OrganisationFactory(provider=True)

    def add(n, kind):
        for _ in range(n):
            add_provision(application, kind=kind, supervisor_organisation=provider if kind == "requirement" else None)
            EvidenceItem.objects.create(application=application, kind="statement", description="Statement")
            HearsayItem.objects.create(application=application, maker="A", description="B", reason_not_called="C")

    add(1, "requirement")
    add(1, "prohibition")
    with django_assert_max_num_queries(40) as small:
        alice_client.get(url(name, application))
    add(10, "requirement")
    add(10, "prohibition")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = alice_client.get(url(name, application))
    assert (len(response.context["evidence_items"]), len(response.context["hearsay_items"])) == (22, 22)
