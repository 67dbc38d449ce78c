"""Applications for knife crime prevention orders and what the court made of them.

An application belongs to one case and to the force that owns the case. Who else sees it is
decided by the application's own relations, not by grants: the CPS area it was submitted to
(s19) and the YOT it consulted (s15(5), s20(2))."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from cases.models import Case, Conviction, Subject
from eligibility.core import DocumentKind, HearingKind, NecessityGround, RecipientKind, ServiceMethod
from eligibility.core.provisions import ProvisionCategory, ProvisionKind
from kcpo.access import ScopedQuerySet
from kcpo.accounts.models import Organisation
from kcpo.models import BaseModel, choices_constraint
from orders.workflow import Route, State

NECESSITY_GROUND_LABELS = {
    # s14(6)(a)-(c), s19(4)(a)-(c); (b) and (c) are the guidance's words where the retrieved
    # statute text stops (reference/owa-2019-part-2.md).
    NecessityGround.PROTECT_PUBLIC: (
        "To protect the public in England and Wales from the risk of harm involving a bladed article"
    ),
    NecessityGround.PROTECT_PARTICULAR_PERSONS: (
        "To protect particular members of the public in England and Wales (including the defendant) from such risk"
    ),
    NecessityGround.PREVENT_OFFENCE: ("To prevent the defendant from committing an offence involving a bladed article"),
}
NECESSITY_GROUND_CHOICES = [(ground.value, label) for ground, label in NECESSITY_GROUND_LABELS.items()]


class ApplicationQuerySet(ScopedQuerySet):
    """Visible to the owning force, to the CPS area it was submitted to, and to a YOT it
    consulted: each sees only what was sent to it."""

    owner_field = "owner"

    def shared_with(self, organisation):
        if organisation is None:
            return self.none()
        consulted = YotConsultation.objects.filter(application=models.OuterRef("pk"), yot_id=organisation.id)
        return self.filter(models.Q(cps_area_id=organisation.id) | models.Exists(consulted))

    def visible_to(self, organisation):
        if organisation is None:
            return self.none()
        return self.owned_by(organisation) | self.shared_with(organisation)


class Application(BaseModel):
    """A proposed order on one route, from draft to the court's decision (DESIGN §3)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="applications")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
    )
    route = models.CharField(max_length=30, choices=Route.choices)
    state = models.CharField(max_length=30, choices=State.choices, default=State.DRAFT)
    # Optimistic locking: every write says which version it read, and fails if it changed.
    version = models.PositiveIntegerField(default=1)
    # The date the application is (to be) made: decides the court and YOT consultation (s15).
    application_date = models.DateField()
    necessity_grounds = ArrayField(
        models.CharField(max_length=40, choices=NECESSITY_GROUND_CHOICES), default=list, blank=True
    )
    grounds_argument = models.TextField(blank=True, default="", help_text="Why the order is necessary")
    proposed_duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # s16: an application without notice must be exceptional and urgent; record why.
    without_notice_reasons = models.TextField(blank=True, default="")
    # s19: the prosecution (charge, then conviction) the application follows.
    conviction = models.ForeignKey(
        Conviction, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    cps_area = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cps_submissions",
        limit_choices_to={"type": Organisation.Type.CPS_AREA},
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            choices_constraint("route", Route, name="orders_application_route_valid"),
            choices_constraint("state", State, name="orders_application_state_valid"),
            models.CheckConstraint(
                condition=models.Q(necessity_grounds__contained_by=[g.value for g in NecessityGround]),
                name="orders_application_grounds_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(proposed_duration_months__isnull=True)
                | models.Q(proposed_duration_months__gte=1, proposed_duration_months__lte=120),
                name="orders_application_duration_sane",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "state"], name="orders_app_owner_state_idx"),
            models.Index(fields=["cps_area", "state"], name="orders_app_cps_state_idx"),
        ]

    def __str__(self):
        return f"{self.get_route_display()} – {self.get_state_display()}"


