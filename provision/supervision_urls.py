"""The supervisor's pages (provision/views/supervisor_views.py) and the YOT's pages of a child's
non-compliance (provision/views/yot_views.py), under /supervision/."""

from django.urls import path

from provision.views import supervisor_views, yot_views

app_name = "supervision"

urlpatterns = [
    path("", supervisor_views.requirement_list, name="requirement_list"),
    path("requirements/<int:requirement_id>/", supervisor_views.requirement_detail, name="requirement_detail"),
    path(
        "requirements/<int:requirement_id>/sessions/generate/",
        supervisor_views.sessions_generate,
        name="sessions_generate",
    ),
    path(
        "requirements/<int:requirement_id>/appointments/new/",
        supervisor_views.appointment_new,
        name="appointment_new",
    ),
    path("sessions/<int:session_id>/report/", supervisor_views.report_new, name="report_new"),
    path("non-compliance/", yot_views.non_compliance_list, name="yot_non_compliance"),
    path("non-compliance/<int:report_id>/", yot_views.non_compliance_detail, name="yot_non_compliance_detail"),
]
