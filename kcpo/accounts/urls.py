from django.urls import path

from kcpo.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("organisation/", views.people, name="people"),
    path("organisation/choose/", views.choose_organisation, name="choose_organisation"),
]
