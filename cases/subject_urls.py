from django.urls import path

from cases.views import subject_views

app_name = "subjects"

urlpatterns = [
    path("", subject_views.subject_search_view, name="search"),
    path("new/", subject_views.subject_new, name="new"),
    path("<int:subject_id>/", subject_views.subject_detail, name="detail"),
    path("<int:subject_id>/occasions/new/", subject_views.occasion_new, name="occasion_new"),
    path("<int:subject_id>/convictions/new/", subject_views.conviction_new, name="conviction_new"),
    path("<int:subject_id>/cases/new/", subject_views.case_new, name="case_new"),
]
