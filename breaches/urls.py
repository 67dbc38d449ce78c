"""Compliance and breach pages (breaches/views.py), for the owning force's police."""

from django.urls import path

from breaches import views

app_name = "breaches"

urlpatterns = [
    path("orders/<int:order_id>/checks/new/", views.check_new, name="check_new"),
    path("orders/<int:order_id>/new/", views.breach_new, name="new"),
    path("<int:breach_id>/", views.breach_detail, name="detail"),
    path("<int:breach_id>/decision/", views.breach_decide, name="decide"),
    path("<int:breach_id>/outcome/", views.breach_outcome, name="outcome"),
]
