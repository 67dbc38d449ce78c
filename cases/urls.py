from django.urls import path

from cases.views import case_views

app_name = "cases"

urlpatterns = [
    path("", case_views.case_index, name="list"),
    path("<int:case_id>/", case_views.case_detail, name="detail"),
    path("<int:case_id>/share/", case_views.case_share_view, name="share"),
]
