import pytest
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from tests.access import login_as
from tests.factories import CaseFactory, MembershipFactory, OrganisationFactory


def home_as(client, membership):
    login_as(client, membership)
    return client.get(reverse("accounts:home"))


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.KCPO_LEAD, Role.AUTHORISING_OFFICER])
def test_police_see_their_forces_latest_cases(client, force, case, other_force, role):
    CaseFactory(owner=other_force)
    response = home_as(client, MembershipFactory(organisation=force, role=role))

    assert response.context["cases"] == [case]
    assert f"{Role(role).label} home" in response.content.decode()


def test_a_cps_lawyer_sees_the_cases_shared_with_the_area(client, alice, case):
    from cases.services import case_share

    lawyer = MembershipFactory(organisation__cps=True, role=Role.CPS_LAWYER)
    case_share(case=case, organisation=lawyer.organisation, by=alice.user, membership=alice, reason="s19")

    response = home_as(client, lawyer)

    assert response.context["cases"] == [case]
    assert f"Cases shared with {lawyer.organisation.name}" in response.content.decode()


def test_the_home_page_with_cases_writes_one_read_row(client, alice, case):
    home_as(client, alice)
    assert AuditEvent.objects.filter(operation="consult").count() == 1


def test_an_administrator_sees_organisations_and_no_cases(client, bob, case):
    response = home_as(client, bob)

    assert "cases" not in response.context
    assert case.subject.family_name not in response.content.decode()
    assert bob.organisation in list(response.context["organisations"])


def test_an_analyst_sees_counts_not_people(client, force, case):
    response = home_as(client, MembershipFactory(organisation=force, role=Role.ANALYST))

    assert list(response.context["cases_by_force"]) == [{"owner__name": force.name, "count": 1}]
    assert case.subject.family_name not in response.content.decode()


def test_a_supervisor_sees_their_organisation_and_memberships(client, db):
    supervisor = MembershipFactory(organisation__provider=True, role=Role.SUPERVISOR)

    body = home_as(client, supervisor).content.decode()

    assert "Requirements you supervise" in body
    assert supervisor.organisation.name in body


def test_a_user_without_membership_is_told_so(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "You are not a member of any organisation" in client.get(reverse("accounts:home")).content.decode()


def test_home_query_count_does_not_grow_with_cases(client, force, alice, django_assert_max_num_queries):
    CaseFactory.create_batch(2, owner=force)
    login_as(client, alice)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("accounts:home"))
    CaseFactory.create_batch(20, owner=force)
    MembershipFactory.create_batch(10, organisation=force, role=Role.POLICE_OFFICER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("accounts:home"))


def test_the_people_page_lists_only_the_own_organisation(alice_client, alice, bob, charlie):
    response = alice_client.get(reverse("accounts:people"))

    assert [m.user for m in response.context["page"]] == sorted([alice.user, bob.user], key=lambda u: u.full_name)


def test_a_user_with_two_memberships_can_change_organisation(client, alice):
    yot_membership = MembershipFactory(
        user=alice.user, organisation=OrganisationFactory(yot=True), role=Role.YOT_WORKER
    )
    client.force_login(alice.user)

    response = client.post(reverse("accounts:choose_organisation"), {"membership": yot_membership.id})

    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).context["membership"] == yot_membership


def test_a_user_cannot_choose_someone_elses_membership(client, alice, charlie):
    client.force_login(alice.user)

    response = client.post(reverse("accounts:choose_organisation"), {"membership": charlie.id})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert client.get(reverse("accounts:home")).context["membership"] == alice


def test_the_people_page_paginates_with_a_constant_query_count(alice_client, force, django_assert_max_num_queries):
    MembershipFactory.create_batch(3, organisation=force, role=Role.POLICE_OFFICER)
    with django_assert_max_num_queries(15) as few:
        alice_client.get(reverse("accounts:people"))
    MembershipFactory.create_batch(30, organisation=force, role=Role.POLICE_OFFICER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(reverse("accounts:people"))
    assert len(response.context["page"]) == 25
