"""Order pages (orders/views/order_views.py), for the owning force's police."""

from django.urls import path

from orders.views import order_views

app_name = "orders"

urlpatterns = [
    path("<int:order_id>/", order_views.order_detail, name="detail"),
    path("<int:order_id>/notifications/new/", order_views.notification_new, name="notification_new"),
    path("<int:order_id>/pnc/", order_views.pnc_edit, name="pnc_edit"),
]