class ApplicationEvent(models.Model):
    """One transition of an application: who moved it, from where to where, when and why.
    Written only by orders.services._transition, never changed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, choices=State.choices)
    to_state = models.CharField(max_length=30, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=30)
    reason = models.TextField(blank=True, default="")
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["application", "occurred_at"], name="orders_event_app_time_idx"),
            # The statistics' count of applications that took a step in a period (oversight).
            models.Index(
                fields=["transition", "occurred_at"], include=["application"], name="orders_event_step_time_idx"
            ),
        ]

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class YotConsultation(BaseModel):
    """The police's consultation of a youth offending team (s15(5) for s14, s20 for s19) and
    the YOT's reply. The reply informs the application; it does not bind the police."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    yot = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consultations",
        limit_choices_to={"type": Organisation.Type.YOT},
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    reply_due_on = models.DateField()
    # What the guidance says must be relayed to the YOT, as sent.
    reason_for_application = models.TextField()
    offending_history = models.TextField(blank=True, default="")
    hearsay_and_intelligence = models.TextField(blank=True, default="")
    proposed_provisions = models.TextField(blank=True, default="")
    # The YOT's reply.
    views = models.TextField(blank=True, default="")
    suggestions = models.TextField(blank=True, default="")
    developmental_needs = models.TextField(blank=True, default="", help_text="Developmental and maturity needs")
    safeguarding_context = models.TextField(blank=True, default="")
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    # When no reply came by the deadline, the police record that it passed.
    deadline_passed_recorded_at = models.DateTimeField(null=True, blank=True)
    # How the police considered the reply (s15(5) requires consultation, not agreement).
    police_consideration = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "yot"], name="orders_consultation_once_per_yot"),
        ]

    def __str__(self):
        return f"Consultation of {self.yot} on application {self.application_id}"

    @property
    def is_concluded(self) -> bool:
        """Answered, or its deadline recorded as passed: the application may go on."""
        return self.replied_at is not None or self.deadline_passed_recorded_at is not None


PROVISION_KIND_CHOICES = [
    (ProvisionKind.REQUIREMENT.value, "Requirement"),
    (ProvisionKind.PROHIBITION.value, "Prohibition"),
]
PROVISION_CATEGORY_CHOICES = [(c.value, c.value.replace("_", " ").capitalize()) for c in ProvisionCategory]


def provision_label(kind: str, number: int) -> str:
    """As numbered on the draft and the order: requirements R1, R2 …, prohibitions P1, P2 …"""
    return f"{'R' if kind == ProvisionKind.REQUIREMENT else 'P'}{number}"


class ProvisionTerms(BaseModel):
    """What one requirement or prohibition says, as proposed (Provision) or as the court made
    it (OrderProvision). `schedule` is a list of weekly windows:
    [{"days": [0, 1, 2, 3, 4], "start": "19:00", "end": "07:00"}] (Monday = 0; a window
    whose end is not after its start runs past midnight)."""

    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=PROVISION_KIND_CHOICES)
    category = models.CharField(max_length=40, choices=PROVISION_CATEGORY_CHOICES, blank=True, default="")
    wording = models.TextField(help_text="The exact words proposed for the order")
    place = models.TextField(blank=True, default="")
    persons = models.TextField(blank=True, default="")
    articles = models.TextField(blank=True, default="")
    activity = models.TextField(blank=True, default="")
    schedule = models.JSONField(default=list, blank=True)
    # s23(8): its own period within the order, counted from the day the order takes effect.
    starts_after_months = models.PositiveSmallIntegerField(default=0)
    period_months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Blank: until the order ends")
    exceptions = models.TextField(blank=True, default="", help_text="Prohibitions: when it does not apply")
    supervisor_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": Organisation.Type.PROVIDER},
    )
    supervisor_name = models.CharField(max_length=200, blank=True, default="", help_text="A named individual")

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return provision_label(self.kind, self.number)

    @property
    def supervisor(self) -> str:
        return self.supervisor_name or (self.supervisor_organisation.name if self.supervisor_organisation else "")

    def terms_besides(self, *names: str) -> dict:
        """What it says, by column, leaving out `names` (and the row's timestamps): for
        copying a proposed provision into the order the court made."""
        skip = {"created_at", "updated_at", *names}
        return {f.attname: getattr(self, f.attname) for f in ProvisionTerms._meta.local_fields if f.name not in skip}


