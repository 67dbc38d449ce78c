"""The sweep (kcpo.reminders.sweeps): ending orders at the end of their fixed period (s23(3)),
running every finder, and creating each reminder exactly once however often, however
concurrently, and after however many crashes it runs. The finders themselves are tested in
test_sweeps_orders.py and test_sweeps_hearings.py."""

import threading
from datetime import date, timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from kcpo.accounts.models import Role
from kcpo.reminders import sweeps
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import Due, finder, registered_finders, sweep
from orders.lifecycle import ORDER_EXPIRED_REASON, orders_end_expired
from orders.models import Order
from tests.documents.builders import HEARING_DAY, make_order
from tests.factories import MembershipFactory

K = ReminderKind
# An 18-month order made (and in effect) on Monday 14 December 2026: its last day is
# 13 June 2028 (s23(3)).
LAST_DAY = date(2028, 6, 13)


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


def made_order(officer, *, months=18, name=("Jordan", "Ellis")) -> Order:
    """A full order made at a hearing on HEARING_DAY (tests/documents/builders.make_order)."""
    application = make_order(officer, duration_months=months)
    application.case.subject.__class__.objects.filter(pk=application.case.subject_id).update(
        given_names=name[0], family_name=name[1]
    )
    return Order.objects.select_related("subject").get(application=application)


def keys(kind=None) -> list[tuple[str, int, date]]:
    found = Reminder.objects.order_by("kind", "object_id", "due_on")
    if kind is not None:
        found = found.filter(kind=kind)
    return list(found.values_list("kind", "object_id", "due_on"))


# --- orders ending at the end of their fixed period (s23(3)) -----------------------------------


def test_an_order_is_still_in_effect_on_its_last_day_s23_3(officer):
    order = made_order(officer)

    assert orders_end_expired(LAST_DAY) == 0

    order.refresh_from_db()
    assert (order.ended_on, order.end_reason) == (None, "")


def test_an_order_ends_the_day_after_its_last_day_s23_3(officer):
    order = made_order(officer)

    assert orders_end_expired(LAST_DAY + timedelta(days=1)) == 1

    order.refresh_from_db()
    assert (order.ended_on, order.end_reason) == (LAST_DAY + timedelta(days=1), ORDER_EXPIRED_REASON)


def test_ending_expired_orders_twice_changes_nothing(officer):
    order = made_order(officer)
    orders_end_expired(LAST_DAY + timedelta(days=1))
    order.refresh_from_db()
    updated_at = order.updated_at

    assert orders_end_expired(LAST_DAY + timedelta(days=30)) == 0

    order.refresh_from_db()
    assert (order.ended_on, order.updated_at) == (LAST_DAY + timedelta(days=1), updated_at)


def test_an_order_that_ended_otherwise_keeps_its_own_end(officer):
    order = made_order(officer)
    Order.objects.filter(pk=order.pk).update(ended_on=date(2027, 5, 1), end_reason="Replaced by a new order")

    assert orders_end_expired(LAST_DAY + timedelta(days=1)) == 0

    order.refresh_from_db()
    assert (order.ended_on, order.end_reason) == (date(2027, 5, 1), "Replaced by a new order")


def test_an_interim_order_has_no_fixed_period_to_end_s23_4(officer):
    application = make_order(officer, outcome="interim_order", route="s14_with_interim", duration_months=None)
    interim = application.orders.get()

    assert orders_end_expired(date(2035, 1, 1)) == 0

    interim.refresh_from_db()
    assert interim.ended_on is None


# --- the registry --------------------------------------------------------------------------------


def test_every_kind_has_a_finder():
    assert set(registered_finders()) == set(K.values)


def test_a_finder_cannot_be_registered_without_a_lead_time(monkeypatch):
    monkeypatch.delitem(sweeps.LEAD_TIMES, K.REPRESENTATIONS_DUE)
    with pytest.raises(ImproperlyConfigured, match="lead time"):
        finder(K.REPRESENTATIONS_DUE)


def test_a_kind_cannot_have_two_finders():
    with pytest.raises(ImproperlyConfigured, match="Two finders"):
        finder(K.TURNS_18)(lambda today: [])


# --- the sweep -----------------------------------------------------------------------------------


def test_a_sweep_creates_what_is_due_and_counts_it(officer):
    order = made_order(officer)

    # The day after the last day to notify (s24(2)) and the PNC target (3 days).
    result = sweep(date(2026, 12, 17))

    assert keys() == [
        (K.NOTIFICATION_OVERDUE, order.id, date(2026, 12, 17)),
        (K.PNC_OVERDUE, order.id, date(2026, 12, 17)),
    ]
    assert (result.created, result.present, result.failed) == (
        {K.NOTIFICATION_OVERDUE: 1, K.PNC_OVERDUE: 1},
        dict.fromkeys(registered_finders(), 0),
        [],
    )


def test_a_second_sweep_creates_nothing(officer):
    made_order(officer)
    first = sweep(date(2026, 12, 17))
    before = keys()

    second = sweep(date(2026, 12, 17))

    assert keys() == before
    assert sum(second.created.values()) == 0
    assert {kind: n for kind, n in second.present.items() if n} == dict(first.created)


