from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_index, name="list"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/share/", views.case_share_view, name="share"),
]
