"""The email per new reminder: once, to an active assignee, naming no one, with an absolute link."""

from datetime import date, datetime
from smtplib import SMTPException
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kcpo.reminders.emails import reminder_email_send
from kcpo.reminders.models import Reminder
from tests.factories import CaseFactory, MembershipFactory, ReminderFactory

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def settings_for_email(settings):
    settings.SITE_URL = "https://kcpo.example.gov.uk/"
    settings.DEFAULT_FROM_EMAIL = "kcpo-service@example.gov.uk"


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def reminder(force, alice):
    case = CaseFactory(owner=force, subject__given_names="Jordan", subject__family_name="Ellis")
    return ReminderFactory(
        organisation=force,
        target=case,
        assignee=alice.user,
        kind=Reminder.Kind.NOTIFICATION_OVERDUE,
        # A title as a sweep might write it, with the subject's name: it must not reach the email.
        title="Record Jordan Ellis's s24 notification",
        link=f"/cases/{case.id}/",
        due_on=date(2027, 3, 4),
    )


def test_it_sends_one_email_to_the_assignee(reminder, alice, mailoutbox):
    assert reminder_email_send(reminder_id=reminder.id) is True

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert (email.subject, email.from_email, email.to) == (
        "KCPO task: Notification overdue (s24, s25)",
        "kcpo-service@example.gov.uk",
        [alice.user.email],
    )


def test_the_body_says_what_is_due_and_when_and_gives_the_absolute_link(reminder, mailoutbox):
    reminder_email_send(reminder_id=reminder.id)

    body = mailoutbox[0].body
    assert "Task: Notification overdue (s24, s25)\nDue: 4 March 2027\n" in body
    assert f"\nhttps://kcpo.example.gov.uk/cases/{reminder.object_id}/\n" in body
    assert "Your tasks: https://kcpo.example.gov.uk/tasks/\n" in body


def test_the_email_names_no_one(reminder, mailoutbox):
    reminder_email_send(reminder_id=reminder.id)

    email = mailoutbox[0]
    for text in (email.subject, email.body):
        assert "Jordan" not in text
        assert "Ellis" not in text
        assert reminder.title not in text


def test_it_records_when_it_emailed(reminder, mailoutbox):
    reminder_email_send(reminder_id=reminder.id)

    reminder.refresh_from_db()
    assert reminder.emailed_at == NOW


def test_a_second_call_sends_nothing(reminder, mailoutbox):
    reminder_email_send(reminder_id=reminder.id)

    assert reminder_email_send(reminder_id=reminder.id) is False
    assert len(mailoutbox) == 1


def test_a_done_reminder_is_not_emailed(reminder, alice, mailoutbox):
    Reminder.objects.filter(pk=reminder.pk).update(done_at=NOW, done_by=alice.user)

    assert reminder_email_send(reminder_id=reminder.id) is False
    assert mailoutbox == []
    reminder.refresh_from_db()
    assert reminder.emailed_at is None


def test_an_unassigned_reminder_is_not_emailed(force, mailoutbox):
    reminder = ReminderFactory(organisation=force, assignee=None)

    assert reminder_email_send(reminder_id=reminder.id) is False
    assert mailoutbox == []


def test_an_inactive_assignee_is_not_emailed(reminder, alice, mailoutbox):
    alice.user.is_active = False
    alice.user.save(update_fields=["is_active"])

    assert reminder_email_send(reminder_id=reminder.id) is False
    assert mailoutbox == []


def test_an_assignee_without_an_email_address_is_not_emailed(reminder, alice, mailoutbox):
    type(alice.user).objects.filter(pk=alice.user_id).update(email="")

    assert reminder_email_send(reminder_id=reminder.id) is False
    assert mailoutbox == []


def test_an_assignee_who_has_left_the_organisation_is_not_emailed(reminder, alice, mailoutbox):
    MembershipFactory(user=alice.user)  # still active elsewhere
    alice.is_active = False
    alice.save(update_fields=["is_active"])

    assert reminder_email_send(reminder_id=reminder.id) is False
    assert mailoutbox == []


def test_a_missing_reminder_sends_nothing(db, mailoutbox):
    assert reminder_email_send(reminder_id=987654) is False
    assert mailoutbox == []


def test_a_failure_to_send_leaves_it_to_be_sent_on_a_retry(reminder, mailoutbox):
    with (
        mock.patch("kcpo.reminders.emails.send_mail", side_effect=SMTPException("relay down")),
        pytest.raises(SMTPException),
    ):
        reminder_email_send(reminder_id=reminder.id)

    reminder.refresh_from_db()
    assert reminder.emailed_at is None
    assert reminder_email_send(reminder_id=reminder.id) is True
    assert len(mailoutbox) == 1