def test_a_sweep_completes_the_work_of_one_that_died_part_way(officer, monkeypatch):
    # One reminder per INSERT, and the first run "died" after its first batch: only that
    # reminder exists. The next run creates the rest and nothing twice.
    monkeypatch.setattr(sweeps, "BATCH_SIZE", 1)
    orders = [made_order(officer) for _ in range(3)]
    sweep(date(2026, 12, 17))
    Reminder.objects.exclude(kind=K.PNC_OVERDUE, object_id=orders[0].id).delete()

    result = sweep(date(2026, 12, 17))

    assert len(keys(K.PNC_OVERDUE)) == 3
    assert (result.created[K.PNC_OVERDUE], result.present[K.PNC_OVERDUE]) == (2, 1)
    assert (result.created[K.NOTIFICATION_OVERDUE], result.present[K.NOTIFICATION_OVERDUE]) == (3, 0)


def test_a_finder_that_fails_does_not_stop_the_others(officer, monkeypatch):
    made_order(officer)

    def broken(today):
        raise ValueError("a bad row")

    monkeypatch.setitem(sweeps._FINDERS, K.REVIEW_HEARING, broken)

    result = sweep(date(2026, 12, 17))

    assert result.failed == [K.REVIEW_HEARING]
    assert K.REVIEW_HEARING not in result.present
    assert result.created == {K.NOTIFICATION_OVERDUE: 1, K.PNC_OVERDUE: 1}


@pytest.mark.parametrize("error", [OperationalError("the database went away"), SoftTimeLimitExceeded()])
def test_a_database_error_or_the_time_limit_stops_the_sweep(officer, monkeypatch, error):
    """So that the task retries (database) or stops in time (soft limit), not carry on regardless."""
    made_order(officer)

    def stopped(today):
        raise error

    monkeypatch.setitem(sweeps._FINDERS, K.REVIEW_HEARING, stopped)

    with pytest.raises(type(error)):
        sweep(date(2026, 12, 17))


def test_a_finder_yielding_another_kind_is_a_failure(officer, monkeypatch):
    made_order(officer)
    wrong = Due(1, 1, K.TURNS_18, date(2026, 12, 1), officer.organisation_id, None, None, "x", "/")
    monkeypatch.setitem(sweeps._FINDERS, K.REVIEW_HEARING, lambda today: [wrong])

    result = sweep(date(2026, 12, 17))

    assert result.failed == [K.REVIEW_HEARING]
    assert keys(K.TURNS_18) == []


def test_an_unregistered_kind_is_simply_not_swept(officer, monkeypatch):
    made_order(officer)
    registered_finders()
    monkeypatch.delitem(sweeps._FINDERS, K.REPRESENTATIONS_DUE)

    result = sweep(date(2026, 12, 17))

    assert K.REPRESENTATIONS_DUE not in result.present
    assert keys(K.REPRESENTATIONS_DUE) == []


def test_a_reminder_is_for_the_application_creator_when_the_case_has_no_lead(officer):
    order = made_order(officer)

    sweep(date(2026, 12, 17))

    assert set(Reminder.objects.values_list("assignee_id", "organisation_id", "subject_id")) == {
        (officer.user_id, officer.organisation_id, order.subject_id)
    }


def test_a_reminder_is_for_the_case_lead_officer(officer, alice):
    order = made_order(officer)
    order.application.case.__class__.objects.filter(pk=order.application.case_id).update(lead_officer=alice.user)

    sweep(date(2026, 12, 17))

    assert set(Reminder.objects.values_list("assignee_id", flat=True)) == {alice.user_id}


def test_a_reminder_for_someone_who_left_the_force_goes_to_the_team(officer):
    made_order(officer)
    officer.__class__.objects.filter(pk=officer.pk).update(is_active=False)

    sweep(date(2026, 12, 17))

    assert set(Reminder.objects.values_list("assignee_id", flat=True)) == {None}


def test_a_sweep_reads_in_as_many_queries_for_three_orders_as_for_one(officer):
    """The finders run over every order in the country: no query per row."""
    made_order(officer)
    day = date(2027, 11, 1)  # review hearing, notification and PNC all due
    sweep(day)  # content types cached, reminders present
    with CaptureQueriesContext(connection) as one:
        sweep(day)
    made_order(officer)
    made_order(officer)
    sweep(day)

    with CaptureQueriesContext(connection) as three:
        sweep(day)

    assert len(keys(K.REVIEW_HEARING)) == 3
    assert len(three) == len(one)


# Committed data, so that each thread's own connection sees it. (No serialized_rollback: after
# another transactional test's flush it would re-insert content types that already exist. Tests
# that need a data migration's rows make them, as the browser tests' flushes require anyway.)
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_create_each_reminder_once(force):
    officer = MembershipFactory(organisation=force, role=Role.POLICE_OFFICER)
    for _ in range(5):
        made_order(officer)
    results, errors = [], []
    start = threading.Barrier(4)

    def run():
        try:
            start.wait()
            results.append(sweep(date(2026, 12, 17)))
        except Exception as exc:  # noqa: BLE001 - any error in a thread is surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Reminder.objects.count() == 10  # 5 orders × (notification, PNC)
    assert sum(sum(r.created.values()) for r in results) == 10
    assert sum(sum(r.present.values()) for r in results) == 30


def test_the_command_sweeps_and_prints_the_counts(officer, capsys):
    from django.core.management import call_command

    made_order(officer)

    call_command("sweep_reminders", "--today", "2026-12-17")

    out = capsys.readouterr().out
    assert "Sweep for 2026-12-17" in out
    assert "Notification overdue (s24, s25): 1 created, 0 already there" in out
    assert len(keys()) == 2


def test_the_command_refuses_a_date_it_cannot_read():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("sweep_reminders", "--today", "17/12/2026")


def test_the_hearing_day_of_the_builders_is_a_monday():
    # The dates above are worked out from it.
    assert (HEARING_DAY, HEARING_DAY.weekday()) == (date(2026, 12, 14), 0)