class Provision(ProvisionTerms):
    """One requirement or prohibition proposed in an application (s21), with what the CPS and
    the court need to judge it: its purpose, rationale and evidence, and for a requirement its
    supervisor's suitability (s22)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="provisions")
    purposes = ArrayField(models.CharField(max_length=40, choices=NECESSITY_GROUND_CHOICES), default=list, blank=True)
    rationale = models.TextField(blank=True, default="")
    evidence = models.TextField(blank=True, default="")
    suitability_evidence = models.TextField(blank=True, default="")
    blocks_attendance = models.BooleanField(null=True, blank=True)
    restricts_contact_with_adults = models.BooleanField(default=False)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="orders_provision_number_unique"),
            choices_constraint("kind", PROVISION_KIND_CHOICES, name="orders_provision_kind_valid"),
            choices_constraint(
                "category", PROVISION_CATEGORY_CHOICES, name="orders_provision_category_valid", allow_blank=True
            ),
            models.CheckConstraint(
                condition=models.Q(purposes__contained_by=[g.value for g in NecessityGround]),
                name="orders_provision_purposes_valid",
            ),
        ]


class EvidenceKind(models.TextChoices):
    LEAD_STATEMENT = "lead_statement", "Lead officer’s statement (MG11)"
    PNC_PRINT = "pnc_print", "PNC court print"
    STATEMENT = "statement", "Other witness statement"
    CCTV_BWV = "cctv_bwv", "CCTV or body-worn video"
    YOT_REPORT = "yot_report", "Youth offending team report"
    MAP = "map", "Map"
    OTHER = "other", "Other"


class EvidenceItem(BaseModel):
    Kind = EvidenceKind

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence_items")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    description = models.TextField()
    reference = models.CharField(max_length=100, blank=True, default="", help_text="Exhibit or document number")

    class Meta:
        ordering = ["application", "id"]
        constraints = [choices_constraint("kind", EvidenceKind, name="orders_evidence_kind_valid")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:40]}"


class HearsayItem(BaseModel):
    """Evidence whose maker will not be called, for the hearsay notice (civil route:
    Civil Evidence Act 1995 and S.I. 1999/681; criminal route: CrimPR Part 20)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="hearsay_items")
    description = models.TextField()
    maker = models.CharField(max_length=200)
    reason_not_called = models.TextField(help_text="Why the maker will not be called as a witness")

    class Meta:
        ordering = ["application", "id"]

    def __str__(self):
        return f"Hearsay from {self.maker}"


class ApplicationSubmission(models.Model):
    """What the police sent the CPS in one round (the content of Appendix E), frozen when it
    was sent: the CPS reviews exactly what was submitted, and a resubmission can show what
    changed since the round the CPS returned. Written only by orders.review."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="submissions")
    # 1 for the first submission, 2 for the first resubmission, and so on.
    round = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # orders.review.submission_content: grounds, argument, duration, every provision's fields,
    # evidence, hearsay and the YOT's reply, as they stood when submitted.
    content = models.JSONField()

    class Meta:
        ordering = ["application", "round"]
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="orders_submission_round_unique"),
            models.CheckConstraint(condition=models.Q(round__gte=1), name="orders_submission_round_positive"),
        ]

    def __str__(self):
        return f"Submission {self.round} of application {self.application_id}"


class ProvisionComment(BaseModel):
    """A CPS lawyer's comment on one proposed condition, or on the submission as a whole
    (no provision), in one round of review. Never changed once made."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="provision_comments")
    # Set null, not cascade: the police may delete a condition after a return, and the
    # comment that led to it must survive; `provision_label` still says which it was.
    provision = models.ForeignKey(Provision, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments")
    provision_label = models.CharField(max_length=10, blank=True, default="", help_text="As numbered then, e.g. P1")
    round = models.PositiveSmallIntegerField(help_text="The submission it was made on")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["application", "round", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(round__gte=1), name="orders_comment_round_positive"),
            models.CheckConstraint(condition=~models.Q(text=""), name="orders_comment_text_not_blank"),
        ]
        indexes = [models.Index(fields=["application", "round"], name="orders_comment_app_round_idx")]

    def __str__(self):
        return f"Comment on {self.provision_label or 'the submission'} (round {self.round})"


