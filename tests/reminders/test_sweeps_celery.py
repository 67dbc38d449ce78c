"""Celery's reliability settings (kcpo/celery.py, the Celery section of kcpo/settings/base.py),
the sweep's task and schedule, and queueing the emails only after commit. The real-worker tests
(a worker killed mid-sweep, Redis down) are elsewhere."""

import importlib
import re
from datetime import date

import pytest
from django.conf import settings
from django.db import OperationalError, transaction
from django_celery_beat.models import PeriodicTask

from kcpo.accounts.models import Role
from kcpo.celery import IDEMPOTENT_TASKS, app, check_task_reliability, reliability_problems
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.tasks import SweepIncomplete, reminder_email_task, reminder_emails_queue, sweep_task
from tests.factories import MembershipFactory
from tests.reminders.test_sweeps import made_order

OUR_APPS = ("cases.", "documents.", "eligibility.", "orders.", "breaches.", "kcpo.")


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


def registered() -> dict:
    app.autodiscover_tasks(force=True)
    return dict(app.tasks)


def hard_limit(task) -> float:
    return task.time_limit if task.time_limit is not None else app.conf.task_time_limit


# --- settings -----------------------------------------------------------------------------------


def test_the_visibility_timeout_is_above_every_tasks_hard_time_limit():
    """Otherwise Redis hands a late-acknowledged task still running to a second worker."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    limits = {name: hard_limit(task) for name, task in registered().items()}

    assert None not in limits.values()
    assert {name: limit for name, limit in limits.items() if limit >= visibility} == {}


def test_every_soft_limit_is_below_its_hard_limit():
    for name, task in registered().items():
        soft = task.soft_time_limit if task.soft_time_limit is not None else app.conf.task_soft_time_limit
        assert soft < hard_limit(task), name


def test_only_the_tasks_documented_idempotent_are_acknowledged_late():
    tasks = registered()

    assert {name for name, task in tasks.items() if task.acks_late} == IDEMPOTENT_TASKS
    assert {name for name, task in tasks.items() if task.reject_on_worker_lost} == IDEMPOTENT_TASKS


def test_every_one_of_our_tasks_is_in_the_idempotent_list_with_a_reason():
    """Today every task of ours is safe to run twice; its docstring says why."""
    ours = {name: task for name, task in registered().items() if name.startswith(OUR_APPS)}

    assert set(ours) == IDEMPOTENT_TASKS
    assert {name for name, task in ours.items() if not re.search(r"[Ii]dempotent|twice", task.__doc__ or "")} == set()


def test_nothing_is_acknowledged_late_by_default():
    assert not hasattr(settings, "CELERY_TASK_ACKS_LATE")
    assert app.conf.task_acks_late is False


def test_a_worker_reserves_one_message_at_a_time():
    assert (settings.CELERY_WORKER_PREFETCH_MULTIPLIER, app.conf.worker_prefetch_multiplier) == (1, 1)


def test_the_system_check_passes():
    assert reliability_problems() == []
    assert check_task_reliability() == []


def test_the_system_check_catches_a_visibility_timeout_too_short(monkeypatch):
    monkeypatch.setitem(app.conf, "broker_transport_options", {"visibility_timeout": 100})

    problems = reliability_problems()

    assert (
        "kcpo.reminders.tasks.sweep_task: its hard time limit (720 s) is not below the visibility timeout (100 s)."
        in (problems)
    )
    assert [message.id for message in check_task_reliability()] == ["kcpo.E001"] * len(problems)


def test_the_system_check_catches_a_task_acknowledged_late_without_being_listed(monkeypatch):
    monkeypatch.setattr(app.tasks["celery.backend_cleanup"], "acks_late", True)

    assert reliability_problems() == [
        "celery.backend_cleanup should not set acks_late=True and reject_on_worker_lost=True (IDEMPOTENT_TASKS)."
    ]


# --- the sweep's task and schedule ------------------------------------------------------------------


def test_the_sweep_task_retries_with_backoff_when_the_database_goes_away():
    assert OperationalError in sweep_task.autoretry_for
    assert (bool(sweep_task.retry_backoff), sweep_task.retry_jitter, sweep_task.max_retries) == (True, True, 5)
    assert sweep_task.retry_backoff_max < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


@pytest.mark.django_db
def test_beat_runs_the_sweep_every_15_minutes():
    """kcpo/reminders/migrations/0002_sweep_schedule.py. Its step is run again here, on the
    current models: an earlier transactional test may have flushed the row it made. It is an
    update_or_create by name, so running it twice leaves one task."""
    from django.apps import apps

    importlib.import_module("kcpo.reminders.migrations.0002_sweep_schedule").schedule(apps, None)
    importlib.import_module("kcpo.reminders.migrations.0002_sweep_schedule").schedule(apps, None)
    periodic = PeriodicTask.objects.select_related("interval").get(name="Sweep for reminders")

    assert periodic.task in registered()
    assert (periodic.task, periodic.enabled, periodic.interval.every, periodic.interval.period) == (
        "kcpo.reminders.tasks.sweep_task",
        True,
        15,
        "minutes",
    )
    assert periodic.expire_seconds == 15 * 60


def test_the_sweep_task_sweeps_the_day_it_is_given(officer):
    order = made_order(officer)

    sweep_task(today="2026-12-17")

    assert set(Reminder.objects.values_list("kind", "object_id")) == {
        (ReminderKind.NOTIFICATION_OVERDUE, order.id),
        (ReminderKind.PNC_OVERDUE, order.id),
    }


def test_the_sweep_task_sweeps_today_by_default(officer):
    import time_machine

    made_order(officer)

    with time_machine.travel(date(2026, 12, 17), tick=False):
        sweep_task()

    assert set(Reminder.objects.values_list("due_on", flat=True)) == {date(2026, 12, 17)}


def test_a_redelivered_sweep_task_creates_nothing_more(officer):
    made_order(officer)
    sweep_task(today="2026-12-17")
    before = list(Reminder.objects.order_by("id").values_list("id", "kind", "object_id", "due_on"))

    sweep_task(today="2026-12-17")

    assert list(Reminder.objects.order_by("id").values_list("id", "kind", "object_id", "due_on")) == before


def test_the_sweep_task_fails_visibly_when_a_finder_fails_but_keeps_the_rest(officer, monkeypatch):
    from kcpo.reminders import sweeps

    made_order(officer)
    monkeypatch.setitem(sweeps._FINDERS, ReminderKind.PNC_OVERDUE, lambda today: 1 / 0)

    with pytest.raises(SweepIncomplete, match="pnc_overdue"):
        sweep_task(today="2026-12-17")

    assert list(Reminder.objects.values_list("kind", flat=True)) == [ReminderKind.NOTIFICATION_OVERDUE]


# --- emails queued after commit ----------------------------------------------------------------------


def test_the_sweep_task_queues_an_email_per_new_reminder_after_commit(officer, django_capture_on_commit_callbacks):
    made_order(officer)

    with django_capture_on_commit_callbacks() as callbacks:
        sweep_task(today="2026-12-17")

    reminder_ids = set(Reminder.objects.values_list("id", flat=True))
    assert len(reminder_ids) == 2
    assert [callback.func for callback in callbacks] == [reminder_email_task.delay] * 2
    assert {callback.keywords["reminder_id"] for callback in callbacks} == reminder_ids


def test_a_rolled_back_transaction_queues_no_email(officer, django_capture_on_commit_callbacks):
    made_order(officer)
    sweep_task(today="2026-12-17")  # outside the capture: its callbacks are not ours to count

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        assert reminder_emails_queue() == 2
        raise RuntimeError("rolled back")

    assert callbacks == []


def test_the_emails_go_once_even_when_queued_by_two_sweeps(officer, django_capture_on_commit_callbacks, mailoutbox):
    made_order(officer)

    with django_capture_on_commit_callbacks(execute=True):
        sweep_task(today="2026-12-17")
    with django_capture_on_commit_callbacks(execute=True) as second:
        sweep_task(today="2026-12-17")

    assert len(mailoutbox) == 2
    assert [email.to for email in mailoutbox] == [[officer.user.email]] * 2
    assert second == []  # both emailed: nothing left to queue
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()


def test_a_reminder_for_no_one_or_done_is_not_emailed(officer, django_capture_on_commit_callbacks):
    made_order(officer)
    sweep_task(today="2026-12-17")
    first, second = Reminder.objects.order_by("id")
    Reminder.objects.filter(pk=first.pk).update(assignee=None)
    Reminder.objects.filter(pk=second.pk).update(done_at=second.created_at)

    with django_capture_on_commit_callbacks() as callbacks:
        queued = reminder_emails_queue()

    assert (queued, callbacks) == (0, [])
