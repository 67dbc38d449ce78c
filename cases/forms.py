from django import forms

from cases.choices import (
    DISPOSAL_CHOICES,
    GOOD_REASON_CHOICES,
    LIMB_CHOICES,
    PLACE_CHOICES,
    Ethnicity,
    Gender,
    OccasionOutcome,
    OccasionSource,
)
from cases.services import SHAREABLE_ORGANISATION_TYPES, SUBJECT_RECORD_FIELDS
from eligibility.core import Disposal
from kcpo.accounts.models import Organisation
from kcpo.fields import GovukDateField


class ShareCaseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation to share with",
        queryset=Organisation.objects.none(),
        empty_label="Select an organisation",
        error_messages={"required": "Select the organisation to share the case with"},
    )
    reason = forms.CharField(
        label="Why are you sharing this case?",
        help_text="For example, YOT consultation for a subject under 18 (s15(5)).",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are sharing this case"},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(type__in=SHAREABLE_ORGANISATION_TYPES, is_active=True)
            .exclude(id=case.owner_id)
            .order_by("name", "id")
        )


class SubjectSearchForm(forms.Form):
    name = forms.CharField(
        label="Name or alias", required=False, max_length=200, help_text="Any part of a name, nickname or street name"
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("name", "").strip() and not cleaned.get("date_of_birth"):
            raise forms.ValidationError("Enter a name, an alias or a date of birth to search for")
        return cleaned


SUBJECT_FLAGS = [
    ("special_educational_needs", "Special educational needs"),
    ("looked_after_child", "Looked-after child"),
    ("child_in_need", "Child in need"),
]


class SubjectForm(forms.Form):
    """A person's record (DESIGN §2). Flags are one 'which of these apply' question."""

    given_names = forms.CharField(
        label="Given names", max_length=200, error_messages={"required": "Enter the person’s given names"}
    )
    family_name = forms.CharField(
        label="Family name", max_length=200, error_messages={"required": "Enter the person’s family name"}
    )
    aliases = forms.CharField(
        label="Other names they are known by (optional)",
        help_text="Nicknames, former names or street names, one per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    date_of_birth = GovukDateField(
        label="Date of birth", error_messages={"required": "Enter the person’s date of birth"}
    )
    gender = forms.ChoiceField(
        label="Gender", choices=Gender.choices, initial=Gender.NOT_KNOWN, widget=forms.RadioSelect
    )
    ethnicity = forms.ChoiceField(label="Ethnicity (self-defined)", choices=Ethnicity.choices, initial=Ethnicity.NS)
    address_line_1 = forms.CharField(label="Address line 1 (optional)", max_length=200, required=False)
    address_line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city (optional)", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    police_area = forms.ChoiceField(
        label="Police area they live in",
        help_text="Who may apply depends on where they live (section 15(2))",
        required=False,
    )
    local_authority = forms.CharField(label="Local authority or borough (optional)", max_length=100, required=False)
    guardian_name = forms.CharField(
        label="Parent or guardian’s name (optional)",
        help_text="Needed on an application for anyone under 18",
        max_length=200,
        required=False,
    )
    guardian_relationship = forms.CharField(
        label="Relationship to the person (optional)", max_length=100, required=False
    )
    guardian_address = forms.CharField(label="Parent or guardian’s address (optional)", max_length=500, required=False)
    guardian_phone = forms.CharField(
        label="Parent or guardian’s phone number (optional)", max_length=40, required=False
    )
    flags = forms.MultipleChoiceField(
        label="Which of these apply? (optional)",
        help_text="They change how notice is given and who must be told. Select all that apply.",
        choices=SUBJECT_FLAGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    social_worker = forms.CharField(
        label="Social worker (optional)", help_text="Name and contact details", max_length=300, required=False
    )
    interpreter_language = forms.CharField(
        label="Interpreter needed for (optional)",
        max_length=100,
        required=False,
        help_text="The language, if an interpreter is needed",
    )
    cultural_needs = forms.CharField(
        label="Cultural or other needs (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Set when the page has already shown the likely matches for these names and date of birth.
    checked_for = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, force: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        forces = Organisation.objects.filter(type=Organisation.Type.POLICE_FORCE, is_active=True).exclude(id=force.id)
        self.fields["police_area"].choices = [
            ("", f"{force.name} (your force)"),
            *forces.order_by("name", "id").values_list("code", "name"),
        ]

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("aliases", "").splitlines() if line.strip()]

    def identity(self) -> str:
        """What the likely-duplicate check looked at; if it changes, check again."""
        data = self.cleaned_data
        return "|".join(
            [
                data["given_names"].strip().lower(),
                data["family_name"].strip().lower(),
                data["date_of_birth"].isoformat(),
            ]
            + sorted(a.lower() for a in self.alias_list())
        )

    def record(self) -> dict:
        """Keyword arguments for cases.services.subject_create."""
        data = self.cleaned_data
        flags = {flag: flag in data["flags"] for flag, _label in SUBJECT_FLAGS}
        return {name: flags[name] if name in flags else data[name] for name in SUBJECT_RECORD_FIELDS}


NO_GOOD_REASON = ("", "No good reason or lawful authority was claimed")


class OccasionForm(forms.Form):
    occurred_on = GovukDateField(
        label="Date of the occasion",
        subject="The date of the occasion",
        error_messages={"required": "Enter the date of the occasion"},
    )
    place = forms.ChoiceField(
        label="Where were they?",
        choices=PLACE_CHOICES,
        widget=forms.RadioSelect,
        help_text="Only a public place, school premises or further education premises count under section 14(3).",
        error_messages={"required": "Select where they were"},
    )
    place_description = forms.CharField(
        label="Name or description of the place",
        help_text=(
            "The name of the school or college, or for somewhere else, what kind of place it was. "
            "Optional for a public place."
        ),
        max_length=300,
        required=False,
    )
    location = forms.CharField(
        label="Location",
        help_text="Street or address",
        max_length=300,
        error_messages={"required": "Enter the location"},
    )
    article = forms.CharField(
        label="What was the bladed article?",
        help_text="For example, kitchen knife with a 20 cm blade",
        max_length=300,
        error_messages={"required": "Describe the bladed article"},
    )
    source = forms.ChoiceField(
        label="Source of the information",
        choices=OccasionSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the source of the information"},
    )
    source_reference = forms.CharField(
        label="Reference (optional)",
        help_text="For example, the crime or intelligence report number",
        max_length=100,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="What happened? (optional)", choices=[("", "Not known yet"), *OccasionOutcome.choices], required=False
    )
    good_reason = forms.ChoiceField(
        label="Was a good reason or lawful authority claimed?",
        help_text="Section 14(5): for example, use at work, educational or religious reasons, or national costume.",
        choices=[NO_GOOD_REASON, *GOOD_REASON_CHOICES],
        widget=forms.RadioSelect,
        required=False,
    )
    good_reason_details = forms.CharField(
        label="Details of the reason or authority claimed",
        help_text="Needed if one was claimed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        help_text="One item per line, for example body-worn video or the exhibit number",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def record(self) -> dict:
        """Keyword arguments for cases.services.occasion_record."""
        return dict(self.cleaned_data)


class ConvictionForm(forms.Form):
    offence = forms.CharField(
        label="Offence",
        max_length=300,
        help_text="For example, possession of a bladed article in a public place",
        error_messages={"required": "Enter the offence"},
    )
    offence_date = GovukDateField(
        label="Date of the offence",
        subject="The date of the offence",
        error_messages={"required": "Enter the date of the offence"},
    )
    court = forms.CharField(label="Court (optional)", max_length=200, required=False)
    charged_on = GovukDateField(label="Date of charge (optional)", subject="The date of charge", required=False)
    convicted_on = GovukDateField(
        label="Date of conviction (optional)", subject="The date of conviction", required=False
    )
    sentenced_on = GovukDateField(label="Date of sentence (optional)", subject="The date of sentence", required=False)
    limbs = forms.MultipleChoiceField(
        label="Which of these describe the offence?",
        help_text=(
            "Section 19(1)(b): an order can be made only on conviction of a relevant offence. Select all that apply."
        ),
        choices=LIMB_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    disposal = forms.ChoiceField(
        label="Sentence or discharge",
        choices=DISPOSAL_CHOICES,
        widget=forms.RadioSelect,
        initial=Disposal.PENDING.value,
        error_messages={"required": "Select the sentence or discharge, or ‘not yet sentenced’"},
    )

    def record(self) -> dict:
        data = dict(self.cleaned_data)
        limbs = data.pop("limbs")
        data.update({limb: limb in limbs for limb, _label in LIMB_CHOICES})
        return data
