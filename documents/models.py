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


class BundleStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RENDERING = "rendering", "Being prepared"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class BundleJob(models.Model):
    """One request for an application's court bundle, rendered by a Celery task after the
    request commits (documents.bundles). Its status and step are what the progress page shows;
    the bundle itself, once rendered, is an issued Document of kind BUNDLE."""

    Status = BundleStatus

    application = models.ForeignKey("orders.Application", on_delete=models.CASCADE, related_name="bundle_jobs")
    requested_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # How many of documents.bundles.STEPS are done.
    steps_done = models.PositiveSmallIntegerField(default=0)
    document = models.OneToOneField(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            choices_constraint("status", BundleStatus, name="documents_bundle_status_valid"),
            # A second press of "Prepare the bundle" while one is being made joins it
            # (documents.bundles.bundle_request) rather than rendering it twice.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status__in=["queued", "rendering"]),
                name="documents_one_unfinished_bundle",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(document__isnull=False),
                name="documents_done_bundle_has_document",
            ),
        ]

    def __str__(self):
        return f"Bundle for application {self.application_id}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
