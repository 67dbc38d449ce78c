"""Marking a reminder done and reopening it: the services (guarded, idempotent, audited) and
the POST actions on My tasks (CSRF, 404 elsewhere, back to the same tab with a banner)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from kcpo.accounts.models import Role
from kcpo.audit.models import AuditEvent
from kcpo.reminders.models import Reminder
from kcpo.reminders.services import reminder_mark_done, reminder_reopen
from tests.access import OrganisationAccess, assert_access, login_as
from tests.factories import MembershipFactory, ReminderFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=LONDON)
EARLIER = datetime(2027, 2, 27, 9, 0, tzinfo=LONDON)
ALL_ROLES = set(Role.values)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def reminder(force, alice):
    return ReminderFactory(organisation=force, assignee=alice.user, title="Prepare the review hearing")


@pytest.fixture
def done_reminder(force, alice):
    return ReminderFactory(organisation=force, assignee=alice.user, done_at=EARLIER, done_by=alice.user)


def state(reminder: Reminder):
    reminder.refresh_from_db()
    return reminder.done_at, reminder.done_by_id


# --- services ----------------------------------------------------------------------------


def test_marking_done_records_who_and_when(reminder, alice):
    reminder_mark_done(reminder=reminder, membership=alice, now=NOW)

    assert state(reminder) == (NOW, alice.user_id)


def test_marking_done_writes_one_audit_row(reminder, alice):
    reminder_mark_done(reminder=reminder, membership=alice, now=NOW)

    event = AuditEvent.objects.get()
    assert (event.user_id, event.operation, event.object_type, event.object_id, event.data_subject_id) == (
        alice.user_id,
        "alter",
        "reminders.reminder",
        str(reminder.id),
        reminder.subject_id,
    )
    assert event.details == {"change": "marked done", "kind": "review_hearing"}


def test_marking_done_twice_changes_nothing_the_second_time(done_reminder, force):
    colleague = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER)

    reminder_mark_done(reminder=done_reminder, membership=colleague, now=NOW)

    assert state(done_reminder) == (EARLIER, done_reminder.assignee_id)
    assert AuditEvent.objects.count() == 0


def test_a_colleague_in_the_same_organisation_can_mark_it_done(reminder, force):
    colleague = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER)

    reminder_mark_done(reminder=reminder, membership=colleague, now=NOW)

    assert state(reminder) == (NOW, colleague.user_id)


def test_another_organisation_cannot_mark_it_done(reminder, charlie):
    with pytest.raises(PermissionDenied):
        reminder_mark_done(reminder=reminder, membership=charlie, now=NOW)

    assert state(reminder) == (None, None)
    assert AuditEvent.objects.count() == 0


def test_reopening_clears_who_and_when_and_is_audited(done_reminder, alice):
    reminder_reopen(reminder=done_reminder, membership=alice)

    assert state(done_reminder) == (None, None)
    event = AuditEvent.objects.get()
    assert (event.operation, event.object_id, event.details["change"]) == ("alter", str(done_reminder.id), "reopened")


def test_reopening_an_open_reminder_changes_nothing(reminder, alice):
    reminder_reopen(reminder=reminder, membership=alice)

    assert state(reminder) == (None, None)
    assert AuditEvent.objects.count() == 0


def test_another_organisation_cannot_reopen_it(done_reminder, charlie):
    with pytest.raises(PermissionDenied):
        reminder_reopen(reminder=done_reminder, membership=charlie)

    assert state(done_reminder) == (EARLIER, done_reminder.assignee_id)


# --- the POST actions --------------------------------------------------------------------


def done_url(reminder):
    return reverse("reminders:mark_done", args=[reminder.id])


def reopen_url(reminder):
    return reverse("reminders:reopen", args=[reminder.id])


def test_mark_done_goes_back_to_the_same_tab_and_page_with_a_success_banner(alice_client, reminder):
    response = alice_client.post(done_url(reminder), {"whose": "team", "status": "overdue", "page": "3"}, follow=True)

    assert response.redirect_chain == [(f"{reverse('reminders:my_tasks')}?whose=team&status=overdue&page=3", 302)]
    body = response.content.decode()
    assert "govuk-notification-banner--success" in body
    assert "You marked “Prepare the review hearing” as done." in body
    assert state(reminder)[0] == NOW


def test_reopen_goes_back_to_the_done_tab_with_a_success_banner(alice_client, done_reminder):
    response = alice_client.post(
        reopen_url(done_reminder), {"whose": "mine", "status": "done", "page": "1"}, follow=True
    )

    assert response.redirect_chain == [(f"{reverse('reminders:my_tasks')}?whose=mine&status=done&page=1", 302)]
    assert f"You reopened “{done_reminder.title}”." in response.content.decode()
    assert state(done_reminder) == (None, None)


def test_the_way_back_is_built_from_known_values_only(alice_client, reminder):
    response = alice_client.post(
        done_url(reminder), {"whose": "https://evil.example/", "status": "//evil.example", "page": "1; drop"}
    )

    assert response.url == f"{reverse('reminders:my_tasks')}?whose=mine&status=due"


def test_mark_done_needs_a_post(alice_client, reminder):
    assert alice_client.get(done_url(reminder)).status_code == 405
    assert state(reminder) == (None, None)


def test_mark_done_needs_the_csrf_token(alice, reminder):
    client = Client(enforce_csrf_checks=True)
    login_as(client, alice)

    assert client.post(done_url(reminder)).status_code == 403
    assert state(reminder) == (None, None)


def test_anonymous_users_are_sent_to_sign_in(client, reminder):
    response = client.post(done_url(reminder))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert state(reminder) == (None, None)


def test_every_member_of_the_organisation_can_mark_done_and_everyone_else_gets_404(client, force, reminder):
    access = OrganisationAccess.around(force)

    assert_access(client, done_url(reminder), access.expectations(allowed=ALL_ROLES, ok=302), method="post")


def test_another_organisations_attempts_change_nothing(client, force, reminder):
    access = OrganisationAccess.around(force)

    assert_access(client, done_url(reminder), dict.fromkeys(access.others, 404), method="post")

    assert state(reminder) == (None, None)
    assert AuditEvent.objects.count() == 0


def test_every_member_of_the_organisation_can_reopen_and_everyone_else_gets_404(client, force, done_reminder):
    access = OrganisationAccess.around(force)

    assert_access(client, reopen_url(done_reminder), dict.fromkeys(access.others, 404), method="post")
    assert state(done_reminder) == (EARLIER, done_reminder.assignee_id)

    assert_access(client, reopen_url(done_reminder), access.expectations(allowed=ALL_ROLES, ok=302), method="post")


def test_an_unknown_reminder_is_404(alice_client, db):
    assert alice_client.post(reverse("reminders:mark_done", args=[987654])).status_code == 404
