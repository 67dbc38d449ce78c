"""Form fields in GOV.UK Design System patterns that Django does not have.

`GovukDateField` is the GOV.UK date input: three boxes (day, month, year), for dates people
know, such as a date of birth or the date of an incident, with the pattern's own error
messages ("Date of birth must include a month", "… must be a real date")."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")


class GovukDateInput(forms.Widget):
    template_name = "forms/widgets/govuk_date.html"

    def value_from_datadict(self, data, files, name):
        return tuple(data.get(f"{name}_{part}", "") for part in PARTS)

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part in PARTS)

    def format_value(self, value):
        if isinstance(value, date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, (tuple, list)) and len(value) == len(PARTS):
            return dict(zip(PARTS, value, strict=True))
        return dict.fromkeys(PARTS, "")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["has_error"] = context["widget"]["attrs"].get("aria-invalid") == "true"
        return context

    def id_for_label(self, id_):
        return id_  # the day box carries the field's id, so error summary links land on it


class GovukDateField(forms.Field):
    widget = GovukDateInput

    def __init__(self, *, subject: str | None = None, **kwargs):
        super().__init__(**kwargs)
        # How messages name the date: "Date of birth must include a year".
        self.subject = subject or str(self.label or "Date")

    def to_python(self, value):
        if isinstance(value, date) or value is None:
            return value
        parts = [str(part).strip() for part in value]
        if not any(parts):
            return None
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and a '.join(missing)}", code="incomplete")
        if not all(part.isdigit() for part in parts):
            raise ValidationError(f"{self.subject} must be a real date", code="invalid")
        day, month, year = parts
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # OverflowError: a number too long for a C int, e.g. day 10**20
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from None


class HintedRadioSelect(forms.RadioSelect):
    """GOV.UK radios with a hint under each option (`hints` maps a value to its hint), for
    choices whose labels alone do not say enough, such as the route of an application."""

    def __init__(self, *args, hints: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(str(value), "")
        return option
