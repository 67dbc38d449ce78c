from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("<slug:key>.csv", views.statistics_csv, name="statistics_csv"),
]