class RefusalReason(models.TextChoices):
    """Why a court refused an order: a maintained list, reported in the statistics. The first
    four are the themes the Metropolitan Police gave for the pilot's refusals (seeds/000)."""

    SENTENCE_SUFFICIENT = "sentence_sufficient", "Probation or youth offending sentencing elements were enough"
    NO_PREVIOUS_OFFENDING = "no_previous_offending", "No previous offending or link to knife crime"
    NOT_NECESSARY = "not_necessary", "Not necessary to prevent future knife offending"
    OUTSIDE_LEGISLATION = "outside_legislation", "The possession did not fall within the legislation"
    CONDITIONS_UNSUITABLE = "conditions_unsuitable", "The proposed conditions were not suitable"
    PROCEDURAL = "procedural", "Procedural: service, notice or time limits"
    OTHER = "other", "Another reason"


class HearingOutcome(models.TextChoices):
    GRANTED = "granted", "Order made"
    REFUSED = "refused", "Refused"
    ADJOURNED = "adjourned", "Adjourned"
    INTERIM_ORDER = "interim_order", "Adjourned with an interim order (s17 or s18)"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # s19 only: the prosecution failed, so no order can be made on conviction.
    ENDED = "ended", "Acquitted, discontinued or no case to answer"


HEARING_KIND_CHOICES = [
    (HearingKind.FULL.value, "Application hearing (on notice)"),
    (HearingKind.WITHOUT_NOTICE.value, "Without-notice hearing (s16, s17)"),
    (HearingKind.SENTENCING.value, "Sentencing (s19)"),
    (HearingKind.REVIEW.value, "Review (s26)"),
    (HearingKind.VARIATION.value, "Variation, renewal or discharge (s27)"),
    (HearingKind.APPEAL.value, "Appeal (s28)"),
    (HearingKind.OTHER.value, "Other"),
]


