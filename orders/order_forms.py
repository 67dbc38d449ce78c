"""Forms of the order pages. orders/lifecycle.py decides what is recorded."""

from django import forms

from kcpo.fields import GovukDateField
from orders.models import NotificationKind
from orders.review_forms import textarea_field


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
