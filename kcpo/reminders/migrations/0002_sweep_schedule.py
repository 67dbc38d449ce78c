"""Schedule the reminder sweep in django-celery-beat's database scheduler: every 15 minutes.

The sweep is idempotent, so a run every quarter of an hour costs little and a missed run (beat
or Redis down) loses nothing: the next one finds the same work. A queued run that waited longer
than the interval is dropped (expire_seconds) rather than piling up behind a backlog, because
the next run does the same job.
"""

from django.db import migrations
from django.utils import timezone

NAME = "Sweep for reminders"
TASK = "kcpo.reminders.tasks.sweep_task"
EVERY_MINUTES = 15


def _beat_reloads(apps):
    # PeriodicTask.save() would tell a running beat to reload its schedule; a migration's
    # historical model has no such save(), so touch the tracking row it watches ourselves.
    apps.get_model("django_celery_beat", "PeriodicTasks").objects.update_or_create(
        ident=1, defaults={"last_update": timezone.now()}
    )


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # Intervals are not unique in django-celery-beat: reuse the first such row if there is one.
    interval = IntervalSchedule.objects.filter(every=EVERY_MINUTES, period="minutes").order_by("id").first()
    interval = interval or IntervalSchedule.objects.create(every=EVERY_MINUTES, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "interval": interval,
            "crontab": None,
            "solar": None,
            "clocked": None,
            "args": "[]",
            "kwargs": "{}",
            "enabled": True,
            "one_off": False,
            "expire_seconds": EVERY_MINUTES * 60,
            "description": "Create the reminders that are due (kcpo.reminders.sweeps) and email new ones.",
        },
    )
    _beat_reloads(apps)


def unschedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAME).delete()
    # The interval row may serve someone else's task too; remove it only if it is now unused.
    IntervalSchedule.objects.filter(every=EVERY_MINUTES, period="minutes", periodictask__isnull=True).delete()
    _beat_reloads(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
