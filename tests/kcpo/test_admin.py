import pytest
from django.urls import reverse

from kcpo.accounts.models import Role, User
from tests.access import login_as
from tests.factories import MembershipFactory


@pytest.fixture
def administrator(force):
    return MembershipFactory(organisation=force, role=Role.ADMINISTRATOR, user__is_staff=True)


def test_an_administrator_sees_only_the_people_of_their_organisation(client, administrator, alice, charlie):
    login_as(client, administrator)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
    assert set(response.context["cl"].queryset) == {administrator.user, alice.user}


def test_an_administrator_cannot_open_another_organisations_user(client, administrator, charlie):
    login_as(client, administrator)

    response = client.get(reverse("admin:accounts_user_change", args=[charlie.user_id]))

    assert response.status_code == 302  # the admin's "does not exist" redirect to its index
    assert response.url == reverse("admin:index")


def test_a_staff_user_in_another_role_is_refused(client, force):
    lead = MembershipFactory(organisation=force, role=Role.KCPO_LEAD, user__is_staff=True)
    login_as(client, lead)

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_a_non_staff_user_is_sent_to_the_admin_sign_in(alice_client):
    response = alice_client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert "/django-admin/login/" in response.url


def test_an_administrator_cannot_make_a_superuser(client, administrator, alice):
    login_as(client, administrator)
    url = reverse("admin:accounts_user_change", args=[alice.user_id])
    form = client.get(url).context["adminform"].form

    client.post(
        url,
        {
            "email": alice.user.email,
            "full_name": alice.user.full_name,
            "is_active": "on",
            "is_superuser": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert "is_superuser" not in form.fields
    assert User.objects.get(pk=alice.user_id).is_superuser is False


def test_an_administrator_cannot_create_organisations(client, administrator):
    login_as(client, administrator)
    assert client.get(reverse("admin:accounts_organisation_add")).status_code == 403


def test_the_audit_log_cannot_be_edited_through_the_admin(client, administrator):
    login_as(client, administrator)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403
