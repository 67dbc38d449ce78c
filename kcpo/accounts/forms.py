from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Email and password. The field is still called `username` so that Django's
    LoginView and django-axes find it; its label says what to type."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been deactivated. Contact your administrator.",
    }


class ChooseMembershipForm(forms.Form):
    membership = forms.TypedChoiceField(
        label="Which organisation are you working for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation you are working for"},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [
            (m.id, f"{m.organisation.name} — {m.get_role_display()}") for m in memberships
        ]
