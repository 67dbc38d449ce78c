from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("applications/<int:application_id>/", views.document_index, name="index"),
    path("applications/<int:application_id>/bundle/", views.bundle_request, name="bundle_request"),
    path("applications/<int:application_id>/<str:kind>/draft/", views.document_draft, name="draft"),
    path("applications/<int:application_id>/<str:kind>/issue/", views.document_issue, name="issue"),
    path("bundles/<int:job_id>/", views.bundle_detail, name="bundle"),
    path("<int:document_id>/", views.document_download, name="download"),
]