class Hearing(BaseModel):
    """A listed hearing of an application and, once recorded, what the court decided."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="hearings")
    court = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": Organisation.Type.COURT},
    )
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=HEARING_KIND_CHOICES)
    outcome = models.CharField(max_length=20, choices=HearingOutcome.choices, blank=True, default="")
    refusal_reason = models.CharField(max_length=30, choices=RefusalReason.choices, blank=True, default="")
    outcome_notes = models.TextField(blank=True, default="")
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["application", "date", "id"]
        constraints = [
            choices_constraint("kind", HEARING_KIND_CHOICES, name="orders_hearing_kind_valid"),
            choices_constraint("outcome", HearingOutcome, name="orders_hearing_outcome_valid", allow_blank=True),
            choices_constraint("refusal_reason", RefusalReason, name="orders_hearing_refusal_valid", allow_blank=True),
            models.CheckConstraint(
                condition=~models.Q(outcome="refused") | ~models.Q(refusal_reason=""),
                name="orders_hearing_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date:%d/%m/%Y}"


DOCUMENT_KIND_CHOICES = [
    (DocumentKind.SUMMONS.value, "Summons"),
    (DocumentKind.APPLICATION.value, "Application (Appendix A)"),
    (DocumentKind.HEARSAY_NOTICE.value, "Hearsay notice"),
    (DocumentKind.S19_NOTICE.value, "Notice of intention to apply on conviction (Appendix B)"),
    (DocumentKind.ORDER.value, "Order"),
    (DocumentKind.OTHER.value, "Other"),
]
RECIPIENT_KIND_CHOICES = [
    (RecipientKind.DEFENDANT.value, "Defendant"),
    (RecipientKind.PARENT_GUARDIAN.value, "Parent or guardian"),
    (RecipientKind.COURT_OFFICER.value, "Court officer"),
    (RecipientKind.SIGNIFICANTLY_AFFECTED.value, "Someone significantly affected"),
    (RecipientKind.OTHER.value, "Other"),
]
SERVICE_METHOD_CHOICES = [
    (ServiceMethod.PERSONAL.value, "In person"),
    (ServiceMethod.POST.value, "By post"),
    (ServiceMethod.EMAIL.value, "By email"),
    (ServiceMethod.LEFT_AT_ADDRESS.value, "Left at their address"),
    (ServiceMethod.OTHER.value, "Another way"),
]


class ServiceRecord(BaseModel):
    """One document served on one person: which, on whom, how, when (the day service took
    effect) and by whom. The deadlines are checked by eligibility.core.service."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="service_records")
    document = models.CharField(max_length=20, choices=DOCUMENT_KIND_CHOICES)
    recipient = models.CharField(max_length=30, choices=RECIPIENT_KIND_CHOICES)
    recipient_name = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=SERVICE_METHOD_CHOICES)
    served_on = models.DateField()
    served_by = models.CharField(max_length=200, help_text="Who served it")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["application", "served_on", "id"]
        constraints = [
            choices_constraint("document", DOCUMENT_KIND_CHOICES, name="orders_service_document_valid"),
            choices_constraint("recipient", RECIPIENT_KIND_CHOICES, name="orders_service_recipient_valid"),
            choices_constraint("method", SERVICE_METHOD_CHOICES, name="orders_service_method_valid"),
        ]

    def __str__(self):
        return f"{self.get_document_display()} on {self.recipient_name}, {self.served_on:%d/%m/%Y}"


class OrderKind(models.TextChoices):
    FULL = "full", "Knife crime prevention order"
    INTERIM_S17 = "interim_s17", "Interim order without notice (s17)"
    INTERIM_S18 = "interim_s18", "Interim order while the application is undetermined (s18)"


class DeferredUntil(models.TextChoices):
    """s23(6)-(7): an order made for a defendant in custody, serving a custodial sentence or on
    licence may provide that it does not take effect until the defendant —"""

    RELEASE = "release", "is released from custody (s23(7)(a))"
    SENTENCE_END = "sentence_end", "ceases to be subject to a custodial sentence (s23(7)(b))"
    LICENCE_END = "licence_end", "ceases to be on licence (s23(7)(c))"


# Interim orders have effect until the application is determined (s23(4)-(5)).
INTERIM_ORDER_KINDS = frozenset({OrderKind.INTERIM_S17, OrderKind.INTERIM_S18})


class OrderQuerySet(ScopedQuerySet):
    owner_field = "owner"


