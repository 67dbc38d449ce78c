"""Application pages. Drafting (police) is in orders/views/drafting_views.py; the
application page, authorisation, YOT consultation and CPS review in review_views.py."""

from django.urls import path

from orders.views import court_views, drafting_views, review_views

app_name = "applications"

urlpatterns = [
    # Drafting (police of the owning force)
    path("new/<int:case_id>/", drafting_views.application_new, name="new"),
    path("<int:application_id>/edit/", drafting_views.application_edit, name="edit"),
    path("<int:application_id>/provisions/new/", drafting_views.provision_new, name="provision_new"),
    path("<int:application_id>/provisions/<int:provision_id>/", drafting_views.provision_edit, name="provision_edit"),
    path(
        "<int:application_id>/provisions/<int:provision_id>/delete/",
        drafting_views.provision_delete,
        name="provision_delete",
    ),
    path("<int:application_id>/evidence/", drafting_views.evidence, name="evidence"),
    path("<int:application_id>/check/", drafting_views.check_answers, name="check"),
    # The application page, transitions, consultation and review
    path("<int:application_id>/", review_views.application_detail, name="detail"),
    path("<int:application_id>/transition/<str:name>/", review_views.application_transition, name="transition"),
    path("<int:application_id>/consultation/new/", review_views.consultation_new, name="consultation_new"),
    path("consultations/", review_views.consultation_inbox, name="consultation_inbox"),
    path("consultations/<int:consultation_id>/", review_views.consultation_detail, name="consultation_detail"),
    path("cps/", review_views.cps_inbox, name="cps_inbox"),
    path("<int:application_id>/cps-review/", review_views.cps_review, name="cps_review"),
    # Service and court (police of the owning force)
    path("<int:application_id>/hearings/new/", court_views.hearing_new, name="hearing_new"),
    path("hearings/<int:hearing_id>/outcome/", court_views.hearing_outcome, name="hearing_outcome"),
    path("<int:application_id>/service/new/", court_views.service_new, name="service_new"),
    path("<int:application_id>/defendant-notices/new/", court_views.defendant_notice_new, name="defendant_notice_new"),
]
