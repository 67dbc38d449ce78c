"""Forms of the order pages. orders/lifecycle.py decides what is recorded."""

from django import forms

from kcpo.accounts.models import Organisation
from kcpo.fields import GovukDateField
from orders.drafting_forms import months_field
from orders.models import (
    PROVISION_KIND_CHOICES,
    NotificationKind,
    ProceedingApplicant,
    ProceedingKind,
    ProceedingOutcome,
    ProceedingSought,
)
from orders.review_forms import textarea_field
from orders.variations import Decision, VariedProvision


class NotificationForm(forms.Form):
    kind = forms.ChoiceField(
        label="What did the defendant notify?",
        choices=NotificationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the defendant notified"},
    )
    changed_on = GovukDateField(
        label="If a change, the date the name or address changed",
        required=False,
        help_text="The 3 days to notify a change begin with the day of the change (s24(5)).",
    )
    names = textarea_field(
        "The name or names the defendant uses", required=True, message="Enter the defendant’s name or names", rows=2
    )
    home_address = textarea_field(
        "Their home address", required=True, message="Enter the defendant’s home address", rows=3
    )
    notified_on = GovukDateField(
        label="Date the defendant notified the police",
        error_messages={"required": "Enter the date of the notification"},
    )
    station = forms.CharField(
        label="Police station", max_length=200, error_messages={"required": "Enter the police station"}
    )
    received_by = forms.CharField(
        label="Who received it", max_length=200, error_messages={"required": "Enter who received the notification"}
    )


class PncForm(forms.Form):
    sent_on = GovukDateField(label="Date the order and PNC forms were sent to the PNC Bureau", required=False)
    uploaded_on = GovukDateField(label="Date the order was uploaded on the PNC", required=False)


# --- reviews, applications and appeals (orders/variations.py) ---------------------------------


def _radios(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": message}, **kwargs
    )


class ProceedingForm(forms.Form):
    """An application under s27 (the police's, or the defendant's as received) or an appeal (s28)."""

    applicant = _radios("Who made it?", ProceedingApplicant.choices, "Select who made it")
    sought = _radios(
        "What does it ask the court to do?", ProceedingSought.choices, "Select what it asks for", required=False
    )
    made_on = GovukDateField(
        label="Date it was made",
        help_text="For the defendant’s application, the day the police received it: representations are due "
        "within 14 days.",
        error_messages={"required": "Enter the date it was made"},
    )
    reasons = textarea_field("The reasons given", required=True, message="Enter the reasons given")
    proposed_changes = textarea_field(
        "What it proposes (optional)",
        help_text="The changes to the requirements or prohibitions, or the new period, as Appendix C sets them out.",
    )
    yot = forms.ModelChoiceField(
        label="Youth offending team consulted",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None",
        help_text="Before the police apply about a defendant under 18, consult the youth offending team.",
    )
    yot_consulted_on = GovukDateField(label="Date the youth offending team was consulted", required=False)
    yot_views = textarea_field("The youth offending team’s views (optional)", rows=3)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["yot"].queryset = Organisation.objects.filter(type=Organisation.Type.YOT, is_active=True)
        if kind != ProceedingKind.APPLICATION:
            for name in ("sought", "yot", "yot_consulted_on", "yot_views"):
                del self.fields[name]
            self.fields["made_on"].help_text = "The day the appeal was lodged."
        else:
            self.fields["sought"].required = True


class RepresentationsForm(forms.Form):
    sent_on = GovukDateField(
        label="Date sent to the court and the defendant", error_messages={"required": "Enter the date they were sent"}
    )
    representations = textarea_field(
        "Particulars of the representations", required=True, message="Enter the particulars of the representations"
    )


