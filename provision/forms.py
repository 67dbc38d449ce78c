"""Forms for the catalogue pages (provision/views/catalogue_views.py) and the referral pages
(provision/views/referral_views.py). They check what a person typed and say what is wrong in
GOV.UK words; what the law and the states allow is the services' to refuse (provision.catalogue,
provision.referrals), and the views show those refusals on the same form."""

from django import forms

from kcpo.fields import GovukDateField
from orders.drafting import clock_parse
from orders.drafting_forms import WINDOWS, YES_NO, clock_field, days_field
from provision.catalogue import AGE_RANGE
from provision.models import REQUIREMENT_CATEGORY_CHOICES, ConsentBy, Funding, Offer

LOW_AGE, HIGH_AGE = AGE_RANGE
SUPERVISORS_ONLY = "yes"


def _age_field(label: str, required_message: str, *, required: bool = True) -> forms.IntegerField:
    out_of_range = f"Enter an age from {LOW_AGE} to {HIGH_AGE}"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=LOW_AGE,
        max_value=HIGH_AGE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": required_message,
            "invalid": "Enter an age as a whole number, like 15",
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


def _areas(text: str) -> list[str]:
    """Areas as typed, one a line or separated by commas."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


class OfferForm(forms.Form):
    """One offer of a provider: what, where, for whom, when, how many, who pays, and whether
    the provider takes the supervisor's duties (s22(5)). The times are up to two weekly
    windows, as a requirement's (orders.drafting_forms.ProvisionForm)."""

    name = forms.CharField(
        label="Name of what you offer",
        help_text="For example, Weekly mentoring for 13 to 18 year olds",
        max_length=200,
        error_messages={"required": "Enter the name of what you offer"},
    )
    description = forms.CharField(
        label="Description (optional)",
        help_text="What the young person does, and where",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    categories = forms.MultipleChoiceField(
        label="Which kinds of requirement do you provide?",
        help_text="From the guidance’s menu of options. Select all that apply.",
        choices=REQUIREMENT_CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one kind of requirement you provide",
            "invalid_choice": "Select kinds of requirement from the list",
        },
    )
    areas = forms.CharField(
        label="Areas you work in",
        help_text="Local authorities or boroughs, one on each line, for example Lambeth",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter at least one area you work in"},
    )
    named_supervisor = forms.CharField(
        label="Named supervisor (optional)",
        help_text="The person who will supervise, if it is always the same person",
        required=False,
        max_length=200,
    )
    min_age = _age_field("Youngest age you work with", "Enter the youngest age you work with")
    max_age = _age_field("Oldest age you work with", "Enter the oldest age you work with")
    window_1_days = days_field()
    window_1_start = clock_field("Start time", "24-hour clock, for example 16:00")
    window_1_end = clock_field("End time", "24-hour clock, for example 17:30")
    window_2_days = days_field()
    window_2_start = clock_field("Start time", "24-hour clock, for example 10:00")
    window_2_end = clock_field("End time", "24-hour clock, for example 12:00")
    capacity = forms.IntegerField(
        label="How many young people can you take at a time? (optional)",
        help_text="Leave blank if there is no fixed limit",
        required=False,
        min_value=1,
        max_value=9999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": "Enter the number of places as a whole number, like 6",
            "min_value": "Enter the number of places as a whole number, 1 or more, or leave it blank",
            "max_value": "Enter a number of places of 9999 or fewer",
        },
    )
    funding = forms.ChoiceField(
        label="How is it funded?",
        choices=Funding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it is funded"},
    )
    accepts_supervisor_duty = forms.TypedChoiceField(
        label="Will you take the supervisor’s duties under section 22(5)?",
        help_text=(
            "To make the arrangements for the requirement, encourage the young person to comply, and tell the police "
            "whether they complied. Only providers who do can be named as a requirement’s supervisor."
        ),
        choices=YES_NO,
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you will take the supervisor’s duties"},
    )

    def __init__(self, *args, offer: Offer | None = None, **kwargs):
        initial = {}
        if offer is not None:
            initial = {
                "name": offer.name,
                "description": offer.description,
                "categories": list(offer.categories),
                "areas": "\n".join(offer.areas),
                "named_supervisor": offer.named_supervisor,
                "min_age": offer.min_age,
                "max_age": offer.max_age,
                "capacity": offer.capacity,
                "funding": offer.funding,
                "accepts_supervisor_duty": str(offer.accepts_supervisor_duty),
            }
            for (prefix, _ordinal), window in zip(WINDOWS, offer.schedule, strict=False):
                initial[f"{prefix}_days"] = [str(day) for day in window["days"]]
                initial[f"{prefix}_start"], initial[f"{prefix}_end"] = window["start"], window["end"]
        super().__init__(*args, initial=initial, **kwargs)

    def clean_areas(self) -> list[str]:
        areas = _areas(self.cleaned_data["areas"])
        if not areas:
            raise forms.ValidationError("Enter at least one area you work in")
        if any(len(area) > 100 for area in areas):
            raise forms.ValidationError("Enter each area in 100 characters or fewer")
        return areas

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", "The oldest age must be the same as or more than the youngest")
        cleaned["schedule"] = self._schedule(cleaned)
        return cleaned

    def _schedule(self, cleaned) -> list[dict]:
        """The weekly windows filled in, each with days and both times; an error on each part
        missing or not a 24-hour time."""
        schedule = []
        for prefix, ordinal in WINDOWS:
            days = cleaned.get(f"{prefix}_days") or []
            times, typed = {}, False
            for end in ("start", "end"):
                text = (cleaned.get(f"{prefix}_{end}") or "").strip()
                if not text:
                    continue
                typed = True
                try:
                    times[end] = clock_parse(text)
                except ValueError:
                    self.add_error(
                        f"{prefix}_{end}", f"Enter the {end} time of the {ordinal} window as a 24-hour time, like 16:00"
                    )
            if not days and not typed:
                continue  # an unused window
            if not days:
                self.add_error(f"{prefix}_days", f"Select the days of the {ordinal} window")
            for end in ("start", "end"):
                if not (cleaned.get(f"{prefix}_{end}") or "").strip():
                    self.add_error(f"{prefix}_{end}", f"Enter the {end} time of the {ordinal} window")
            if days and len(times) == 2:
                schedule.append({"days": sorted(int(day) for day in days), **times})
        return schedule

    def changes(self) -> dict:
        """Keyword arguments for provision.catalogue.offer_create and offer_update."""
        names = (
            "name",
            "description",
            "categories",
            "areas",
            "named_supervisor",
            "min_age",
            "max_age",
            "schedule",
            "capacity",
            "funding",
            "accepts_supervisor_duty",
        )
        return {name: self.cleaned_data[name] for name in names}


