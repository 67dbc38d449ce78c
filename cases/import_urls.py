from django.urls import path

from cases.views import import_views

app_name = "imports"

urlpatterns = [
    path("", import_views.import_index, name="list"),
    path("<int:import_id>/", import_views.import_detail, name="detail"),
    path("template.csv", import_views.import_template, name="template"),
]
