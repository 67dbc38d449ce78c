"""The provision catalogue, referrals and supervision (see apps.ProvisionConfig).

Who sees what: a provider's members see their own offers, the referrals made to them and the
requirements they supervise with those requirements' sessions and reports; the police force that
owns the order sees the referrals it made, the catalogue and every report on its orders. Nobody
at a provider ever sees the case, the application, the occasions or another provider's reports."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from cases.models import Subject
from eligibility.core.provisions import ProvisionCategory
from kcpo.accounts.models import Organisation
from kcpo.models import BaseModel, choices_constraint
from orders.models import OrderProvision

# The guidance's menu of requirements (ch. 9): what a catalogue offer can provide.
REQUIREMENT_CATEGORIES = (
    ProvisionCategory.BE_AT_PLACE,
    ProvisionCategory.PRESENT_TO_PERSON,
    ProvisionCategory.PARTICIPATE_IN_ACTIVITIES,
    ProvisionCategory.RESTORATIVE_JUSTICE,
    ProvisionCategory.STRUCTURED_ACTIVITIES,
    ProvisionCategory.REPARATION,
    ProvisionCategory.MEDIATION,
    ProvisionCategory.SUPPORT_AND_COUNSELLING,
    ProvisionCategory.AWARENESS_CLASSES,
    ProvisionCategory.YOUTH_MENTORING,
    ProvisionCategory.JOB_READINESS,
)
REQUIREMENT_CATEGORY_CHOICES = [(c.value, c.value.replace("_", " ").capitalize()) for c in REQUIREMENT_CATEGORIES]


class Funding(models.TextChoices):
    FREE = "free", "Free to the police"
    POLICE_FUNDED = "police_funded", "Paid for by the police"
    GRANT_FUNDED = "grant_funded", "Funded by a grant or commissioner"
    OTHER = "other", "Other arrangement"


class Offer(BaseModel):
    """One thing a provider offers, for the catalogue the police search when drafting a
    requirement: categories, areas served, ages, days and times, places, funding, and whether
    the provider accepts the supervisor's duties under s22(5) (only then can it be named as a
    requirement's supervisor). `schedule` is weekly windows as ProvisionTerms.schedule."""

    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="offers",
        limit_choices_to={"type__in": [Organisation.Type.PROVIDER, Organisation.Type.YOT]},
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    categories = ArrayField(models.CharField(max_length=40, choices=REQUIREMENT_CATEGORY_CHOICES))
    # Local authority areas or boroughs served, stored lower-case so a search matches any case.
    areas = ArrayField(models.CharField(max_length=100))
    named_supervisor = models.CharField(
        max_length=200, blank=True, default="", help_text="A named individual who supervises, if any"
    )
    min_age = models.PositiveSmallIntegerField(default=10)
    max_age = models.PositiveSmallIntegerField(default=25)
    schedule = models.JSONField(default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Places at a time; blank if open")
    funding = models.CharField(max_length=20, choices=Funding.choices)
    accepts_supervisor_duty = models.BooleanField(
        default=False, help_text="Takes the supervisor's duties under s22(5) for requirements it provides"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["provider", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(categories__contained_by=[c.value for c in REQUIREMENT_CATEGORIES])
                & ~models.Q(categories=[]),
                name="provision_offer_categories_valid",
            ),
            models.CheckConstraint(condition=~models.Q(areas=[]), name="provision_offer_has_areas"),
            models.CheckConstraint(
                condition=models.Q(min_age__lte=models.F("max_age")), name="provision_offer_ages_in_order"
            ),
            choices_constraint("funding", Funding, name="provision_offer_funding_valid"),
        ]
        indexes = [
            models.Index(fields=["is_active", "accepts_supervisor_duty"], name="provision_offer_active_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.provider})"


class ReferralState(models.TextChoices):
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    IN_CONTACT = "in_contact", "First contact made"
    WITHDRAWN = "withdrawn", "Withdrawn by the police"


class ConsentBy(models.TextChoices):
    SUBJECT = "subject", "The young person"
    PARENT = "parent", "A parent or guardian"


class Referral(BaseModel):
    """The police's referral of a subject to a provider for a requirement: what the provider
    needs to make contact (contact details, the consent to share them, needs relevant to the
    activity — never intelligence), and where it has got to. The states are explicit and
    moved only by provision.referrals: sent → accepted or declined (with a reason) → first
    contact made; or withdrawn by the police. Until contact is made the police get follow-up
    reminders (`follow_up_on`)."""

    State = ReferralState

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_made",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
    )
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals_received")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="referrals")
    # The requirement it is for, once the order is made (a referral may precede it).
    requirement = models.ForeignKey(
        OrderProvision, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    state = models.CharField(max_length=20, choices=ReferralState.choices, default=ReferralState.SENT)
    # What the provider is told.
    contact_details = models.TextField(help_text="How to reach the young person (and a parent or carer)")
    consent_by = models.CharField(max_length=20, choices=ConsentBy.choices)
    consent_on = models.DateField(help_text="When consent to share these details was given")
    relevant_needs = models.TextField(
        blank=True, default="", help_text="Needs relevant to the activity only: never intelligence"
    )
    sent_on = models.DateField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    follow_up_on = models.DateField(null=True, blank=True, help_text="When the police next chase it, until contact")
    # The provider's answer.
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declined_reason = models.TextField(blank=True, default="")
    first_contact_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-sent_on", "-id"]
        constraints = [
            choices_constraint("state", ReferralState, name="provision_referral_state_valid"),
            choices_constraint("consent_by", ConsentBy, name="provision_referral_consent_valid"),
            models.CheckConstraint(
                condition=~models.Q(state="declined") | ~models.Q(declined_reason=""),
                name="provision_referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="in_contact") | models.Q(first_contact_on__isnull=False),
                name="provision_referral_contact_dated",
            ),
            models.CheckConstraint(
                condition=models.Q(first_contact_on__isnull=True) | models.Q(first_contact_on__gte=models.F("sent_on")),
                name="provision_referral_contact_after_sent",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "state"], name="provision_referral_prov_idx"),
            models.Index(fields=["owner", "state"], name="provision_referral_owner_idx"),
        ]

    def __str__(self):
        return f"Referral to {self.provider} ({self.get_state_display()})"


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    LATE = "late", "Attended late"
    FAILED = "failed", "Failed to attend"
    EXCUSED = "excused", "Excused"


# What counts as not complying with a requirement's session (the police decide what it means).
NON_COMPLIANT = frozenset({Attendance.FAILED})


class Session(BaseModel):
    """One appointment or session of a requirement, planned by its supervisor or generated from
    the requirement's weekly schedule (provision.sessions), at most one per start time."""

    requirement = models.ForeignKey(OrderProvision, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    generated = models.BooleanField(default=False, help_text="Made from the requirement's schedule")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["requirement", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "starts_at"], name="provision_session_once_per_start"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="provision_session_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"Session of {self.requirement_id} at {self.starts_at:%d/%m/%Y %H:%M}"


class ComplianceReport(BaseModel):
    """A supervisor's report of one session (s22(5)(c): whether the subject complied): facts
    only — attended, late (by how many minutes), failed to attend, excused (why) — and a short
    factual note. Never what was discussed in the session. One per session; written by
    provision.compliance."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="report")
    attendance = models.CharField(max_length=20, choices=Attendance.choices)
    minutes_late = models.PositiveSmallIntegerField(null=True, blank=True)
    excuse = models.CharField(max_length=300, blank=True, default="")
    note = models.CharField(max_length=500, blank=True, default="", help_text="A short factual note")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "id"]
        constraints = [
            choices_constraint("attendance", Attendance, name="provision_report_attendance_valid"),
            models.CheckConstraint(
                condition=~models.Q(attendance="late") | models.Q(minutes_late__gte=1),
                name="provision_report_late_has_minutes",
            ),
            models.CheckConstraint(
                condition=~models.Q(attendance="excused") | ~models.Q(excuse=""),
                name="provision_report_excused_has_reason",
            ),
        ]
        indexes = [
            # The sweep's search for recent failures still without their reminders
            # (provision.compliance_reminders._unreminded).
            models.Index(
                fields=["reported_at"],
                condition=models.Q(attendance__in=sorted(NON_COMPLIANT)),
                name="provision_report_failed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_attendance_display()} ({self.session})"
