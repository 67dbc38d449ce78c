"""The Celery app. Broker and eagerness come from settings (REDIS_URL); beat uses the
database scheduler from django-celery-beat, so schedules are data, not code deploys.

Reliability (settings: the Celery section of kcpo/settings/base.py). A task is acknowledged
when it is received unless it is listed in IDEMPOTENT_TASKS: those are acknowledged only once
they finish and are redelivered if their worker dies (acks_late=True,
reject_on_worker_lost=True on each), because running them twice does no harm. The system
check below keeps the list, the tasks' options and the broker's visibility timeout in step.
"""

import os

from celery import Celery
from django.core import checks

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcpo.settings.base")

app = Celery("kcpo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Tasks safe to run twice, each for the reason its docstring gives. Add one here only with that
# reason written down: a late acknowledgement redelivers a task whose worker died mid-way.
IDEMPOTENT_TASKS = frozenset(
    {
        "cases.tasks.occasion_import_run_task",
        "documents.tasks.bundle_render_task",
        "kcpo.reminders.tasks.sweep_task",
        "kcpo.reminders.tasks.reminder_email_task",
    }
)


def _limits(task) -> tuple[float | None, float | None]:
    """A task's (soft, hard) time limits: its own, else the app's defaults."""
    soft = task.soft_time_limit if task.soft_time_limit is not None else app.conf.task_soft_time_limit
    hard = task.time_limit if task.time_limit is not None else app.conf.task_time_limit
    return soft, hard


def reliability_problems() -> list[str]:
    """Everything wrong with the registered tasks' reliability settings, as sentences."""
    # Every app's tasks module, as a worker imports them. (Not import_default_modules: the
    # worker's Django fixup runs the system checks from inside it, so this check runs there too.)
    app.autodiscover_tasks(force=True)
    visibility = (app.conf.broker_transport_options or {}).get("visibility_timeout")
    problems = []
    if app.conf.task_acks_late:
        problems.append("CELERY_TASK_ACKS_LATE is on for every task; set acks_late per idempotent task instead.")
    if visibility is None:
        problems.append('CELERY_BROKER_TRANSPORT_OPTIONS has no "visibility_timeout".')
    for name in sorted(app.tasks):
        task = app.tasks[name]
        soft, hard = _limits(task)
        if hard is None:
            problems.append(f"{name} has no hard time limit.")
        elif visibility is not None and hard >= visibility:
            problems.append(
                f"{name}: its hard time limit ({hard} s) is not below the visibility timeout ({visibility} s)."
            )
        if soft is not None and hard is not None and soft >= hard:
            problems.append(f"{name}: its soft time limit ({soft} s) is not below its hard limit ({hard} s).")
        # A retry waits in the worker, unacknowledged, for its countdown.
        backoff_max = getattr(task, "retry_backoff_max", None) if getattr(task, "autoretry_for", ()) else None
        if backoff_max is not None and visibility is not None and backoff_max >= visibility:
            problems.append(f"{name}: its longest retry wait ({backoff_max} s) is not below the visibility timeout.")
        idempotent = name in IDEMPOTENT_TASKS
        if bool(task.acks_late) != idempotent or bool(task.reject_on_worker_lost) != idempotent:
            should = "should" if idempotent else "should not"
            problems.append(f"{name} {should} set acks_late=True and reject_on_worker_lost=True (IDEMPOTENT_TASKS).")
    problems.extend(
        f"{name} is in IDEMPOTENT_TASKS but is not a registered task." for name in IDEMPOTENT_TASKS - set(app.tasks)
    )
    return problems


@checks.register(checks.Tags.compatibility)
def check_task_reliability(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [checks.Error(problem, id="kcpo.E001") for problem in reliability_problems()]
