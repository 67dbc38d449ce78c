from django import forms

from cases.services import SHAREABLE_ORGANISATION_TYPES
from kcpo.accounts.models import Organisation


class ShareCaseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation to share with",
        queryset=Organisation.objects.none(),
        empty_label="Select an organisation",
        error_messages={"required": "Select the organisation to share the case with"},
    )
    reason = forms.CharField(
        label="Why are you sharing this case?",
        help_text="For example, YOT consultation for a subject under 18 (s15(3)).",
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
