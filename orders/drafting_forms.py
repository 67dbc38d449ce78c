"""Forms for the police drafting pages (orders/views/drafting_views.py). Each carries the
application's `version` as it was read, for the services' optimistic locking."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from cases.selectors import conviction_list_for_subject
from eligibility.core import Weekday
from kcpo.accounts.models import Organisation
from kcpo.fields import GovukDateField, HintedRadioSelect
from orders.drafting import (
    PROVISION_FIELDS,
    SUPERVISOR_NOT_BOTH,
    clock_parse,
    conviction_label,
    supervisor_organisations,
)
from orders.models import (
    NECESSITY_GROUND_CHOICES,
    PROVISION_CATEGORY_CHOICES,
    PROVISION_KIND_CHOICES,
    Application,
    EvidenceKind,
    Provision,
)
from orders.services import EDITABLE_FIELDS, STALE
from orders.workflow import Route

ROUTE_HINTS = {
    Route.S14_WITH_NOTICE: (
        "On complaint to a magistrates’ court or the youth court. The defendant is served with the application "
        "and the summons before the hearing."
    ),
    Route.S14_WITHOUT_NOTICE: (
        "Only where it is exceptional and urgent, and you must record why (s16). The court can make an interim "
        "order of prohibitions only (s17) until the full hearing, which is on notice."
    ),
    Route.S14_WITH_INTERIM: (
        "With notice, asking the court for an interim order of requirements and prohibitions if the hearing is "
        "adjourned (s18)."
    ),
    Route.S19: (
        "When they are convicted of a relevant offence: the prosecution applies, so you draft the application "
        "for the CPS (s19)."
    ),
}
KIND_HINTS = {
    "requirement": "Something they must do, such as attend mentoring or be at home at certain times (s21(2))",
    "prohibition": "Something they must not do, such as go to a place or contact a person (s21(4))",
}
DAY_CHOICES = [(str(day.value), day.full_name) for day in Weekday]
WINDOWS = (("window_1", "first"), ("window_2", "second"))
YES_NO = [("True", "Yes"), ("False", "No")]


def _yes(value: str) -> bool:
    """A YES_NO answer as a boolean."""
    return value == "True"


class VersionForm(forms.Form):
    """The version of the application the page showed: every change says which one it read."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def changes(self) -> dict:
        """Keyword arguments for the form's service, besides the version it read (which the
        service takes as `expected_version`)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def months_field(label: str, help_text: str, *, minimum: int = 0) -> forms.IntegerField:
    """A number of months, typed (GOV.UK advises against type=number). The law's limits are
    the provision checks' to report (s23); this only keeps to what the database accepts."""
    out_of_range = f"Enter a number of months from {minimum} to 120"
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=minimum,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter a whole number of months, like 12",
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


def days_field() -> forms.MultipleChoiceField:
    """The days of one weekly window of a provision's schedule."""
    return forms.MultipleChoiceField(
        label="Days", choices=DAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )


