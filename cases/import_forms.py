from django import forms
from django.core.validators import FileExtensionValidator
from django.urls import reverse
from django.utils.html import format_html

from cases.imports import MEGABYTES
from cases.occasion_csv import MAX_ROWS, REQUIRED_COLUMN_NAMES


class OccasionImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        validators=[FileExtensionValidator(["csv"], message="The selected file must be a CSV")],
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = format_html(
            "A CSV file saved as UTF-8, smaller than {} MB, with a header row and at most {} occasions. "
            "It must have the columns {}; the others are optional. "
            '<a class="govuk-link" href="{}">Download a template CSV file</a>.',
            MEGABYTES,
            f"{MAX_ROWS:,}",
            ", ".join(REQUIRED_COLUMN_NAMES),
            reverse("imports:template"),
        )
