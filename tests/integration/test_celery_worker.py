"""The reminder sweep on a real Celery worker and a real Redis (tests/integration/conftest.py):
a sweep run twice creates each reminder once; a worker killed mid-sweep and started again
leaves each reminder created once; with Redis down the web app keeps working, and the first
sweep after Redis returns creates what was missed.

Each test makes orders (tests/reminders/test_sweeps.made_order) whose notification (s24(2))
and PNC target fall due on DAY, so that a sweep of DAY makes two reminders per order. The
worker sees them because the test commits them (transactional_db)."""

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import psycopg
import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerError

from cases.imports import _written_key
from cases.models import ImportStatus, OccasionImport
from documents.models import BundleJob
from kcpo.accounts.models import Role
from kcpo.reminders.models import Reminder, ReminderKind
from kcpo.reminders.sweeps import sweep
from kcpo.reminders.tasks import sweep_task
from orders.models import Order
from orders.workflow import State
from tests.factories import PASSWORD, MembershipFactory
from tests.integration.conftest import VISIBILITY_TIMEOUT, wait_until, worker_environment
from tests.orders.review_builders import make_application
from tests.reminders.test_sweeps import made_order

# Committed rows, so that the worker's own connection sees them; the data migrations' rows
# are put back afterwards (as in tests/reminders/test_sweeps.py).
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

K = ReminderKind
DAY = date(2026, 12, 17)  # the day after the last day to notify (s24(2)), and the PNC target
# kombu's Redis transport keeps each delivered, unacknowledged message in the hash "unacked"
# and its delivery time in the sorted set "unacked_index"; the queue itself is the list "celery".
UNACKED, UNACKED_INDEX, QUEUE = "unacked", "unacked_index", "celery"


@pytest.fixture
def officer(force):
    return MembershipFactory(organisation=force, role=Role.POLICE_OFFICER, user__full_name="Olu Officer")


def due_on_day(orders, kinds=(K.NOTIFICATION_OVERDUE, K.PNC_OVERDUE)) -> list[tuple[str, int, date]]:
    """The reminders a sweep of DAY makes for `orders`, each once."""
    return sorted((kind, order.id, DAY) for order in orders for kind in kinds)


def reminders() -> list[tuple[str, int, date]]:
    """Every reminder by its key, duplicates included."""
    return sorted(Reminder.objects.values_list("kind", "object_id", "due_on"))


def succeeded(result) -> str:
    return f"Task kcpo.reminders.tasks.sweep_task[{result.id}] succeeded"


def counts(log: str, kind: ReminderKind) -> list[str]:
    """What each sweep in a worker's log said it did about `kind`, in order."""
    return re.findall(rf"Sweep {DAY}: {re.escape(kind.label)}: (\d+ created, \d+ already there)", log)


def test_the_workers_settings_pass_the_system_check(private_redis):
    """The short limits the workers run with are consistent (kcpo.celery.reliability_problems),
    so the tests exercise a configuration that could be deployed."""
    env = worker_environment(database_url="postgres://postgres@127.0.0.1:5432/unused", redis_url=private_redis.url)

    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert check.returncode == 0, check.stdout + check.stderr


# --- run twice --------------------------------------------------------------------------------------


def test_a_sweep_run_twice_creates_each_reminder_once(officer, workers):
    orders = [made_order(officer) for _ in range(3)]
    worker = workers.start()

    first, second = sweep_task.delay(today=DAY.isoformat()), sweep_task.delay(today=DAY.isoformat())
    worker.wait_for_log(succeeded(second))

    assert succeeded(first) in worker.log()
    assert reminders() == due_on_day(orders)
    # One worker process runs them one after the other: the second finds everything there.
    assert counts(worker.log(), K.NOTIFICATION_OVERDUE) == ["3 created, 0 already there", "0 created, 3 already there"]
    assert counts(worker.log(), K.PNC_OVERDUE) == ["3 created, 0 already there", "0 created, 3 already there"]


# --- killed mid-sweep -------------------------------------------------------------------------------


@contextmanager
def reminder_being_inserted(kind: str, order) -> Iterator[None]:
    """Insert the reminder of `kind` about `order` from a connection of our own, and commit
    nothing: a sweep's INSERT … ON CONFLICT DO NOTHING that reaches the same key waits to see
    whether ours commits (PostgreSQL locks the key), for as long as we like."""
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"], host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"]
    ) as other:
        other.execute(
            """INSERT INTO reminders_reminder
                   (kind, content_type_id, object_id, due_on, organisation_id, title, link, created_at, updated_at)
               VALUES (%s, %s, %s, %s, %s, '', '', now(), now())""",
            [kind, ContentType.objects.get_for_model(Order).id, order.id, DAY, order.owner_id],
        )
        try:
            yield
        finally:
            other.rollback()


def insert_waiting_for_the_lock() -> int | None:
    """The server process of a sweep's INSERT that waits for our uncommitted row, if any."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT pid FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'
                 AND query LIKE 'INSERT INTO "reminders_reminder"%%'"""
        )
        row = cursor.fetchone()
    return row[0] if row else None


