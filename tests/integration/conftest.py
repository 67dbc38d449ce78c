"""Fixtures for the integration tests: a private Redis and real Celery workers.

`private_redis` is a redis-server of our own on a free port (never the shared one other test
runs use), which a test may stop and start again on the same port. `redis_broker` points this
process at it: Celery sends through it instead of running tasks eagerly, and the cache lives in
it. `workers` starts real `celery worker` processes on production settings (kcpo.settings.base)
against the pytest-django test database, so they see the rows a `transactional_db` test
commits, and kills every one of them at teardown.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import kombu.pools
import pytest
import redis
from django.conf import settings
from django.db import connection

from kcpo.celery import app as celery_app

# Production settings with limits short enough for a test, and consistent: every hard limit is
# below the visibility timeout and every soft limit below its hard one, so kcpo.celery's system
# check passes (test_celery_worker checks it). The visibility timeout cannot go below 91 s:
# reminder_email_task has a fixed 90 s hard limit. The redelivery test does not wait it out;
# it ages the dead worker's delivery in Redis instead (test_celery_worker.age_deliveries).
VISIBILITY_TIMEOUT = 120
WORKER_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "kcpo.settings.base",
    "SECRET_KEY": "integration-test-only-secret-key",
    "DEBUG": "false",
    "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    "CELERY_TASK_TIME_LIMIT": "60",
    "CELERY_TASK_SOFT_TIME_LIMIT": "50",
    "REMINDER_SWEEP_TIME_LIMIT": "60",
    "REMINDER_SWEEP_SOFT_TIME_LIMIT": "50",
    # The sweep queues an email per reminder: keep them in the worker, out of its log.
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "INFO",
    # No connection kept between tasks: a killed worker leaves nothing idle behind.
    "DB_CONN_MAX_AGE": "0",
}
STARTUP_TIMEOUT = 30  # seconds for a process to come up (a loaded machine runs the suite in parallel)


def wait_until(condition: Callable[[], object], *, timeout: float, message: Callable[[], str]) -> object:
    """Poll `condition` until it returns something truthy, and return that; fail the test
    with `message()` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(message(), pytrace=False)
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tail(path: Path, lines: int = 80) -> str:
    text = path.read_text(errors="replace") if path.exists() else "(no log)"
    return "\n".join(text.splitlines()[-lines:])


class PrivateRedis:
    """A redis-server of our own, without persistence: stopping it loses what it held, as a
    crashed Redis would."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.log_path = directory / "redis.log"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def is_up(self) -> bool:
        try:
            return self.client().ping()
        except redis.ConnectionError:
            return False

    def start(self) -> None:
        assert self.process is None, "Redis is already running"
        command = ["/usr/bin/redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        wait_until(
            lambda: self.process.poll() is not None or self.is_up(),
            timeout=STARTUP_TIMEOUT,
            message=lambda: f"Redis did not start on port {self.port}:\n{_tail(self.log_path)}",
        )
        if self.process.poll() is not None:
            self.process = None
            pytest.fail(f"Redis exited at start on port {self.port}:\n{_tail(self.log_path)}", pytrace=False)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def ensure_running(self) -> None:
        if self.process is None:
            self.start()


@pytest.fixture(scope="module")
def private_redis(tmp_path_factory):
    server = PrivateRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


def _reset_producer_pool() -> None:
    """Drop the app's cached broker connections, so that the next task is sent to whatever
    broker_url now says over a fresh connection. Celery keeps a connection pool (app.pool) and
    a producer pool over it (app.amqp.producer_pool), both built on first use from kombu's
    process-wide pools (keyed by broker URL) and kept; `_after_fork` clears the same two."""
    kombu.pools.reset()  # closes and forgets every pool this process holds
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_broker(private_redis, settings):
    """This process sends tasks through the private Redis rather than running them eagerly,
    and its cache and health check use that Redis too, for the length of one test."""
    private_redis.ensure_running()
    private_redis.client().flushall()  # ours alone: nothing left from an earlier test
    settings.REDIS_URL = private_redis.url
    settings.CELERY_BROKER_URL = private_redis.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": private_redis.url, "KEY_PREFIX": "kcpo-integration"}
    }
    # The Celery app read the Django settings once, when first configured; tell it directly.
    before = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=private_redis.url, task_always_eager=False)
    _reset_producer_pool()
    yield private_redis
    celery_app.conf.update(before)
    _reset_producer_pool()
    private_redis.ensure_running()  # for the next test, whatever this one did


class Worker:
    """One `celery worker` process (and its pool child), in a process group of its own so that
    one signal reaches both."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env = env
        self.log_path = log_path
        celery = Path(sys.executable).with_name("celery")
        # Mingle and gossip only slow the start of a lone worker on a private broker.
        self.command = [str(celery), "-A", "kcpo", "worker", "--pool=prefork", "--concurrency=1", "--loglevel=INFO"]
        self.command += ["--without-mingle", "--without-gossip", "--hostname", f"{log_path.stem}@%h"]
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                env=self.env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(
            lambda: self.process.poll() is not None or " ready." in self.log(),
            timeout=STARTUP_TIMEOUT,
            message=lambda: f"The worker did not become ready:\n{self.tail()}",
        )
        if self.process.poll() is not None:
            pytest.fail(f"The worker exited at start (code {self.process.returncode}):\n{self.tail()}", pytrace=False)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def tail(self) -> str:
        return f"--- {self.log_path.name} ---\n{_tail(self.log_path)}"

    def wait_for_log(self, text: str, *, timeout: float = 30) -> None:
        wait_until(
            lambda: text in self.log(),
            timeout=timeout,
            message=lambda: f"The worker never logged {text!r}:\n{self.tail()}",
        )

    def kill(self) -> None:
        """SIGKILL the main process and its pool child at once: no warm shutdown, no
        acknowledgement, no message given back to the broker."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):  # it died already
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


class Workers:
    """Starts workers for one test and kills them all at its end."""

    def __init__(self, env: dict[str, str], directory: Path):
        self.env = env
        self.directory = directory
        self.started: list[Worker] = []

    def start(self) -> Worker:
        worker = Worker(self.env, self.directory / f"worker{len(self.started) + 1}.log")
        self.started.append(worker)
        return worker.start()

    def kill_all(self) -> None:
        for worker in self.started:
            worker.kill()


def worker_environment(*, database_url: str, redis_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY", "REMINDER"))}
    return {**env, **WORKER_SETTINGS, "DATABASE_URL": database_url, "REDIS_URL": redis_url}


def worker_database_url() -> str:
    """The pytest-django test database, where a transactional_db test commits its rows."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def workers(transactional_db, redis_broker, tmp_path):
    env = worker_environment(database_url=worker_database_url(), redis_url=redis_broker.url)
    started = Workers(env, tmp_path)
    yield started
    started.kill_all()
