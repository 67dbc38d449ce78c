"""The catalogue pages (provision/views/catalogue_views.py) and the referral pages
(provision/views/referral_views.py), under /provision/."""

from django.urls import path

from provision.views import catalogue_views, referral_views

app_name = "provision"

urlpatterns = [
    # A provider's own offers.
    path("offers/", catalogue_views.offer_list, name="offer_list"),
    path("offers/new/", catalogue_views.offer_new, name="offer_new"),
    path("offers/<int:offer_id>/", catalogue_views.offer_edit, name="offer_edit"),
    path("offers/<int:offer_id>/deactivate/", catalogue_views.offer_deactivate, name="offer_deactivate"),
    # The police's search, and referring a requirement to an offer found there.
    path("catalogue/", catalogue_views.catalogue_search, name="catalogue"),
    path(
        "catalogue/<int:offer_id>/refer/<int:requirement_id>/",
        referral_views.referral_new,
        name="referral_new",
    ),
    # Referrals: the provider's list, and one referral as both sides see it, with its answers.
    path("referrals/", referral_views.referral_list, name="referral_list"),
    path("referrals/<int:referral_id>/", referral_views.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/accept/", referral_views.referral_accept, name="referral_accept"),
    path("referrals/<int:referral_id>/decline/", referral_views.referral_decline, name="referral_decline"),
    path(
        "referrals/<int:referral_id>/first-contact/",
        referral_views.referral_first_contact,
        name="referral_first_contact",
    ),
    path("referrals/<int:referral_id>/withdraw/", referral_views.referral_withdraw, name="referral_withdraw"),
]
