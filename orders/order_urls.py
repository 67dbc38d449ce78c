"""Order pages (orders/views/order_views.py) and what happens in court after an order is made
(orders/views/proceeding_views.py), for the owning force's police."""

from django.urls import path

from orders.views import order_views, proceeding_views

app_name = "orders"

urlpatterns = [
    path("<int:order_id>/", order_views.order_detail, name="detail"),
    path("<int:order_id>/notifications/new/", order_views.notification_new, name="notification_new"),
    path("<int:order_id>/pnc/", order_views.pnc_edit, name="pnc_edit"),
    path("<int:order_id>/release/", proceeding_views.release_record, name="release"),
    path("<int:order_id>/reviews/new/", proceeding_views.review_hearing_new, name="review_hearing_new"),
    path("<int:order_id>/reviews/<int:hearing_id>/", proceeding_views.review_decision, name="review_decision"),
    path("<int:order_id>/<str:kind>/new/", proceeding_views.proceeding_new, name="proceeding_new"),
    path("proceedings/<int:proceeding_id>/", proceeding_views.proceeding_detail, name="proceeding_detail"),
    path(
        "proceedings/<int:proceeding_id>/representations/",
        proceeding_views.representations_edit,
        name="representations",
    ),
    path("proceedings/<int:proceeding_id>/hearing/", proceeding_views.proceeding_hearing, name="proceeding_hearing"),
    path("proceedings/<int:proceeding_id>/outcome/", proceeding_views.proceeding_decision, name="proceeding_decision"),
]
