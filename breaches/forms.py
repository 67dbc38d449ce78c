"""Forms of the compliance and breach pages. What is checked and written is decided in
breaches/services.py; these forms read what was typed and say clearly what is missing."""

from datetime import datetime

from django import forms
from django.utils import timezone

from breaches.models import BreachDecision, CameToLight, CheckKind, CourtOutcome
from eligibility.core.dates import day_text
from kcpo.clock import local_datetime
from kcpo.fields import GovukDateField, HintedRadioSelect
from orders.drafting import clock_parse
from orders.review_forms import textarea_field

NOTIFICATION_DUTY = "s24"


def _radios(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=kwargs.pop("widget", forms.RadioSelect),
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _text(label: str, message: str, *, max_length: int, too_long: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={"required": message, "max_length": f"{too_long} must be {max_length} characters or fewer"},
    )


def _short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else f"{text[: length - 1].rstrip()}…"


class ServiceFieldsMixin:
    """A service names some fields differently from the form that collects them (a check's
    `checked_at` is typed as a date and a time): its errors go on the form's field."""

    service_fields: dict[str, str] = {}

    def add_error(self, field, error):
        super().add_error(self.service_fields.get(field, field), error)


class CheckForm(ServiceFieldsMixin, forms.Form):
    service_fields = {"checked_at": "checked_on"}

    kind = _radios("What kind of check was it?", CheckKind.choices, "Select the kind of check")
    prohibition = forms.ModelChoiceField(
        label="The prohibition checked",
        queryset=None,
        required=False,
        empty_label="None (another kind of check)",
        help_text="A curfew check, or a check of a place or of people the order forbids, is of one prohibition.",
        error_messages={"invalid_choice": "Choose a prohibition of this order"},
    )
    checked_on = GovukDateField(label="Date of the check", error_messages={"required": "Enter the date of the check"})
    checked_time = forms.CharField(
        label="Time of the check",
        help_text="24-hour clock, for example 21:20",
        max_length=5,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the time of the check"},
    )
    place = _text("Where the check was made", "Enter where the check was made", max_length=300, too_long="The place")
    complied = _radios(
        "Did the subject comply?",
        [
            ("yes", "Yes: at home during the curfew, or not where or with whom the order forbids"),
            ("no", "No: not at home during the curfew, or where or with whom the order forbids"),
        ],
        "Select whether the subject complied",
    )
    minutes_outside = forms.IntegerField(
        label="If the curfew was broken: by how many minutes",
        required=False,
        help_text="The time outside the curfew, in whole minutes. The guidance treats more than 15 as more than "
        "trivial for a child.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"invalid": "Enter a whole number of minutes, like 20"},
    )
    officer = _text(
        "The officer who made the check",
        "Enter the officer who made the check",
        max_length=200,
        too_long="The officer’s name",
    )
    notes = textarea_field("Notes (optional)", rows=3, help_text="What the officer saw: facts only")

    def __init__(self, *args, prohibitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prohibition"].queryset = prohibitions
        self.fields["prohibition"].label_from_instance = lambda p: f"{p.label}: {_short(p.wording)}"

    def clean_checked_time(self):
        try:
            return clock_parse(self.cleaned_data["checked_time"])
        except ValueError:
            raise forms.ValidationError("Enter the time as a 24-hour time, like 21:20") from None

    def values(self) -> dict:
        """The service's arguments (breaches.services.check_record)."""
        data = self.cleaned_data
        clock = datetime.strptime(data["checked_time"], "%H:%M").time()
        return {
            "kind": data["kind"],
            "prohibition": data["prohibition"],
            "checked_at": local_datetime(data["checked_on"], clock),
            "place": data["place"],
            "complied": data["complied"] == "yes",
            "minutes_outside": data["minutes_outside"],
            "officer": data["officer"],
            "notes": data["notes"],
        }


def _provision_choice(provision) -> tuple[str, str]:
    if provision.removed_by_id is None:
        return str(provision.id), provision.label
    until = provision.removed_by.decided_on
    return str(provision.id), f"{provision.label}, as it read before the variation of {day_text(until)}"


def _report_label(report) -> str:
    session = report.session
    late = f", {report.minutes_late} minutes" if report.minutes_late else ""
    when = timezone.localtime(session.starts_at)
    return f"{session.requirement.label}, session of {when:%-d %B %Y %H:%M}: {report.get_attendance_display()}{late}"


def _check_label(check) -> str:
    when = timezone.localtime(check.checked_at)
    what = f"broken by {check.minutes_outside} minutes" if check.minutes_outside else "not complied with"
    of = f" of {check.prohibition.label}" if check.prohibition_id else ""
    return f"{check.get_kind_display()}{of}, {when:%-d %B %Y %H:%M} at {check.place}: {what}"


class BreachForm(ServiceFieldsMixin, forms.Form):
    service_fields = {"provision": "breached", "notification_duty": "breached"}

    breached = _radios("What was breached?", [], "Select what was breached", widget=HintedRadioSelect)
    occurred_on = GovukDateField(
        label="Date of the breach", error_messages={"required": "Enter the date of the breach"}
    )
    came_to_light = _radios("How did it come to light?", CameToLight.choices, "Select how it came to light")
    evidence = textarea_field(
        "The evidence",
        required=True,
        message="Enter the evidence of the breach",
        help_text="What shows the breach: who saw or reported what, and when. Link the reports and checks below.",
    )
    reports = forms.ModelMultipleChoiceField(
        label="Supervisors’ reports it rests on (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose reports of this order’s requirements"},
    )
    checks = forms.ModelMultipleChoiceField(
        label="Police checks it rests on (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose checks of this order"},
    )

    def __init__(self, *args, provisions, reports, checks, **kwargs):
        super().__init__(*args, **kwargs)
        self.provisions = {str(p.id): p for p in provisions}
        field = self.fields["breached"]
        field.choices = [_provision_choice(p) for p in self.provisions.values()] + [
            (NOTIFICATION_DUTY, "The duty to notify the police of a name or home address (s24)")
        ]
        hints = {str(p.id): _short(p.wording, 160) for p in self.provisions.values()}
        hints[NOTIFICATION_DUTY] = "Failing to notify is an offence under section 25."
        field.widget.hints = hints
        self.fields["reports"].queryset = reports
        self.fields["reports"].label_from_instance = _report_label
        self.fields["checks"].queryset = checks
        self.fields["checks"].label_from_instance = _check_label
        # Nothing to link: leave the question out rather than show an empty list.
        for name, queryset in (("reports", reports), ("checks", checks)):
            if not queryset.exists():
                del self.fields[name]

    def values(self) -> dict:
        """The service's arguments (breaches.services.breach_record)."""
        data = self.cleaned_data
        breached = data["breached"]
        return {
            "provision": self.provisions.get(breached),
            "notification_duty": breached == NOTIFICATION_DUTY,
            "occurred_on": data["occurred_on"],
            "came_to_light": data["came_to_light"],
            "evidence": data["evidence"],
            "reports": list(data.get("reports") or ()),
            "checks": list(data.get("checks") or ()),
        }


