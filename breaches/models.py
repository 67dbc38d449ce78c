"""Police checks of an order's prohibitions, suspected breaches, the police's decision and the
court's outcome (DESIGN §2 "Breach", §3 "Non-compliance → breach").

A breach belongs to the order's owning force; only its police see it. Whether an under-18's
breach is "more than trivial" is computed by eligibility.core.breaches from the recorded
compliance reports and checks, and shown, not stored: the records are the evidence."""

from django.conf import settings
from django.db import models

from kcpo.models import BaseModel, choices_constraint
from orders.models import Order, OrderProvision, Proceeding
from provision.models import ComplianceReport


class CheckKind(models.TextChoices):
    CURFEW = "curfew", "Curfew check"
    PLACE = "place", "Check of a place the subject must not enter"
    ASSOCIATION = "association", "Check of people the subject must not associate with"
    OTHER = "other", "Other check"


class PoliceCheck(BaseModel):
    """An officer's check of a prohibition (the guidance, ch. 9: prohibitions have no supervisor
    and are monitored by standard police checks): when, where, whether the subject was present
    (at home, for a curfew) and, for a curfew broken, by how many minutes."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="police_checks")
    prohibition = models.ForeignKey(
        OrderProvision, on_delete=models.PROTECT, null=True, blank=True, related_name="police_checks"
    )
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    checked_at = models.DateTimeField()
    place = models.CharField(max_length=300)
    complied = models.BooleanField(help_text="Present when required (curfew), or absent where prohibited")
    minutes_outside = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="A curfew broken: how many minutes outside the curfew"
    )
    officer = models.CharField(max_length=200)
    notes = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["order", "-checked_at", "-id"]
        constraints = [
            choices_constraint("kind", CheckKind, name="breaches_check_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(minutes_outside__isnull=True) | models.Q(complied=False, kind="curfew"),
                name="breaches_check_minutes_only_for_broken_curfew",
            ),
        ]
        indexes = [models.Index(fields=["order", "checked_at"], name="breaches_check_order_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.checked_at:%d/%m/%Y %H:%M}"


class CameToLight(models.TextChoices):
    SUPERVISOR_REPORT = "supervisor_report", "A supervisor’s report"
    CURFEW_CHECK = "curfew_check", "A curfew check"
    STOP = "stop", "A stop by an officer"
    OTHER = "other", "Another way"


class BreachDecision(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    WORDS_OF_ADVICE = "words_of_advice", "Words of advice"
    CONSIDER_VARIATION = "consider_variation", "Consider varying the order (s27)"
    ARREST = "arrest", "Arrest"
    CHARGE_S29 = "charge_s29", "Charge: breach of the order (s29)"
    CHARGE_S25 = "charge_s25", "Charge: failing to notify (s25)"


# The decisions that take the breach to court.
CHARGES = frozenset({BreachDecision.CHARGE_S29, BreachDecision.CHARGE_S25})


class CourtOutcome(models.TextChoices):
    FINE = "fine", "Fine"
    YOUTH_REHABILITATION_ORDER = "yro", "Youth rehabilitation order"
    CUSTODY = "custody", "Custody"
    CONDITIONAL_DISCHARGE = "conditional_discharge", "Conditional discharge"
    NOT_GUILTY = "not_guilty", "Not guilty"
    WITHDRAWN = "withdrawn", "Withdrawn"
    OTHER = "other", "Other"


class Breach(BaseModel):
    """A suspected contravention of a provision of the order, or of the s24 duty to notify:
    when, how it came to light, the evidence (and the reports and checks it rests on), the
    police's decision and, if charged, the court's outcome. Written only by breaches.services."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="breaches")
    # The provision contravened; none when it is the notification duty (s24, charged under s25).
    provision = models.ForeignKey(
        OrderProvision, on_delete=models.PROTECT, null=True, blank=True, related_name="breaches"
    )
    notification_duty = models.BooleanField(default=False)
    occurred_on = models.DateField()
    came_to_light = models.CharField(max_length=30, choices=CameToLight.choices)
    evidence = models.TextField()
    reports = models.ManyToManyField(ComplianceReport, blank=True, related_name="breaches")
    checks = models.ManyToManyField(PoliceCheck, blank=True, related_name="breaches")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The police's decision.
    decision = models.CharField(max_length=30, choices=BreachDecision.choices, blank=True, default="")
    decision_reason = models.TextField(blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "Consider variation": the application to vary it led to, once made.
    variation = models.ForeignKey(Proceeding, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The court's outcome of a charge.
    court_outcome = models.CharField(max_length=30, choices=CourtOutcome.choices, blank=True, default="")
    court_outcome_on = models.DateField(null=True, blank=True)
    court_outcome_notes = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["order", "-occurred_on", "-id"]
        constraints = [
            choices_constraint("came_to_light", CameToLight, name="breaches_breach_came_to_light_valid"),
            choices_constraint("decision", BreachDecision, name="breaches_breach_decision_valid", allow_blank=True),
            choices_constraint(
                "court_outcome", CourtOutcome, name="breaches_breach_court_outcome_valid", allow_blank=True
            ),
            # Exactly one of: a provision, or the notification duty.
            models.CheckConstraint(
                condition=models.Q(provision__isnull=False, notification_duty=False)
                | models.Q(provision__isnull=True, notification_duty=True),
                name="breaches_breach_of_one_thing",
            ),
            models.CheckConstraint(
                condition=models.Q(decision="", decided_on__isnull=True)
                | (~models.Q(decision="") & models.Q(decided_on__gte=models.F("occurred_on"))),
                name="breaches_breach_decision_dated",
            ),
            # A court outcome only follows a charge.
            models.CheckConstraint(
                condition=models.Q(court_outcome="", court_outcome_on__isnull=True)
                | (
                    ~models.Q(court_outcome="")
                    & models.Q(decision__in=sorted(c.value for c in CHARGES), court_outcome_on__isnull=False)
                ),
                name="breaches_breach_outcome_after_charge",
            ),
        ]
        indexes = [models.Index(fields=["order", "occurred_on"], name="breaches_breach_order_idx")]

    def __str__(self):
        what = "the notification duty" if self.notification_duty else f"provision {self.provision_id}"
        return f"Suspected breach of {what} on {self.occurred_on:%d/%m/%Y}"
