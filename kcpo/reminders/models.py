"""Reminders: work that falls due on a day, for a team and usually one officer in it.

PostgreSQL is the source of truth for every deadline (DESIGN §5). Sweeps (kcpo.reminders.sweeps,
run by Celery beat) find what is due from the records themselves and create one Reminder per
(object, kind, due date): the unique constraint makes a sweep that runs twice, or is redelivered
after its worker died, create nothing the second time."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from kcpo.accounts.models import Organisation
from kcpo.models import BaseModel, choices_constraint


class ReminderKind(models.TextChoices):
    REVIEW_HEARING = "review_hearing", "Review hearing approaching (s26)"
    ORDER_EXPIRING = "order_expiring", "Order ending: consider renewal (s27)"
    PROVISION_EXPIRING = "provision_expiring", "Requirement or prohibition ending (s23(8))"
    ORDER_ENDED = "order_ended", "Order ended"
    NOTIFICATION_OVERDUE = "notification_overdue", "Notification overdue (s24, s25)"
    SERVICE_DEADLINE = "service_deadline", "Service deadline before a hearing"
    HEARSAY_DEADLINE = "hearsay_deadline", "Hearsay notice deadline before a hearing"
    REPRESENTATIONS_DUE = "representations_due", "Representations due on a defendant's application (s27)"
    ELIGIBILITY_LAPSING = "eligibility_lapsing", "Eligibility under s14 about to lapse"
    TURNS_18 = "turns_18", "Subject turns 18 during the order: YOT to probation"
    # The same birthday for the youth offending team, which makes the handover.
    TURNS_18_YOT = "turns_18_yot", "A child turns 18 during the order: hand over to probation"
    PNC_OVERDUE = "pnc_overdue", "Order not yet sent to the PNC Bureau"
    REFERRAL_FOLLOW_UP = "referral_follow_up", "Referral: no contact made yet"
    NON_COMPLIANCE = "non_compliance", "Non-compliance reported by a supervisor (s22(5))"
    # The same report, for the YOT of a child (the guidance, ch. 9): a kind of its own, so that
    # the police's and the YOT's reminders about one report do not share a key.
    NON_COMPLIANCE_YOT = "non_compliance_yot", "A child’s non-compliance, for the YOT"


class ReminderQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def done(self):
        return self.filter(done_at__isnull=False)


class Reminder(BaseModel):
    """One piece of due work about one object. `organisation` is the team whose work it is
    (only its members ever see it); `assignee` the officer it is for, when there is one (the
    case's lead officer). `title` and `link` are written by the sweep that found it, so that
    the task list needs no query per row."""

    Kind = ReminderKind

    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    due_on = models.DateField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reminders")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders"
    )
    # The person the work concerns, for the audit log and the list; none for work about no one.
    subject = models.ForeignKey("cases.Subject", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=300)
    link = models.CharField(max_length=300, help_text="The page where the work is done")
    emailed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "due_on"], name="reminders_reminder_once_per_due_date"
            ),
            choices_constraint("kind", ReminderKind, name="reminders_reminder_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True, done_by__isnull=True) | models.Q(done_at__isnull=False),
                name="reminders_reminder_done_by_only_when_done",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "done_at", "due_on"], name="reminders_org_open_due_idx"),
            models.Index(fields=["assignee", "done_at", "due_on"], name="reminders_user_open_due_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, due {self.due_on:%d/%m/%Y}"
