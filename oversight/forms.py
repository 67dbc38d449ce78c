from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from kcpo.fields import GovukDateField


class StatisticsForm(forms.Form):
    """The period and the borough the statistics page counts, by GET (it works without
    JavaScript, and a link keeps the filters)."""

    date_from = GovukDateField(
        label="From",
        help_text="For example, 1 4 2026",
        error_messages={"required": "Enter the first day of the period"},
    )
    date_to = GovukDateField(
        label="To", help_text="The last day counted", error_messages={"required": "Enter the last day of the period"}
    )
    area = forms.CharField(
        label="Borough (optional)",
        help_text="The local authority where the subject lives, for example Lambeth",
        required=False,
        max_length=100,
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and last < first:
            raise ValidationError({"date_to": "The last day must be the same as or after the first day"})
        return cleaned


def default_period(today: date) -> dict[str, str]:
    """The form's data when nothing is asked: the calendar year so far."""
    first = date(today.year, 1, 1)
    return {
        "date_from_day": str(first.day),
        "date_from_month": str(first.month),
        "date_from_year": str(first.year),
        "date_to_day": str(today.day),
        "date_to_month": str(today.month),
        "date_to_year": str(today.year),
    }
