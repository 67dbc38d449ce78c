from django.urls import path

from eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("s14-screening/", views.s14_screening_page, name="s14_screening"),
]
