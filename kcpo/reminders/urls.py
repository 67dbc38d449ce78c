from django.urls import path

from kcpo.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.my_tasks, name="my_tasks"),
    path("<int:reminder_id>/done/", views.reminder_done, name="mark_done"),
    path("<int:reminder_id>/reopen/", views.reminder_reopen, name="reopen"),
]
