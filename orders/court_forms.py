"""Forms for hearings, their outcomes, service records and defendant's notices. The services
in orders/court.py make the decisions; these only turn what was typed into their arguments."""

from django import forms

from eligibility.core.provisions import ProvisionKind
from kcpo.accounts.models import Organisation
from kcpo.fields import GovukDateField
from orders.court import MadeProvision, OrderTerms, order_kind_for
from orders.drafting_forms import months_field
from orders.models import (
    DOCUMENT_KIND_CHOICES,
    HEARING_KIND_CHOICES,
    PROVISION_KIND_CHOICES,
    RECIPIENT_KIND_CHOICES,
    SERVICE_METHOD_CHOICES,
    Application,
    DefendantNoticePurpose,
    DeferredUntil,
    HearingOutcome,
    OrderKind,
    RefusalReason,
)
from orders.review_forms import active_organisations, textarea_field
from orders.workflow import INTERIM_ROUTES, Route, State


def _radios(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": message}, **kwargs
    )


def _text(label: str, message: str = "", *, required: bool = True, max_length: int = 200, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        error_messages={"required": message} if message else {},
        **kwargs,
    )


class HearingForm(forms.Form):
    court = forms.ModelChoiceField(
        label="Court",
        queryset=active_organisations(Organisation.Type.COURT),
        empty_label="Select a court",
        error_messages={"required": "Choose the court"},
    )
    date = GovukDateField(label="Date of the hearing", error_messages={"required": "Enter the date of the hearing"})
    kind = _radios("Type of hearing", HEARING_KIND_CHOICES, "Select the type of hearing")


class ServiceRecordForm(forms.Form):
    document = _radios("What was served?", DOCUMENT_KIND_CHOICES, "Select what was served")
    recipient = _radios("Who was it served on?", RECIPIENT_KIND_CHOICES, "Select who it was served on")
    recipient_name = _text("Their name", "Enter the name of the person it was served on")
    method = _radios(
        "How was it served?",
        SERVICE_METHOD_CHOICES,
        "Select how it was served",
        help_text="A hearsay notice on the civil route cannot be served by email.",
    )
    served_on = GovukDateField(
        label="Date of service",
        help_text="The day service took effect. For example, 14 1 2027",
        error_messages={"required": "Enter the date of service"},
    )
    served_by = _text("Who served it?", "Enter who served it", help_text="Name and role or collar number")


class DefendantNoticeForm(forms.Form):
    served_on = GovukDateField(
        label="Date the notice was served",
        help_text="The day it was served on the court officer or the prosecutor. For example, 14 1 2027",
        error_messages={"required": "Enter the date the notice was served"},
    )
    purposes = forms.MultipleChoiceField(
        label="What is the notice about?",
        help_text="Section 1 of the notice. Select all that apply.",
        choices=DefendantNoticePurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what the notice is about"},
    )
    evidence_relied_on = textarea_field("Evidence the defendant will rely on", help_text="Section 2 of the notice")
    witnesses_to_cross_examine = textarea_field("Witnesses the defendant wants to cross-examine")
    cross_examination_reasons = textarea_field("Why they want to cross-examine them")
    witnesses_challenged = textarea_field("Witnesses whose credibility or consistency is challenged")
    challenge_material = textarea_field("Statements or other material relied on for the challenge")
    defendant_contact = textarea_field("Defendant’s name and contact details", rows=3)


def outcome_choices(application: Application) -> list[tuple[str, str]]:
    """The outcomes a hearing of this application can have: an interim order only on a route
    that seeks one (s17, s18); the end of the prosecution only on conviction (s19)."""
    allowed = []
    for outcome in HearingOutcome:
        if outcome == HearingOutcome.INTERIM_ORDER and application.route not in INTERIM_ROUTES:
            continue
        if outcome == HearingOutcome.ENDED and application.route != Route.S19:
            continue
        label = outcome.label
        if outcome == HearingOutcome.INTERIM_ORDER:
            label = OrderKind(order_kind_for(application, outcome)).label
        allowed.append((outcome.value, label))
    return allowed