def server_process_gone(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is None


def age_deliveries(redis_server) -> None:
    """Make every unacknowledged delivery look older than the visibility timeout, as if we had
    waited it out (it cannot be made shorter than 91 s, tests/integration/conftest.py). The
    worker started next then gives the message back to the queue itself, with kombu's own
    code, when it first looks for abandoned deliveries (at start-up)."""
    client = redis_server.client()
    tags = client.zrange(UNACKED_INDEX, 0, -1)
    client.zadd(UNACKED_INDEX, dict.fromkeys(tags, time.time() - VISIBILITY_TIMEOUT - 1), xx=True)


def test_a_worker_killed_mid_sweep_and_restarted_leaves_each_reminder_once(officer, workers, redis_broker):
    orders = [made_order(officer) for _ in range(3)]
    broker = redis_broker.client()
    worker = workers.start()

    with reminder_being_inserted(K.PNC_OVERDUE, orders[-1]):
        result = sweep_task.delay(today=DAY.isoformat())
        # The sweep is provably part way: it has made the overdue notifications (one INSERT,
        # committed) and its INSERT of the PNC reminders waits for ours; the broker holds its
        # message as delivered, not acknowledged.
        waiting = wait_until(
            insert_waiting_for_the_lock,
            timeout=30,
            message=lambda: f"The sweep never reached its insert of the PNC reminders:\n{worker.tail()}",
        )
        assert reminders() == due_on_day(orders, kinds=[K.NOTIFICATION_OVERDUE])
        assert (broker.llen(QUEUE), broker.hlen(UNACKED)) == (0, 1)
        worker.kill()  # SIGKILL to the main process and its pool child at once
    # Ours rolled back. The dead worker's INSERT then runs, in the transaction Django opened for
    # it (bulk_create), which no one is left to commit: PostgreSQL rolls it back. (Had the pool
    # child survived, it would have committed the PNC reminders here.)
    wait_until(
        lambda: server_process_gone(waiting), timeout=30, message=lambda: f"Server process {waiting} still there"
    )

    assert reminders() == due_on_day(orders, kinds=[K.NOTIFICATION_OVERDUE])
    assert (broker.llen(QUEUE), broker.hlen(UNACKED)) == (0, 1)  # neither acknowledged nor redelivered

    age_deliveries(redis_broker)
    restarted = workers.start()
    restarted.wait_for_log(succeeded(result))  # the same task, delivered again

    assert reminders() == due_on_day(orders)
    assert counts(restarted.log(), K.NOTIFICATION_OVERDUE) == ["0 created, 3 already there"]
    assert counts(restarted.log(), K.PNC_OVERDUE) == ["3 created, 0 already there"]


# --- Redis down -------------------------------------------------------------------------------------


def test_with_redis_down_the_web_app_works_and_the_next_sweep_makes_what_was_missed(
    officer, alice, client, workers, redis_broker
):
    before = [made_order(officer) for _ in range(2)]
    sweep(DAY)  # the last sweep before Redis went down
    redis_broker.stop()

    signed_in = client.post(reverse("accounts:login"), {"username": alice.user.email, "password": PASSWORD})
    pages = {url: client.get(url).status_code for url in ["/", "/tasks/", f"/orders/{before[0].id}/"]}
    health = client.get("/healthz")
    upload = client.post(reverse("imports:list"), {"file": SimpleUploadedFile("occasions.csv", b"subject_id\n")})
    # Beat's next run cannot queue the sweep; meanwhile another order is made and falls due.
    with pytest.raises(BrokerError):
        sweep_task.delay(today=DAY.isoformat())
    during = made_order(officer)

    assert (signed_in.status_code, signed_in["Location"]) == (302, "/")
    assert pages == dict.fromkeys(pages, 200)
    assert (health.status_code, health.json()["checks"]) == (503, {"database": "ok", "redis": "unavailable"})
    assert upload.status_code == 302
    assert client.get(upload["Location"]).status_code == 200
    assert reminders() == due_on_day(before)

    redis_broker.start()
    worker = workers.start()
    result = sweep_task.delay(today=DAY.isoformat())
    worker.wait_for_log(succeeded(result))

    assert reminders() == due_on_day([*before, during])
    assert counts(worker.log(), K.NOTIFICATION_OVERDUE) == ["1 created, 2 already there"]
    assert counts(worker.log(), K.PNC_OVERDUE) == ["1 created, 2 already there"]


def test_an_import_uploaded_while_redis_is_down_fails_at_once(alice, client, redis_broker):
    """Its task cannot be queued, so nothing would ever run it (cases.imports._run_queue)."""
    client.force_login(alice.user)
    redis_broker.stop()

    response = client.post(reverse("imports:list"), {"file": SimpleUploadedFile("occasions.csv", b"subject_id\n")})

    occasion_import = OccasionImport.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/occasion-imports/{occasion_import.id}/")
    assert (occasion_import.status, occasion_import.content) == (ImportStatus.FAILED, "")
    assert "Upload the file again" in client.get(response["Location"]).content.decode()


def test_a_bundle_asked_for_while_redis_is_down_fails_at_once(officer, client, redis_broker):
    """Its render cannot be queued, so nothing would ever run it (documents.bundles._render_queue)."""
    application = make_application(officer, state=State.AUTHORISED)
    client.force_login(officer.user)
    redis_broker.stop()

    response = client.post(reverse("documents:bundle_request", args=[application.id]))

    job = BundleJob.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("documents:bundle", args=[job.id]))
    assert job.status == BundleJob.Status.FAILED
    assert client.get(response["Location"]).status_code == 200


def test_the_progress_of_an_import_being_written_shows_while_redis_is_down(alice, client, redis_broker):
    """While writing, the count of rows written is kept in the cache, in Redis
    (cases.imports.occasion_import_processed_rows); without it the page shows the job's own."""
    occasion_import = OccasionImport.objects.create(
        owner=alice.organisation,
        created_by=alice.user,
        filename="occasions.csv",
        status=ImportStatus.IMPORTING,
        total_rows=2,
        processed_rows=0,
    )
    cache.set(_written_key(occasion_import.id), 1)
    client.force_login(alice.user)
    url = reverse("imports:detail", args=[occasion_import.id])
    assert client.get(url).context["processed_rows"] == 1  # from Redis
    redis_broker.stop()

    response = client.get(url)

    assert (response.status_code, response.context["processed_rows"]) == (200, 0)
