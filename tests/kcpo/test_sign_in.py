import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture
def sign_in(client):
    def post(email, password):
        return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR="10.0.0.1")

    return post


def test_the_sign_in_page_is_public(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Sign in to Knife Crime Prevention Orders" in response.content.decode()


def test_pages_need_sign_in(client, db):
    response = client.get(reverse("accounts:home"))
    assert (response.status_code, response.url) == (302, "/sign-in/?next=/")


def test_it_signs_in_by_email_whatever_its_case(client, sign_in, alice):
    response = sign_in(alice.user.email.upper(), PASSWORD)

    assert (response.status_code, response.url) == (302, "/")
    assert client.get(reverse("accounts:home")).context["membership"] == alice


def test_a_wrong_password_shows_the_error_summary_and_signs_nobody_in(client, sign_in, alice):
    response = sign_in(alice.user.email, "wrong")

    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body
    assert "_auth_user_id" not in client.session


def test_an_empty_form_says_what_to_enter(sign_in, db):
    body = sign_in("", "").content.decode()
    assert "Enter your email address" in body
    assert "Enter your password" in body


def test_it_locks_the_account_out_after_five_failures(sign_in, alice):
    for _ in range(5):
        sign_in(alice.user.email, "wrong")

    response = sign_in(alice.user.email, PASSWORD)

    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()


def test_sign_out_needs_a_post_and_ends_the_session(alice_client):
    assert alice_client.get(reverse("accounts:logout")).status_code == 405

    response = alice_client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert alice_client.get(reverse("accounts:home")).status_code == 302


def test_signed_in_pages_are_not_cached(alice_client):
    response = alice_client.get(reverse("accounts:home"))
    assert "no-store" in response["Cache-Control"]


def test_pages_carry_a_content_security_policy(client, db):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