class HearingOutcomeForm(forms.Form):
    """What the court decided and, when it made an order, the order as made: which proposed
    provisions it made (reworded if the court changed them) and any it added."""

    outcome = forms.ChoiceField(
        label="What did the court decide?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the court decided"},
    )
    refusal_reason = forms.ChoiceField(
        label="If it refused: why?",
        choices=RefusalReason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    notes = textarea_field("Notes (optional)", help_text="The court’s reasons, or anything else the team should know")
    court_reference = _text("The court’s reference for the order", required=False, max_length=100)
    duration_months = months_field(
        "How many months does the order last?", "A full order: at least 6 and at most 24 (s23(3))", minimum=1
    )
    review_on = GovukDateField(
        label="Date of the review hearing (s26)",
        required=False,
        help_text="A full order with any requirement or prohibition lasting beyond its first year must set a "
        "review hearing in the last 4 weeks of that year.",
    )
    deferred_until = forms.ChoiceField(
        label="Does the order take effect now?",
        help_text="For a defendant in custody, serving a custodial sentence or on licence, the court may provide "
        "that the order does not take effect until the defendant is released (s23(6)-(7)).",
        choices=[("", "Yes, it takes effect now (or, for an s17 interim order, when served)")]
        + [(value, f"No, not until the defendant {label}") for value, label in DeferredUntil.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    made = forms.MultipleChoiceField(
        label="Which proposed requirements and prohibitions did the court make?",
        help_text="Untick any the court did not make. Change the wording below where the court changed it.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    added_kind = forms.ChoiceField(
        label="Kind of condition added (optional)",
        choices=[("", "None added"), *PROVISION_KIND_CHOICES],
        required=False,
    )
    added_wording = textarea_field("Wording of a condition the court added (optional)", rows=3)

    def __init__(self, *args, application: Application, provisions, **kwargs):
        self.application = application
        self.provisions = list(provisions)
        initial = kwargs.setdefault("initial", {})
        # Interim orders without notice can impose prohibitions only (s17(5)): start from those.
        interim_s17 = application.route == Route.S14_WITHOUT_NOTICE and application.state == State.LAID
        initial.setdefault(
            "made", [str(p.id) for p in self.provisions if not (interim_s17 and p.kind == ProvisionKind.REQUIREMENT)]
        )
        initial.setdefault("duration_months", application.proposed_duration_months)
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices(application)
        self.fields["made"].choices = [(str(p.id), f"{p.label}: {p.wording[:120]}") for p in self.provisions]
        for provision in self.provisions:
            self.fields[f"wording_{provision.id}"] = forms.CharField(
                label=f"{provision.label} as made",
                initial=provision.wording,
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def wording_fields(self):
        return [self[f"wording_{provision.id}"] for provision in self.provisions]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("added_wording") and not cleaned.get("added_kind"):
            self.add_error("added_kind", "Select whether the added condition is a requirement or a prohibition")
        return cleaned

    def order_terms(self) -> OrderTerms | None:
        """The order as made, for orders.court.hearing_record_outcome; None when no order was made."""
        data = self.cleaned_data
        if data["outcome"] not in {HearingOutcome.GRANTED, HearingOutcome.INTERIM_ORDER}:
            return None
        chosen = set(data.get("made") or [])
        made = [
            MadeProvision(
                kind=p.kind,
                wording=data.get(f"wording_{p.id}") or "",
                proposed=p,
                period_months=p.period_months,
            )
            for p in self.provisions
            if str(p.id) in chosen
        ]
        if data.get("added_kind") and data.get("added_wording"):
            made.append(MadeProvision(kind=data["added_kind"], wording=data["added_wording"]))
        return OrderTerms(
            court_reference=data.get("court_reference") or "",
            provisions=tuple(made),
            duration_months=data.get("duration_months") if data["outcome"] == HearingOutcome.GRANTED else None,
            review_on=data.get("review_on") if data["outcome"] == HearingOutcome.GRANTED else None,
            deferred_until=data.get("deferred_until") or "",
        )