class Order(BaseModel):
    """What a court made at a hearing: the kind of order, the court's reference, the day it
    was made and the provisions as made (which may differ from those proposed). Its life
    after that (s23-s28 dates, notifications, variations) is recorded elsewhere."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="orders")
    hearing = models.OneToOneField(Hearing, on_delete=models.PROTECT, related_name="order")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="orders")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="orders",
        limit_choices_to={"type": Organisation.Type.POLICE_FORCE},
    )
    kind = models.CharField(max_length=20, choices=OrderKind.choices)
    court = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": Organisation.Type.COURT},
    )
    court_reference = models.CharField(max_length=100)
    made_on = models.DateField()
    # s23(3): a full order's fixed period; an interim order lasts until the application is
    # determined (s23(4)-(5)), so it has none.
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # An interim order ends when the application is determined (s23(4)-(5)); a full order
    # when it is replaced by a new one, discharged or expires.
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True, default="")
    # The subject's order this one replaced (a new full order replaces the existing one).
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")
    # The dates the law fixes once the order takes effect (eligibility.core.order_dates), set by
    # orders.court when it does: on the day made (s23(1)), or for an s17 interim order when it
    # is served on the defendant (s23(2)); until then all are empty.
    takes_effect_on = models.DateField(null=True, blank=True)
    # s23(6)-(7): the order does not take effect until the defendant is released (or their
    # sentence or licence ends); the day that happens is recorded when the police learn it.
    deferred_until = models.CharField(max_length=20, choices=DeferredUntil.choices, blank=True, default="")
    deferral_ended_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True, help_text="A full order's last day (s23(3))")
    notification_due_on = models.DateField(
        null=True, blank=True, help_text="The last day to notify the police (s24(2)); none when it replaces an interim"
    )
    discharge_without_consent_from = models.DateField(null=True, blank=True, help_text="s27: 6 months in effect")
    # The Police National Computer: the order and the PNC forms sent to the PNC Bureau, then
    # the order uploaded on the PNC (so that an officer stopping the subject sees it).
    pnc_sent_on = models.DateField(null=True, blank=True)
    pnc_uploaded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-id"]
        constraints = [
            choices_constraint("kind", OrderKind, name="orders_order_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(kind="full", duration_months__gte=6, duration_months__lte=24)
                | (~models.Q(kind="full") & models.Q(duration_months__isnull=True)),
                name="orders_order_duration_by_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("made_on")),
                name="orders_order_ends_after_made",
            ),
            models.CheckConstraint(
                condition=models.Q(takes_effect_on__isnull=True) | models.Q(takes_effect_on__gte=models.F("made_on")),
                name="orders_order_effect_not_before_made",
            ),
            models.CheckConstraint(
                condition=models.Q(pnc_sent_on__isnull=True, pnc_uploaded_on__isnull=True)
                | models.Q(pnc_sent_on__gte=models.F("made_on"), pnc_uploaded_on__isnull=True)
                | models.Q(pnc_sent_on__gte=models.F("made_on"), pnc_uploaded_on__gte=models.F("pnc_sent_on")),
                name="orders_order_pnc_in_order",
            ),
            choices_constraint("deferred_until", DeferredUntil, name="orders_order_deferred_valid", allow_blank=True),
            # s23(7): a deferred order takes effect no earlier than the release (or end) it waits for.
            models.CheckConstraint(
                condition=models.Q(deferred_until="", deferral_ended_on__isnull=True)
                | (
                    ~models.Q(deferred_until="")
                    & models.Q(deferral_ended_on__isnull=True, takes_effect_on__isnull=True)
                )
                | (
                    ~models.Q(deferred_until="")
                    & models.Q(deferral_ended_on__gte=models.F("made_on"))
                    & (
                        models.Q(takes_effect_on__isnull=True)
                        | models.Q(takes_effect_on__gte=models.F("deferral_ended_on"))
                    )
                ),
                name="orders_order_deferral_in_order",
            ),
            # s23(3): a full order in effect has its fixed period's last day; an interim has none.
            models.CheckConstraint(
                condition=models.Q(kind="full", takes_effect_on__isnull=True, ends_on__isnull=True)
                | models.Q(kind="full", takes_effect_on__isnull=False, ends_on__gte=models.F("takes_effect_on"))
                | (~models.Q(kind="full") & models.Q(ends_on__isnull=True)),
                name="orders_order_fixed_period_by_kind",
            ),
        ]
        indexes = [models.Index(fields=["subject", "made_on"], name="orders_order_subject_made_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} made {self.made_on:%d/%m/%Y}"


class OrderProvisionQuerySet(models.QuerySet):
    def current(self):
        """In the order now: not removed by a variation."""
        return self.filter(removed_by__isnull=True)

    def as_made(self):
        """As the court first made them: not added by a variation."""
        return self.filter(added_by__isnull=True)


class OrderProvision(ProvisionTerms):
    """A requirement or prohibition as the court made it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="provisions")
    # The proposed provision it came from; none if the court added it.
    proposed = models.ForeignKey(Provision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # s23(8): its own period in days, set with the order's dates when the order takes effect.
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True, help_text="Empty: until the order ends")
    # Versions (s27, s26(6), s28(6)): a variation removes the rows it changes or deletes and adds
    # the rows it makes; the order's provisions now are those no variation removed, and as
    # made those none added.
    added_by = models.ForeignKey(
        "Proceeding", on_delete=models.PROTECT, null=True, blank=True, related_name="provisions_added"
    )
    removed_by = models.ForeignKey(
        "Proceeding", on_delete=models.PROTECT, null=True, blank=True, related_name="provisions_removed"
    )

    objects = OrderProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "number"],
                condition=models.Q(removed_by__isnull=True),
                name="orders_order_provision_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(removed_by__isnull=True)
                | models.Q(added_by__isnull=True)
                | ~models.Q(removed_by=models.F("added_by")),
                name="orders_order_provision_versions",
            ),
            choices_constraint("kind", PROVISION_KIND_CHOICES, name="orders_order_provision_kind_valid"),
        ]


