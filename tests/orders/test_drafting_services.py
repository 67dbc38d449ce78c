"""orders.drafting: provisions, evidence and hearsay written under the application's lock,
with optimistic locking (a stale version changes nothing), the editable-states rule, the
actor check, numbering, validation and one audit row per change; and sending the checked
draft for authorisation."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from orders import drafting, services
from orders.models import Application, EvidenceItem, HearsayItem, Provision
from orders.workflow import Route, State
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory
from tests.orders.review_builders import make_conviction

TODAY = date(2026, 11, 22)


@pytest.fixture
def application(case, alice):
    return services.application_start(case=case, route=Route.S14_WITH_NOTICE, membership=alice, today=TODAY)


def prohibition(**changes) -> dict:
    fields = {
        "kind": "prohibition",
        "wording": "Not to enter the area marked on the attached map",
        "purposes": ["protect_public"],
        "schedule": [],
    }
    return {**fields, **changes}


def save(application, membership, **fields):
    current = Application.objects.get(pk=application.pk)
    return drafting.provision_save(
        application=current, membership=membership, expected_version=current.version, **fields
    )


def alterations(application) -> list[dict]:
    return list(
        AuditEvent.objects.filter(operation="alter", object_id=str(application.id))
        .order_by("id")
        .values_list("details", flat=True)
    )


# --- provisions -------------------------------------------------------------------------


def test_provisions_are_numbered_in_turn_across_kinds(application, alice):
    first = save(application, alice, **prohibition())
    second = save(application, alice, **prohibition(kind="requirement", wording="Attend mentoring weekly"))

    assert [(first.number, first.label), (second.number, second.label)] == [(1, "P1"), (2, "R2")]
    assert Application.objects.get(pk=application.pk).version == 3


def test_adding_a_provision_is_audited_against_the_subject(application, alice, case):
    save(application, alice, **prohibition())

    event = AuditEvent.objects.get(operation="alter")
    assert (event.object_type, event.object_id, event.data_subject_id, event.user_id) == (
        "orders.application",
        str(application.id),
        case.subject_id,
        alice.user_id,
    )
    assert event.details == {"provision": "P1", "action": "added"}


def test_changing_a_provision_keeps_its_number(application, alice):
    provision = save(application, alice, **prohibition())

    changed = save(application, alice, provision=provision, **prohibition(wording="Not to enter Acre Lane"))

    assert (changed.pk, changed.number, changed.wording) == (provision.pk, 1, "Not to enter Acre Lane")
    assert alterations(application)[-1] == {"provision": "P1", "action": "changed"}


def test_a_stale_version_changes_nothing(application, alice):
    with pytest.raises(ValidationError) as error:
        drafting.provision_save(
            application=application, membership=alice, expected_version=application.version - 1, **prohibition()
        )

    assert error.value.messages == [services.STALE]
    assert not Provision.objects.exists() and not alterations(application)
    assert Application.objects.get(pk=application.pk).version == application.version


def test_two_saves_from_the_same_page_cannot_both_win(application, alice):
    provision = save(application, alice, **prohibition())
    page_version = Application.objects.get(pk=application.pk).version
    drafting.provision_save(
        application=application,
        membership=alice,
        expected_version=page_version,
        provision=provision,
        **prohibition(wording="First"),
    )

    with pytest.raises(ValidationError, match="Someone else changed this application"):
        drafting.provision_save(
            application=application,
            membership=alice,
            expected_version=page_version,
            provision=provision,
            **prohibition(wording="Second"),
        )
    assert Provision.objects.get().wording == "First"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"wording": "  "}, "wording"),
        ({"purposes": []}, "purposes"),
        ({"kind": "suggestion"}, "kind"),
    ],
)
def test_what_cannot_be_a_provision_is_refused(application, alice, changes, field):
    with pytest.raises(ValidationError) as error:
        save(application, alice, **prohibition(**changes))

    assert list(error.value.message_dict) == [field]
    assert not Provision.objects.exists() and Application.objects.get(pk=application.pk).version == 1


def test_a_supervisor_is_an_organisation_or_an_individual_not_both(application, alice):
    provider = OrganisationFactory(provider=True)

    with pytest.raises(ValidationError) as error:
        save(
            application,
            alice,
            **prohibition(kind="requirement", supervisor_organisation=provider, supervisor_name="Sam Mentor"),
        )

    assert error.value.message_dict == {
        "supervisor_name": ["Choose a provider organisation or enter a named individual, not both"]
    }


def test_only_a_provider_can_supervise(application, alice):
    yot = OrganisationFactory(yot=True)

    with pytest.raises(ValidationError) as error:
        save(application, alice, **prohibition(kind="requirement", supervisor_organisation=yot))

    assert "supervisor_organisation" in error.value.message_dict


def test_a_prohibition_has_no_supervisor(application, alice):
    provider = OrganisationFactory(provider=True)

    saved = save(
        application,
        alice,
        **prohibition(supervisor_organisation=provider, suitability_evidence="Letter from the provider"),
    )

    assert (saved.supervisor_organisation, saved.supervisor_name, saved.suitability_evidence) == (None, "", "")


def test_a_requirement_keeps_its_supervisor(application, alice):
    provider = OrganisationFactory(provider=True)

    saved = save(
        application,
        alice,
        **prohibition(kind="requirement", supervisor_organisation=provider, suitability_evidence="Letter"),
    )

    assert (saved.supervisor, saved.suitability_evidence) == (provider.name, "Letter")


def test_the_schedule_is_stored_in_the_checks_form(application, alice):
    saved = save(application, alice, **prohibition(schedule=[{"days": [4, 0, 0], "start": "7:00", "end": "19.30"}]))

    assert saved.schedule == [{"days": [0, 4], "start": "07:00", "end": "19:30"}]


@pytest.mark.parametrize(
    "schedule",
    [
        [{"days": [0], "start": "25:00", "end": "07:00"}],
        [{"days": [], "start": "19:00", "end": "07:00"}],
        [{"days": [7], "start": "19:00", "end": "07:00"}],
        [{"days": [0], "start": "19:00"}],
        [{"days": [0], "start": None, "end": "07:00"}],
        [{"days": [0], "start": "19:00", "end": 700}],
        "Mon-Fri",
    ],
)
def test_a_schedule_the_checks_could_not_read_is_refused(application, alice, schedule):
    with pytest.raises(ValidationError) as error:
        save(application, alice, **prohibition(schedule=schedule))

    assert list(error.value.message_dict) == ["schedule"]
    assert not Provision.objects.exists()


@pytest.mark.parametrize(
    ("text", "clock"), [("19:00", "19:00"), ("7:05", "07:05"), ("07.30", "07:30"), (" 23:59 ", "23:59")]
)
def test_clock_times_are_read_as_24_hour_times(text, clock):
    assert drafting.clock_parse(text) == clock


@pytest.mark.parametrize("text", ["25:00", "24:00", "19:60", "7pm", "", "1900", None, 1900])
def test_what_is_not_a_24_hour_time_is_refused(text):
    with pytest.raises(ValueError):
        drafting.clock_parse(text)


def test_unknown_fields_are_a_programming_error(application, alice):
    with pytest.raises(TypeError, match="number"):
        save(application, alice, **prohibition(number=9))


def test_a_provision_is_removed_and_the_others_keep_their_numbers(application, alice):
    first = save(application, alice, **prohibition())
    second = save(application, alice, **prohibition(wording="Not to contact Jay Smith"))
    version = Application.objects.get(pk=application.pk).version

    drafting.provision_delete(application=application, membership=alice, expected_version=version, provision=first)

    assert list(Provision.objects.values_list("number", flat=True)) == [second.number]
    assert alterations(application)[-1] == {"provision": "P1", "action": "removed"}
    assert save(application, alice, **prohibition()).number == 3


def test_a_provision_of_another_application_cannot_be_changed_through_this_one(application, alice, case):
    other = services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)
    foreign = save(other, alice, **prohibition())

    with pytest.raises(PermissionDenied):
        save(application, alice, provision=foreign, **prohibition(wording="Changed"))
    with pytest.raises(PermissionDenied):
        drafting.provision_delete(application=application, membership=alice, expected_version=1, provision=foreign)
    assert Provision.objects.get().wording == prohibition()["wording"]


@pytest.mark.parametrize("state", [State.AWAITING_AUTHORISATION, State.AUTHORISED, State.GRANTED])
def test_nothing_can_be_drafted_outside_the_editable_states(application, alice, state):
    Application.objects.filter(pk=application.pk).update(state=state)

    with pytest.raises(ValidationError, match="cannot be changed while"):
        save(application, alice, **prohibition())
    assert not Provision.objects.exists()


@pytest.mark.parametrize("state", [State.RETURNED_BY_AUTHORISER, State.RETURNED_BY_CPS])
def test_a_returned_application_can_be_drafted_again(application, alice, state):
    Application.objects.filter(pk=application.pk).update(state=state)

    assert save(application, alice, **prohibition()).label == "P1"


@pytest.fixture
def outsiders(force):
    return {
        "administrator": MembershipFactory(organisation=force, role=Role.ADMINISTRATOR),
        "analyst": MembershipFactory(organisation=force, role=Role.ANALYST),
        "other_force": MembershipFactory(organisation__code="elsewhere", role=Role.KCPO_LEAD),
        "cps": MembershipFactory(organisation=OrganisationFactory(cps=True), role=Role.CPS_LAWYER),
    }


@pytest.mark.parametrize("who", ["administrator", "analyst", "other_force", "cps"])
def test_only_the_owning_forces_casework_roles_may_draft(application, outsiders, who):
    with pytest.raises(PermissionDenied):
        save(application, outsiders[who], **prohibition())
    assert not Provision.objects.exists()


# --- evidence and hearsay ---------------------------------------------------------------


def test_evidence_is_added_and_removed_with_a_new_version_each_time(application, alice):
    item = drafting.evidence_item_add(
        application=application,
        membership=alice,
        expected_version=1,
        kind="lead_statement",
        description=" MG11 of PC 1234 Smith ",
        reference="PS/1",
    )

    assert (item.kind, item.description, item.reference) == ("lead_statement", "MG11 of PC 1234 Smith", "PS/1")
    drafting.evidence_item_delete(application=application, membership=alice, expected_version=2, item=item)
    assert not EvidenceItem.objects.exists()
    assert Application.objects.get(pk=application.pk).version == 3
    assert [d["action"] for d in alterations(application)] == ["added", "removed"]


def test_evidence_needs_a_kind_and_a_description(application, alice):
    with pytest.raises(ValidationError) as error:
        drafting.evidence_item_add(
            application=application, membership=alice, expected_version=1, kind="rumour", description=" "
        )

    assert sorted(error.value.message_dict) == ["description", "kind"]
    assert not EvidenceItem.objects.exists()


def test_removing_evidence_from_a_stale_page_changes_nothing(application, alice):
    item = drafting.evidence_item_add(
        application=application, membership=alice, expected_version=1, kind="map", description="Map of the area"
    )

    with pytest.raises(ValidationError, match="Someone else changed"):
        drafting.evidence_item_delete(application=application, membership=alice, expected_version=1, item=item)
    assert EvidenceItem.objects.count() == 1


def test_hearsay_records_the_maker_and_why_they_will_not_be_called(application, alice):
    item = drafting.hearsay_item_add(
        application=application,
        membership=alice,
        expected_version=1,
        maker="Shop assistant",
        description="Saw him with a knife outside the shop",
        reason_not_called="Fears reprisals",
    )

    assert HearsayItem.objects.get() == item
    drafting.hearsay_item_delete(application=application, membership=alice, expected_version=2, item=item)
    assert not HearsayItem.objects.exists()


def test_hearsay_without_a_reason_for_not_calling_the_maker_is_refused(application, alice):
    with pytest.raises(ValidationError) as error:
        drafting.hearsay_item_add(
            application=application,
            membership=alice,
            expected_version=1,
            maker="Shop assistant",
            description="Saw a knife",
            reason_not_called="",
        )

    assert list(error.value.message_dict) == ["reason_not_called"]
    assert not HearsayItem.objects.exists()


def test_evidence_of_another_application_cannot_be_removed_through_this_one(application, alice, case):
    other = services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)
    item = drafting.evidence_item_add(
        application=other, membership=alice, expected_version=1, kind="map", description="Map"
    )

    with pytest.raises(PermissionDenied):
        drafting.evidence_item_delete(application=application, membership=alice, expected_version=1, item=item)
    assert EvidenceItem.objects.count() == 1
    assert Application.objects.get(pk=application.pk).version == 1


def test_hearsay_of_another_application_cannot_be_removed_through_this_one(application, alice, case):
    other = services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)
    item = drafting.hearsay_item_add(
        application=other, membership=alice, expected_version=1, maker="A", description="B", reason_not_called="C"
    )

    with pytest.raises(PermissionDenied):
        drafting.hearsay_item_delete(application=application, membership=alice, expected_version=1, item=item)
    assert HearsayItem.objects.count() == 1
    assert Application.objects.get(pk=application.pk).version == 1


# --- sending for authorisation ----------------------------------------------------------


def ready(application, alice) -> Application:
    Application.objects.filter(pk=application.pk).update(
        necessity_grounds=["protect_public"], grounds_argument="Two occasions near schools", proposed_duration_months=12
    )
    save(application, alice, **prohibition(rationale="Both occasions were there", evidence="MG11 of PC Smith"))
    return Application.objects.get(pk=application.pk)


def test_a_ready_draft_is_sent_for_authorisation(application, alice):
    current = ready(application, alice)

    sent = drafting.application_send_for_authorisation(
        application=current, membership=alice, expected_version=current.version
    )

    assert sent.state == State.AWAITING_AUTHORISATION


def test_a_draft_changed_since_it_was_checked_is_not_sent(application, alice):
    current = ready(application, alice)

    with pytest.raises(ValidationError, match="Someone else changed"):
        drafting.application_send_for_authorisation(
            application=current, membership=alice, expected_version=current.version - 1
        )
    assert Application.objects.get(pk=application.pk).state == State.DRAFT


def test_sending_twice_is_harmless(application, alice):
    current = ready(application, alice)
    drafting.application_send_for_authorisation(application=current, membership=alice, expected_version=current.version)

    again = drafting.application_send_for_authorisation(
        application=current, membership=alice, expected_version=current.version
    )

    assert again.state == State.AWAITING_AUTHORISATION
    assert again.events.count() == 1


def test_a_failing_check_stops_the_draft_being_sent(application, alice):
    current = ready(application, alice)
    save(current, alice, **prohibition(kind="requirement", wording="Attend mentoring"))  # no supervisor: s22
    current = Application.objects.get(pk=application.pk)

    with pytest.raises(ValidationError) as error:
        drafting.application_send_for_authorisation(
            application=current, membership=alice, expected_version=current.version
        )
    assert any(message.startswith("s22:") for message in error.value.messages)
    assert Application.objects.get(pk=application.pk).state == State.DRAFT


# --- the determination ------------------------------------------------------------------


def test_the_determination_follows_the_grounds_the_application_argues(application):
    before = drafting.application_determination(application=application)
    Application.objects.filter(pk=application.pk).update(necessity_grounds=["prevent_offence"])

    after = drafting.application_determination(application=Application.objects.get(pk=application.pk))

    assert (before.check("S14_NECESSITY").status, after.check("S14_NECESSITY").status) == ("unknown", "pass")


def test_an_s19_application_has_no_determination_until_it_names_an_offence(force, alice):
    case = CaseFactory(owner=force)
    application = services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)

    assert drafting.application_determination(application=application) is None


def test_an_s19_application_is_assessed_on_the_offence_it_names(force, alice):
    case = CaseFactory(owner=force)
    application = services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)
    Application.objects.filter(pk=application.pk).update(
        conviction=make_conviction(case.subject, convicted_on=date(2026, 11, 1)), necessity_grounds=["protect_public"]
    )

    determination = drafting.application_determination(application=Application.objects.get(pk=application.pk))

    assert [c.code for c in determination.checks][:4] == [
        "IN_FORCE",
        "S19_MIN_AGE",
        "S19_OFFENCE_AFTER_COMMENCEMENT",
        "S19_RELEVANT_OFFENCE",
    ]
    assert determination.check("S19_CONVICTED").explanation == "Convicted on 1 November 2026."
    assert (determination.check("S19_RELEVANT_OFFENCE").status, determination.check("S19_NECESSITY").status) == (
        "pass",
        "pass",
    )


# --- s19: the offence the application follows -------------------------------------------


@pytest.fixture
def s19(case, alice):
    return services.application_start(case=case, route=Route.S19, membership=alice, today=TODAY)


def name_offence(application, membership, conviction):
    current = Application.objects.get(pk=application.pk)
    return services.application_update(
        application=current, membership=membership, expected_version=current.version, conviction=conviction
    )


def test_an_s19_application_names_one_of_its_subjects_offences(s19, alice, case):
    conviction = make_conviction(case.subject)

    named = name_offence(s19, alice, conviction)

    assert (named.conviction, named.version) == (conviction, 2)
    assert alterations(s19) == [{"fields": ["conviction"]}]


@pytest.mark.parametrize(
    ("route", "whose", "message"),
    [
        pytest.param(Route.S19, "another subject", "Select an offence recorded for this subject", id="s19-1-other"),
        pytest.param(Route.S14_WITH_NOTICE, "the subject", "Only an application on conviction", id="s14-no-offence"),
    ],
)
def test_an_offence_that_cannot_be_followed_is_refused_and_changes_nothing(case, alice, route, whose, message):
    application = services.application_start(case=case, route=route, membership=alice, today=TODAY)
    subject = case.subject if whose == "the subject" else CaseFactory(owner=case.owner).subject

    with pytest.raises(ValidationError, match=message) as error:
        name_offence(application, alice, make_conviction(subject))

    assert list(error.value.error_dict) == ["conviction"]
    saved = Application.objects.get(pk=application.pk)
    assert (saved.conviction, saved.version) == (None, 1)


def ready_s19(application, alice, conviction=None) -> Application:
    ready(application, alice)
    Application.objects.filter(pk=application.pk).update(conviction=conviction)
    return Application.objects.get(pk=application.pk)


def test_an_s19_draft_is_not_sent_until_it_names_the_offence(s19, alice, case):
    current = ready_s19(s19, alice)

    with pytest.raises(ValidationError) as error:
        drafting.application_send_for_authorisation(
            application=current, membership=alice, expected_version=current.version
        )
    assert error.value.messages == ["Name the offence this application follows (s19)."]
    assert Application.objects.get(pk=s19.pk).state == State.DRAFT

    current = ready_s19(s19, alice, make_conviction(case.subject))
    sent = drafting.application_send_for_authorisation(
        application=current, membership=alice, expected_version=current.version
    )
    assert sent.state == State.AWAITING_AUTHORISATION


def test_an_s19_draft_naming_another_subjects_offence_is_not_sent(s19, alice, case):
    # Refused on the way in (application_update); the guard refuses it however it got there.
    current = ready_s19(s19, alice, make_conviction(CaseFactory(owner=case.owner).subject))

    with pytest.raises(ValidationError, match="not this subject’s"):
        drafting.application_send_for_authorisation(
            application=current, membership=alice, expected_version=current.version
        )
    assert Application.objects.get(pk=s19.pk).state == State.DRAFT


def test_an_s19_application_returned_by_the_cps_is_not_resubmitted_without_the_offence(s19, alice, case):
    current = ready_s19(s19, alice)
    Application.objects.filter(pk=current.pk).update(state=State.RETURNED_BY_CPS)

    with pytest.raises(ValidationError, match=r"Name the offence this application follows \(s19\)"):
        services.application_resubmit_to_cps(application=current, membership=alice)
    assert Application.objects.get(pk=s19.pk).state == State.RETURNED_BY_CPS
