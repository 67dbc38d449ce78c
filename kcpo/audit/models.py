from django.conf import settings
from django.db import models
from django.utils import timezone

from kcpo.models import choices_constraint


class Operation(models.TextChoices):
    # The operations of DPA 2018 s62(1).
    COLLECT = "collect", "Collection"
    ALTER = "alter", "Alteration"
    CONSULT = "consult", "Consultation"
    DISCLOSE = "disclose", "Disclosure"
    COMBINE = "combine", "Combination"
    ERASE = "erase", "Erasure"


class AuditEvent(models.Model):
    """One processing operation on personal data. Append-only (see the trigger in 0002)."""

    Operation = Operation

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Who. The user and organisation are kept as ids *and* as text, because the log must
    # still say who acted after an account is renamed or deactivated. No database foreign
    # key: a user's deletion must never touch (or be blocked by) the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    user_email = models.CharField(max_length=254, blank=True, default="")
    organisation_id = models.BigIntegerField(null=True)
    organisation_name = models.CharField(max_length=200, blank=True, default="")
    role = models.CharField(max_length=30, blank=True, default="")
    # What.
    operation = models.CharField(max_length=10, choices=Operation.choices)
    object_type = models.CharField(max_length=100, help_text="app_label.model, e.g. cases.case")
    object_id = models.CharField(max_length=64, blank=True, default="", help_text="Blank for a list or search")
    # The data subject whose data was processed, where there is one: answers "who has
    # looked at my record?" for a subject access request.
    data_subject_id = models.BigIntegerField(null=True, db_index=True)
    # Why and to whom (s62(2)(a), (3)(b)).
    reason = models.CharField(max_length=500, blank=True, default="")
    recipient = models.CharField(max_length=200, blank=True, default="")
    path = models.CharField(max_length=500, blank=True, default="")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            choices_constraint("operation", Operation, name="audit_auditevent_operation_valid"),
            # s62(3)(b): a disclosure's log must identify its recipient.
            models.CheckConstraint(
                condition=~models.Q(operation="disclose") | ~models.Q(recipient=""),
                name="audit_auditevent_disclosure_has_recipient",
            ),
        ]
        indexes = [
            # "What happened to this object?" (object timeline, investigations).
            models.Index(fields=["object_type", "object_id", "occurred_at"], name="audit_object_idx"),
            # "What did this user do?" (misuse investigations).
            models.Index(fields=["user", "occurred_at"], name="audit_user_idx"),
        ]

    def __str__(self):
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.user_email} {self.operation} {self.object_type}:{self.object_id}"
        )