class ProceedingHearingForm(forms.Form):
    on = GovukDateField(label="Date of the hearing", error_messages={"required": "Enter the date of the hearing"})
    court = forms.ModelChoiceField(
        label="Court", queryset=Organisation.objects.none(), required=False, empty_label="Not known yet"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Organisation.objects.filter(type=Organisation.Type.COURT, is_active=True)


class DecisionForm(forms.Form):
    """What the court decided and, for a variation, every provision as it now reads: each kept,
    reworded or removed, and one that may be added."""

    outcome = _radios("What did the court decide?", [], "Select what the court decided")
    decided_on = GovukDateField(label="Date of the decision", error_messages={"required": "Enter the date"})
    notes = textarea_field("Notes (optional)", help_text="The court’s reasons, or anything the team should know")
    renewed_ends_on = GovukDateField(
        label="If renewed: the order’s new last day",
        required=False,
        help_text="No more than 2 years from the day it is renewed (s23(3)).",
    )
    defendant_consents = forms.BooleanField(label="The defendant consented to the discharge", required=False)
    police_consent = forms.BooleanField(label="The chief officer of police consented to the discharge", required=False)
    added_kind = forms.ChoiceField(
        label="Kind of condition added (optional)",
        choices=[("", "None added"), *PROVISION_KIND_CHOICES],
        required=False,
    )
    added_wording = textarea_field("Wording of a condition the court added (optional)", rows=3)
    added_period_months = months_field(
        "How many months the added condition lasts (optional)", "Leave blank if it lasts until the order ends"
    )

    def __init__(self, *args, outcomes: list[str], provisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.provisions = list(provisions)
        self.fields["outcome"].choices = [(o, ProceedingOutcome(o).label) for o in outcomes]
        self.offers_renewal = ProceedingOutcome.RENEWED in outcomes
        self.offers_discharge = ProceedingOutcome.DISCHARGED in outcomes
        if ProceedingOutcome.VARIED not in outcomes:
            for name in ("added_kind", "added_wording", "added_period_months"):
                del self.fields[name]
        for p in self.provisions if ProceedingOutcome.VARIED in outcomes else ():
            self.fields[f"wording_{p.number}"] = textarea_field(f"Wording of {p.label}", rows=3)
            self.fields[f"period_{p.number}"] = months_field(
                f"How many months {p.label} lasts", "Blank: until the order ends", minimum=1
            )
            self.fields[f"remove_{p.number}"] = forms.BooleanField(label=f"The court removed {p.label}", required=False)
            self.initial.setdefault(f"wording_{p.number}", p.wording)
            self.initial.setdefault(f"period_{p.number}", p.period_months)

    def provision_fields(self):
        """Per provision of the order now: the provision and its wording, period and removal fields."""
        return [
            (p, self[f"wording_{p.number}"], self[f"period_{p.number}"], self[f"remove_{p.number}"])
            for p in self.provisions
            if f"wording_{p.number}" in self.fields
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("added_wording") and not cleaned.get("added_kind"):
            self.add_error("added_kind", "Select whether the added condition is a requirement or a prohibition")
        return cleaned

    def decision(self) -> Decision:
        data = self.cleaned_data
        varied = data["outcome"] == ProceedingOutcome.VARIED
        provisions = []
        if varied:
            provisions = [
                VariedProvision(
                    number=p.number,
                    wording=data.get(f"wording_{p.number}") or "",
                    period_months=data.get(f"period_{p.number}"),
                    remove=bool(data.get(f"remove_{p.number}")),
                )
                for p in self.provisions
            ]
            if data.get("added_kind") and data.get("added_wording"):
                provisions.append(
                    VariedProvision(
                        number=None,
                        kind=data["added_kind"],
                        wording=data["added_wording"],
                        period_months=data.get("added_period_months"),
                    )
                )
        return Decision(
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            notes=data.get("notes") or "",
            provisions=tuple(provisions),
            renewed_ends_on=data.get("renewed_ends_on") if data["outcome"] == ProceedingOutcome.RENEWED else None,
            defendant_consents=bool(data.get("defendant_consents")),
            police_consent=bool(data.get("police_consent")),
        )


class ReleaseForm(forms.Form):
    ended_on = GovukDateField(
        label="Date of the release", error_messages={"required": "Enter the date the defendant was released"}
    )
    review_on = GovukDateField(
        label="Date of the review hearing (s26)",
        required=False,
        help_text="Needed if any requirement or prohibition lasts beyond the order’s first year: in the last 4 weeks "
        "of that year, counted from the release.",
    )
