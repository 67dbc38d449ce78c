from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = "Eligibility (OWA 2019 Part 2 rules)"
