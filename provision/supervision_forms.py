"""Forms of the supervisor's pages. What is checked and written is decided in
provision/sessions.py and provision/compliance.py; these parse what was typed and say clearly
what is wrong with it."""

import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError

from kcpo.fields import GovukDateField, HintedRadioSelect
from provision.compliance import EXCUSE_MAX, MINUTES_LATE_MAX, NOTE_MAX
from provision.models import Attendance
from provision.sessions import MAX_WEEKS

TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class GenerateSessionsForm(forms.Form):
    weeks = forms.IntegerField(
        label="Number of weeks",
        min_value=1,
        max_value=MAX_WEEKS,
        help_text=f"From today, up to {MAX_WEEKS} weeks. Sessions already planned are kept as they are.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the number of weeks",
            "invalid": "The number of weeks must be a whole number, like 4",
            "min_value": f"Enter a number of weeks from 1 to {MAX_WEEKS}",
            "max_value": f"Enter a number of weeks from 1 to {MAX_WEEKS}",
        },
    )


class TimeField(forms.CharField):
    """A time of day typed in the 24-hour clock ("14:30"; "9:05" and "14.30" are read too)."""

    def __init__(self, *, subject: str, **kwargs):
        self.subject = subject
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 14:30")
        kwargs.setdefault("error_messages", {"required": f"Enter the {subject}"})
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        super().__init__(**kwargs)
        # max_length's own message would not say what to type.
        self.validators = []

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        match = TIME_PATTERN.match(value)
        hour, minute = (int(match[1]), int(match[2])) if match else (99, 99)
        if hour > 23 or minute > 59:
            raise ValidationError(
                f"Enter the {self.subject} in the 24-hour clock, for example 14:30", code="invalid_time"
            )
        return time(hour, minute)


class AppointmentForm(forms.Form):
    on = GovukDateField(
        label="Date of the appointment",
        subject="The date of the appointment",
        error_messages={"required": "Enter the date of the appointment"},
    )
    starts = TimeField(label="Start time", subject="start time")
    ends = TimeField(label="End time", subject="end time")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends", "The end time must be after the start time")
        return cleaned


ATTENDANCE_HINTS = {
    Attendance.ATTENDED: "They came on time and took part.",
    Attendance.LATE: "Say how many minutes late below.",
    Attendance.FAILED: "They did not come and had no reason you accepted. The police will be told at once.",
    Attendance.EXCUSED: "They did not come for a reason you accepted, such as illness. Say why below.",
}


class ComplianceReportForm(forms.Form):
    """The report of one session. Every field is on the page at once (no JavaScript needed):
    minutes late count only for "attended late", the reason only for "excused"."""

    attendance = forms.ChoiceField(
        label="Did the young person attend?",
        choices=Attendance.choices,
        widget=HintedRadioSelect(hints=ATTENDANCE_HINTS),
        error_messages={"required": "Select whether the young person attended"},
    )
    minutes_late = forms.IntegerField(
        label="If they were late, how many minutes late?",
        required=False,
        min_value=1,
        max_value=MINUTES_LATE_MAX,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Minutes late must be a whole number, like 10",
            "min_value": f"Minutes late must be a whole number from 1 to {MINUTES_LATE_MAX}",
            "max_value": f"Minutes late must be a whole number from 1 to {MINUTES_LATE_MAX}",
        },
    )
    excuse = forms.CharField(
        label="If they were excused, why?",
        required=False,
        max_length=EXCUSE_MAX,
        strip=True,
        help_text="The reason only, for example “Ill: their parent phoned before the session”.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"The reason must be {EXCUSE_MAX} characters or fewer"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        strip=True,
        help_text=f"A short factual note about attendance, up to {NOTE_MAX} characters.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"The note must be {NOTE_MAX} characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        attendance = cleaned.get("attendance")
        if attendance == Attendance.LATE and cleaned.get("minutes_late") is None and "minutes_late" not in self.errors:
            self.add_error("minutes_late", "Enter how many minutes late the young person was")
        if attendance == Attendance.EXCUSED and not cleaned.get("excuse") and "excuse" not in self.errors:
            self.add_error("excuse", "Enter why the young person was excused")
        return cleaned
