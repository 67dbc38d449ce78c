"""Issued documents: a rendered court form, stored as issued and never changed.

A draft is rendered on request and never stored. Issuing stores the PDF bytes with their
SHA-256, the template version and the ids of the records it was made from; a correction is a
new version, so what was served can always be shown exactly as it was."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from kcpo.models import choices_constraint


class DocumentKind(models.TextChoices):
    APPENDIX_A = "appendix_a", "Appendix A: application otherwise than on conviction (s14)"
    APPENDIX_B = "appendix_b", "Appendix B: notice of intention to apply on conviction (s19)"
    APPENDIX_C = "appendix_c", "Appendix C: application to vary, renew or discharge (s27)"
    APPENDIX_D = "appendix_d", "Appendix D: defendant’s notice in response"
    APPENDIX_E = "appendix_e", "Appendix E: police submission to the CPS"
    ORDER = "order", "The order as made"
    ORDER_EASY_READ = "order_easy_read", "The order as made, easy read"
    BUNDLE = "bundle", "Court bundle"


class Document(models.Model):
    """One issued version of one kind of document for one application. Rows are never
    updated (a database trigger refuses it, migration 0002)."""

    application = models.ForeignKey("orders.Application", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField()
    template_version = models.CharField(max_length=50)
    # The records it was made from, by kind: {"application": 7, "provisions": [3, 4], ...}.
    sources = models.JSONField(default=dict)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "version"], name="documents_version_unique"),
            choices_constraint("kind", DocumentKind, name="documents_kind_valid"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="documents_version_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, version {self.version}"

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.application.case.reference}-v{self.version}.pdf"

    def verifies(self) -> bool:
        """Whether the stored bytes are still those issued."""
        return hashlib.sha256(bytes(self.pdf)).hexdigest() == self.sha256
