from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from kcpo import health

admin.site.site_header = "KCPO administration"
admin.site.site_title = "KCPO administration"

urlpatterns = [
    path("", include("kcpo.accounts.urls")),
    path("cases/", include("cases.urls")),
    path("subjects/", include("cases.subject_urls")),
    path("occasion-imports/", include("cases.import_urls")),
    path("eligibility/", include("eligibility.urls")),
    path("applications/", include("orders.urls")),
    path("orders/", include("orders.order_urls")),
    path("breaches/", include("breaches.urls")),
    path("documents/", include("documents.urls")),
    path("tasks/", include("kcpo.reminders.urls")),
    path("supervision/", include("provision.supervision_urls")),
    path("provision/", include("provision.urls")),
    path("statistics/", include("oversight.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", include("kcpo.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("django-admin/", admin.site.urls),
]