class DefendantNoticePurpose(models.TextChoices):
    """Section 1 of the defendant's notice (Appendix D)."""

    OWN_EVIDENCE = "own_evidence", "Evidence the defendant will rely on"
    CROSS_EXAMINE = "cross_examine", "Hearsay: the defendant wants to cross-examine the witness"
    CHALLENGE_CREDIBILITY = "challenge_credibility", "Hearsay: the defendant challenges the witness’s credibility"


class DefendantNotice(BaseModel):
    """A notice the defence served in response to the application (Appendix D)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="defendant_notices")
    served_on = models.DateField(help_text="The day it was served on the prosecutor")
    purposes = ArrayField(models.CharField(max_length=30, choices=DefendantNoticePurpose.choices))
    evidence_relied_on = models.TextField(blank=True, default="")
    witnesses_to_cross_examine = models.TextField(blank=True, default="")
    cross_examination_reasons = models.TextField(blank=True, default="")
    witnesses_challenged = models.TextField(blank=True, default="")
    challenge_material = models.TextField(blank=True, default="")
    defendant_contact = models.TextField(blank=True, default="", help_text="Name and contact details")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["application", "served_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purposes__contained_by=DefendantNoticePurpose.values) & ~models.Q(purposes=[]),
                name="orders_defendant_notice_purposes_valid",
            ),
        ]

    def __str__(self):
        return f"Defendant’s notice served {self.served_on:%d/%m/%Y}"


class NotificationKind(models.TextChoices):
    INITIAL = "initial", "On the order taking effect (s24(2))"
    CHANGE = "change", "Of a change of name or home address (s24(5))"


class Notification(BaseModel):
    """A notification the defendant gave the police under s24: their name(s) and home address
    when the order took effect (s24(2)-(3)), or a change of either (s24(5)-(6)), given at a
    police station (s24(7)). Written only by orders.lifecycle.notification_record."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    names = models.TextField(help_text="The name(s) the defendant uses")
    home_address = models.TextField()
    notified_on = models.DateField()
    # s24(5): the 3 days of a change notification begin with the day of the change.
    changed_on = models.DateField(null=True, blank=True)
    station = models.CharField(max_length=200, help_text="The police station it was given at")
    received_by = models.CharField(max_length=200, help_text="The officer or authorised person who received it")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["order", "notified_on", "id"]
        constraints = [
            choices_constraint("kind", NotificationKind, name="orders_notification_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(kind="initial", changed_on__isnull=True)
                | models.Q(kind="change", changed_on__isnull=False, notified_on__gte=models.F("changed_on")),
                name="orders_notification_change_dated",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.notified_on:%d/%m/%Y}"


# --- after the order: reviews (s26), variation, renewal and discharge (s27), appeals (s28) ------


class ProceedingKind(models.TextChoices):
    APPLICATION = "application", "Application to vary, renew or discharge (s27)"
    REVIEW = "review", "Review hearing (s26)"
    APPEAL = "appeal", "Appeal to the Crown Court (s28)"


class ProceedingSought(models.TextChoices):
    """What an application under s27(1) asks for (Appendix C's boxes). A renewal is of a full
    order only (s27(1)(a)-(b))."""

    VARY = "vary", "Vary the order"
    RENEW = "renew", "Renew the order"
    DISCHARGE = "discharge", "Discharge the order"


class ProceedingApplicant(models.TextChoices):
    """Who brought it: the defendant or the police (s27(2), s28)."""

    POLICE = "police", "The police"
    DEFENDANT = "defendant", "The defendant"


class ProceedingOutcome(models.TextChoices):
    VARIED = "varied", "Order varied"
    RENEWED = "renewed", "Order renewed"
    DISCHARGED = "discharged", "Order discharged"
    UNCHANGED = "unchanged", "Order left as it is"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Proceeding(BaseModel):
    """A step in court after an order is made that may vary, renew or discharge it: an
    application under s27 (by the police, with Appendix C's content, or by the defendant, with
    the police's representations), a review hearing (s26), or an appeal (s28). Its outcome is
    recorded once; a variation gives the order a new version of its provisions (the rows it
    added and removed, OrderProvision.added_by/removed_by). Written only by orders.variations."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="proceedings")
    kind = models.CharField(max_length=20, choices=ProceedingKind.choices)
    sought = models.CharField(max_length=20, choices=ProceedingSought.choices, blank=True, default="")
    # Blank for a review, which the court orders of its own motion (s26(2), (4)).
    applicant = models.CharField(max_length=20, choices=ProceedingApplicant.choices, blank=True, default="")
    # The hearing it is heard at: the order's s26 review, or one listed for an application or appeal.
    hearing = models.OneToOneField(Hearing, on_delete=models.PROTECT, null=True, blank=True, related_name="proceeding")
    # The police's application (Appendix C) or the defendant's, as received.
    reasons = models.TextField(blank=True, default="")
    proposed_changes = models.TextField(blank=True, default="")
    made_on = models.DateField(help_text="The day the police applied, or received the defendant's application")
    # A defendant's application: the police reply to the court and the defendant within 14 days
    # of receipt (the guidance, chapter 11), if they wish to make representations.
    representations_due_on = models.DateField(null=True, blank=True)
    representations_sent_on = models.DateField(null=True, blank=True)
    representations = models.TextField(blank=True, default="")
    # The YOT's views on a change to a child's order (consulted as for the order itself).
    yot = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": Organisation.Type.YOT},
    )
    yot_consulted_on = models.DateField(null=True, blank=True)
    yot_views = models.TextField(blank=True, default="")
    # s27(10) (per the guidance): no discharge in the first 6 months without both consents.
    defendant_consents = models.BooleanField(default=False)
    police_consent = models.BooleanField(default=False)
    # The court's decision.
    outcome = models.CharField(max_length=20, choices=ProceedingOutcome.choices, blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(blank=True, default="")
    # A renewal: the order's last day before and after it.
    previous_ends_on = models.DateField(null=True, blank=True)
    renewed_ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["order", "made_on", "id"]
        constraints = [
            choices_constraint("kind", ProceedingKind, name="orders_proceeding_kind_valid"),
            choices_constraint("sought", ProceedingSought, name="orders_proceeding_sought_valid", allow_blank=True),
            choices_constraint(
                "applicant", ProceedingApplicant, name="orders_proceeding_applicant_valid", allow_blank=True
            ),
            choices_constraint("outcome", ProceedingOutcome, name="orders_proceeding_outcome_valid", allow_blank=True),
            # Only an application under s27 asks for something.
            models.CheckConstraint(
                condition=models.Q(kind="application") & ~models.Q(sought="")
                | ~models.Q(kind="application") & models.Q(sought=""),
                name="orders_proceeding_sought_by_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", decided_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(decided_on__gte=models.F("made_on"))),
                name="orders_proceeding_decided_dated",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="renewed", renewed_ends_on__gt=models.F("previous_ends_on"))
                | (~models.Q(outcome="renewed") & models.Q(renewed_ends_on__isnull=True)),
                name="orders_proceeding_renewal_extends",
            ),
        ]
        indexes = [models.Index(fields=["order", "outcome"], name="orders_proceeding_order_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} on order {self.order_id}"

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)
