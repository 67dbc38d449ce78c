from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kcpo.audit"
    label = "audit"
    verbose_name = "Audit log"
