from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kcpo.accounts"
    label = "accounts"
    verbose_name = "Organisations and users"
