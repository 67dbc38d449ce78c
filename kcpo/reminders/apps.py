from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "kcpo.reminders"
    label = "reminders"
    verbose_name = "Reminders and tasks"