def clock_field(label: str, help_text: str) -> forms.CharField:
    """A start or end time of one weekly window, as typed (ProvisionForm.clean reads it)."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )


class ApplicationStartForm(forms.Form):
    route = forms.ChoiceField(
        label="What kind of application is it?",
        choices=Route.choices,
        widget=HintedRadioSelect(hints={route.value: hint for route, hint in ROUTE_HINTS.items()}),
        error_messages={"required": "Select the kind of application"},
    )


class ConvictionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return conviction_label(obj)


class ApplicationDetailsForm(VersionForm):
    """The application's own fields (orders.services.EDITABLE_FIELDS). Each route asks only
    for its own: the reasons for going without notice (s16), the offence followed (s19)."""

    application_date = GovukDateField(
        label="Date of the application",
        subject="The date of the application",
        help_text=(
            "The date it will be made to the court. It decides the defendant’s age for the court and the youth "
            "offending team (s15). For example, 27 3 2027"
        ),
        error_messages={"required": "Enter the date of the application"},
    )
    necessity_grounds = forms.MultipleChoiceField(
        label="Why is the order necessary?",
        help_text="Section 14(6) or 19(4): the court must be satisfied of at least one. Select all that you argue.",
        choices=NECESSITY_GROUND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    grounds_argument = forms.CharField(
        label="The argument for the grounds",
        help_text="Set out the facts and intelligence that show the order is necessary.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    proposed_duration_months = months_field(
        "How many months should the order last?",
        "At least 6 and at most 24 months (s23(3))",
        minimum=1,
    )
    without_notice_reasons = forms.CharField(
        label="Why must the application be made without notice?",
        help_text="Section 16: only where it is exceptional and urgent. Record what makes it so.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Not required to save a draft (the police draft before the verdict, and may record the
    # charge later); the guards ask for it before the application is sent (s19).
    conviction = ConvictionChoiceField(
        label="Which offence does this application follow?",
        help_text="Section 19: the order is sought when the defendant is convicted of this offence and sentenced.",
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select an offence recorded for this subject"},
    )

    def __init__(self, *args, application: Application, **kwargs):
        initial = {name: getattr(application, name) for name in EDITABLE_FIELDS - {"conviction"}}
        initial["conviction"] = application.conviction_id
        super().__init__(*args, initial={"version": application.version, **initial}, **kwargs)
        if application.route != Route.S14_WITHOUT_NOTICE:
            del self.fields["without_notice_reasons"]
        # s19 only, and only when the subject has an offence to choose: otherwise the page says
        # to record one first (`no_offence_recorded`). Only the subject's own can be chosen.
        self.no_offence_recorded = False
        if application.route == Route.S19:
            convictions = conviction_list_for_subject(subject=application.case.subject)
            self.fields["conviction"].queryset = convictions
            self.no_offence_recorded = not convictions.exists()
        if application.route != Route.S19 or self.no_offence_recorded:
            del self.fields["conviction"]


class ProvisionForm(VersionForm):
    """One requirement or prohibition. The schedule is up to two weekly windows, each of
    days and a start and end time, stored as Provision.schedule."""

    kind = forms.ChoiceField(
        label="Is it a requirement or a prohibition?",
        choices=PROVISION_KIND_CHOICES,
        widget=HintedRadioSelect(hints=KIND_HINTS),
        error_messages={"required": "Select whether it is a requirement or a prohibition"},
    )
    category = forms.ChoiceField(
        label="Type of provision",
        help_text="From the guidance’s menu of options, or write your own",
        choices=[("", "Bespoke (write your own)"), *PROVISION_CATEGORY_CHOICES],
        required=False,
    )
    wording = forms.CharField(
        label="Exact wording",
        help_text="The words you propose for the order, as the defendant will read them",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the exact wording of the provision"},
    )
    place = forms.CharField(
        label="Place (optional)",
        help_text="Where it applies: an address, or the area on a map",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    persons = forms.CharField(
        label="People (optional)",
        help_text="Who it concerns: the people not to contact, or to present to",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    articles = forms.CharField(
        label="Articles (optional)",
        help_text="Things they must not have with them",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    activity = forms.CharField(
        label="Activity (optional)",
        help_text="What they must or must not do",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    window_1_days = days_field()
    window_1_start = clock_field("Start time", "24-hour clock, for example 19:00")
    window_1_end = clock_field("End time", "An end before the start runs past midnight, for example 07:00")
    window_2_days = days_field()
    window_2_start = clock_field("Start time", "24-hour clock, for example 09:00")
    window_2_end = clock_field("End time", "24-hour clock, for example 17:00")
    starts_after_months = months_field(
        "How many months after the order takes effect does it start? (optional)",
        "Leave blank if it applies from the start of the order (s23(8))",
    )
    period_months = months_field(
        "How many months does it last, if shorter than the order? (optional)",
        "Leave blank if it lasts until the order ends (s23(8))",
        minimum=1,
    )
    exceptions = forms.CharField(
        label="Exceptions (optional)",
        help_text="For a prohibition: when it does not apply, for example travelling to school by the direct route",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    purposes = forms.MultipleChoiceField(
        label="Which purposes does it serve?",
        help_text="Section 21(1): each provision must be necessary for a ground the application argues",
        choices=NECESSITY_GROUND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one purpose the provision serves"},
    )
    rationale = forms.CharField(
        label="Why is it necessary?",
        help_text="The CPS asks for the rationale with every condition",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = forms.CharField(
        label="Evidence for it",
        help_text="The statements, intelligence or other evidence that support it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    supervisor_organisation = forms.ModelChoiceField(
        label="Supervising organisation",
        help_text="For a requirement (s22): a provider organisation, or name an individual below",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not an organisation",
        error_messages={"invalid_choice": "Choose a provider organisation from the list"},
    )
    supervisor_name = forms.CharField(
        label="Supervising individual",
        help_text="For a requirement, if the supervisor is a named person rather than an organisation",
        required=False,
        max_length=200,
    )
    suitability_evidence = forms.CharField(
        label="The supervisor’s evidence of suitability and enforceability",
        help_text="Section 22: the court must receive it before it includes a requirement",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    blocks_attendance = forms.TypedChoiceField(
        label="Would it stop them going to school, work or worship at the times it applies?",
        help_text=(
            "Checked against their known timetable (s21(8)). For example, an exclusion zone covering their school."
        ),
        choices=[("", "Decide from the kind of provision (requirements and curfews do)"), *YES_NO],
        coerce=_yes,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    restricts_contact_with_adults = forms.TypedChoiceField(
        label="Does it stop them contacting anyone aged 18 or over?",
        choices=YES_NO,
        coerce=_yes,
        initial=False,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if it stops them contacting an adult"},
    )

    def __init__(
        self,
        *args,
        application: Application,
        provision: Provision | None = None,
        chosen_supervisor: Organisation | None = None,
        **kwargs,
    ):
        """`chosen_supervisor`: a provider picked in the provision catalogue
        (provision.views.catalogue_views), shown as the supervisor of a requirement until saved."""
        initial = {"version": application.version}
        if provision is not None:
            initial.update({name: getattr(provision, name) for name in PROVISION_FIELDS - {"schedule"}})
            initial["supervisor_organisation"] = provision.supervisor_organisation_id  # no query
            for (prefix, _ordinal), window in zip(WINDOWS, provision.schedule, strict=False):
                initial[f"{prefix}_days"] = [str(day) for day in window["days"]]
                initial[f"{prefix}_start"], initial[f"{prefix}_end"] = window["start"], window["end"]
        if chosen_supervisor is not None:
            initial.update(kind="requirement", supervisor_organisation=chosen_supervisor.id, supervisor_name="")
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["supervisor_organisation"].queryset = supervisor_organisations(
            keep_id=initial.get("supervisor_organisation")
        )

    def clean_starts_after_months(self) -> int:
        return self.cleaned_data["starts_after_months"] or 0  # blank: from the start of the order

    def clean(self):
        cleaned = super().clean()
        schedule = []
        for prefix, ordinal in WINDOWS:
            days = cleaned.get(f"{prefix}_days") or []
            times = {}
            for end in ("start", "end"):
                name = f"{prefix}_{end}"
                text = (cleaned.get(name) or "").strip()
                if text:
                    try:
                        times[end] = clock_parse(text)
                    except ValueError:
                        self.add_error(
                            name, f"Enter the {end} time of the {ordinal} window as a 24-hour time, like 19:00"
                        )
                        times[end] = None
            if not days and not times:
                continue  # an unused window
            if not days:
                self.add_error(f"{prefix}_days", f"Select the days of the {ordinal} window")
            for end in ("start", "end"):
                if end not in times:
                    self.add_error(f"{prefix}_{end}", f"Enter the {end} time of the {ordinal} window")
            if days and times.get("start") and times.get("end"):
                schedule.append({"days": sorted(int(day) for day in days), **times})
        cleaned["schedule"] = schedule
        if cleaned.get("supervisor_organisation") and (cleaned.get("supervisor_name") or "").strip():
            self.add_error("supervisor_name", SUPERVISOR_NOT_BOTH)
        return cleaned

    def changes(self) -> dict:
        """Keyword arguments for orders.drafting.provision_save: the windows as `schedule`."""
        return {name: self.cleaned_data[name] for name in PROVISION_FIELDS}


class EvidenceItemForm(VersionForm):
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of evidence"},
    )
    description = forms.CharField(
        label="Description",
        help_text="For example, MG11 of PC 1234 Smith describing the stop on 3 May",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the evidence"},
    )
    reference = forms.CharField(
        label="Exhibit or document number (optional)",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )


class HearsayItemForm(VersionForm):
    maker = forms.CharField(
        label="Who made the statement?",
        help_text="For example, a witness who is afraid to give evidence, or the author of an intelligence report",
        max_length=200,
        error_messages={"required": "Enter who made the statement"},
    )
    description = forms.CharField(
        label="What is the evidence?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the hearsay evidence"},
    )
    reason_not_called = forms.CharField(
        label="Why will the maker not be called as a witness?",
        help_text="The hearsay notice must say why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the maker will not be called as a witness"},
    )


class RemoveItemForm(VersionForm):
    """Remove one evidence or hearsay item: which one, and the version the page showed."""

    item = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, items: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items

    def clean(self):
        cleaned = super().clean()
        if "item" in cleaned:
            cleaned["item"] = self.items.filter(pk=cleaned["item"]).first()
            if cleaned["item"] is None:  # removed since the page was drawn
                raise ValidationError(STALE, code="stale")
        return cleaned