class CatalogueSearchForm(forms.Form):
    """The catalogue's filters, sent by GET (the GOV.UK filter pattern, without JavaScript)."""

    category = forms.ChoiceField(
        label="Kind of requirement",
        choices=[("", "Any kind"), *REQUIREMENT_CATEGORY_CHOICES],
        required=False,
        error_messages={"invalid_choice": "Select a kind of requirement from the list"},
    )
    area = forms.CharField(
        label="Area",
        help_text="A local authority or borough, for example Lambeth",
        required=False,
        max_length=100,
    )
    age = _age_field("Age of the young person", "", required=False)
    supervisors_only = forms.MultipleChoiceField(
        label="Supervision",
        choices=[(SUPERVISORS_ONLY, "Only providers who take the supervisor’s duties (s22)")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def filters(self) -> dict:
        """Keyword arguments for provision.catalogue.offer_search (valid forms only)."""
        return {
            "category": self.cleaned_data["category"],
            "area": self.cleaned_data["area"].strip(),
            "age": self.cleaned_data["age"],
            "supervisors_only": SUPERVISORS_ONLY in self.cleaned_data["supervisors_only"],
        }


class ReferralForm(forms.Form):
    """What the police tell the provider: how to make contact, and the consent to share it."""

    contact_details = forms.CharField(
        label="How can the provider contact the young person?",
        help_text="Phone numbers and addresses of the young person and of a parent or carer, and the best times",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter how the provider can contact the young person"},
    )
    consent_by = forms.ChoiceField(
        label="Who agreed to share these details with the provider?",
        choices=ConsentBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who agreed to share these details"},
    )
    consent_on = GovukDateField(
        label="When was consent given?",
        subject="The date consent was given",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date consent was given"},
    )
    relevant_needs = forms.CharField(
        label="Needs relevant to the activity (optional)",
        help_text=(
            "Only what the provider needs to run the activity safely, such as a disability, a language or a place "
            "they must not be sent to. Never include intelligence or details of the case."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReferralDeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining the referral?",
        help_text="The police will see this, so that they can refer the young person elsewhere",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are declining the referral"},
    )


class ReferralFirstContactForm(forms.Form):
    first_contact_on = GovukDateField(
        label="When did you first make contact with the young person?",
        subject="The date you first made contact",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date you first made contact"},
    )


class ReferralWithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing the referral?",
        help_text="The provider will see this",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are withdrawing the referral"},
    )