DECISION_HINTS = {
    BreachDecision.CONSIDER_VARIATION: "For instance to allow more time to complete a requirement (the guidance, "
    "ch. 12). Record the application to vary from the order’s page.",
    BreachDecision.CHARGE_S29: "Breaching the order without reasonable excuse is triable either way.",
    BreachDecision.CHARGE_S25: "Failing to notify the police as section 24 requires.",
}


class DecisionForm(forms.Form):
    decision = _radios("What did the police decide?", [], "Select the decision", widget=HintedRadioSelect)
    decided_on = GovukDateField(
        label="Date of the decision", error_messages={"required": "Enter the date of the decision"}
    )
    reason = textarea_field("The reasons for the decision", required=True, message="Enter the reasons for the decision")
    variation = forms.ModelChoiceField(
        label="The application to vary the order, if already made (optional)",
        queryset=None,
        required=False,
        empty_label="None yet",
        help_text="Only when the decision is to consider varying the order.",
        error_messages={"invalid_choice": "Choose an application to vary, renew or discharge this order"},
    )

    def __init__(self, *args, breach, applications, **kwargs):
        super().__init__(*args, **kwargs)
        # A failure to notify is charged under s25; a requirement or prohibition under s29.
        wrong_charge = BreachDecision.CHARGE_S29 if breach.notification_duty else BreachDecision.CHARGE_S25
        field = self.fields["decision"]
        field.choices = [(value, label) for value, label in BreachDecision.choices if value != wrong_charge]
        field.widget.hints = {str(k): v for k, v in DECISION_HINTS.items()}
        self.fields["variation"].queryset = applications
        self.fields["variation"].label_from_instance = lambda p: (
            f"{p.get_sought_display()}, by {p.get_applicant_display().lower()}, {day_text(p.made_on)}"
        )
        if not applications.exists():
            del self.fields["variation"]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "decided_on": data["decided_on"],
            "reason": data["reason"],
            "variation": data.get("variation"),
        }


class CourtOutcomeForm(forms.Form):
    outcome = _radios("What did the court decide?", CourtOutcome.choices, "Select the court’s outcome")
    outcome_on = GovukDateField(
        label="Date of the court’s decision", error_messages={"required": "Enter the date of the court’s decision"}
    )
    notes = textarea_field("Notes (optional)", rows=3, help_text="The sentence or the reasons, as the court gave them")

    def values(self) -> dict:
        return dict(self.cleaned_data)
