from django.urls import path

from cases import apis as case_apis
from eligibility import apis as eligibility_apis
from kcpo.accounts import apis as account_apis
from provision import apis as supervision_apis

urlpatterns = [
    path("me/", account_apis.MeApi.as_view(), name="api-me"),
    path("cases/", case_apis.CaseListApi.as_view(), name="api-case-list"),
    path("cases/<int:case_id>/", case_apis.CaseDetailApi.as_view(), name="api-case-detail"),
    path("eligibility/assess", eligibility_apis.EligibilityAssessApi.as_view(), name="api-eligibility-assess"),
    path(
        "supervision/requirements/",
        supervision_apis.SupervisedRequirementListApi.as_view(),
        name="api-supervision-requirement-list",
    ),
    path(
        "supervision/requirements/<int:requirement_id>/",
        supervision_apis.SupervisedRequirementDetailApi.as_view(),
        name="api-supervision-requirement-detail",
    ),
    path(
        "supervision/requirements/<int:requirement_id>/sessions/",
        supervision_apis.SupervisedSessionListApi.as_view(),
        name="api-supervision-session-list",
    ),
]
