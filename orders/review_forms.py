"""Forms of the application page, the YOT consultation and the CPS review. Each transition
button is its own small form, prefixed with the transition's name so that several can sit
on one page and an error summary link lands on the right field."""

from django import forms

from kcpo.accounts.models import Organisation
from kcpo.fields import GovukDateField
from orders.workflow import Transition

# The question each reason box asks, by transition (orders.workflow.TRANSITIONS).
REASON_LABELS = {
    "return_for_changes": ("What needs to change?", "Enter what needs to change"),
    "cps_return": (
        "Why are you returning it? Say what the police need to change",
        "Enter why you are returning the submission",
    ),
    "cps_decline": ("Why is the CPS declining to make the application?", "Enter why the CPS is declining"),
    "withdraw": ("Why is the application being withdrawn?", "Enter why the application is being withdrawn"),
    "end_on_acquittal": (
        "What happened? For example, acquittal, discontinuance or no case to answer",
        "Enter what happened",
    ),
}
PAGES = [("detail", "The application page"), ("cps_review", "The CPS review page")]


def active_organisations(type_: str):
    """The organisations of a type that may be chosen now, by name."""
    return Organisation.objects.filter(type=type_, is_active=True).order_by("name", "id")


def textarea_field(label: str, *, required: bool = False, message: str = "", rows: int = 4, help_text: str = ""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=10000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
    )


class TransitionForm(forms.Form):
    """One transition's button, with a reason box where the transition needs one and a CPS
    area to choose when submitting to the CPS."""

    # Which page sent the form: an error is shown there, and success returns there.
    back_to = forms.ChoiceField(choices=PAGES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, transition: Transition, **kwargs):
        kwargs.setdefault("prefix", transition.name)
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.needs_reason:
            label, message = REASON_LABELS.get(transition.name, ("Reason", "Enter the reason"))
            self.fields["reason"] = textarea_field(label, required=True, message=message, rows=3)
        if transition.name == "submit_to_cps":
            self.fields["cps_area"] = forms.ModelChoiceField(
                label="CPS area to submit to",
                queryset=active_organisations(Organisation.Type.CPS_AREA),
                empty_label="Select a CPS area",
                error_messages={"required": "Choose the CPS area to submit to"},
            )

    @property
    def button_class(self) -> str:
        if self.transition.name in {"withdraw", "cps_decline", "end_on_acquittal"}:
            return "govuk-button--warning"
        if self.transition.name in {"return_for_changes", "cps_return"}:
            return "govuk-button--secondary"
        return ""

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("reason", "cps_area") if name in self.fields}


class ConsultationForm(forms.Form):
    """What the guidance says must be relayed to the YOT (the defendant's details are sent
    from their record)."""

    yot = forms.ModelChoiceField(
        label="Youth offending team",
        help_text="The YOT for the area where the child lives (s15(5), s20(2))",
        queryset=active_organisations(Organisation.Type.YOT),  # evaluated afresh for each form
        empty_label="Select a youth offending team",
        error_messages={"required": "Choose a youth offending team"},
    )
    reply_due_on = GovukDateField(
        label="Reply needed by",
        help_text="The last day the youth offending team has to reply. For example, 14 1 2027",
        error_messages={"required": "Enter the date the reply is needed by"},
    )
    reason_for_application = textarea_field(
        "Reason for the application", required=True, message="Explain why the order is being sought"
    )
    offending_history = textarea_field("Offending history (optional)", help_text="Convictions, occasions and arrests")
    hearsay_and_intelligence = textarea_field("Relevant hearsay evidence and intelligence (optional)")
    proposed_provisions = textarea_field(
        "Proposed requirements and prohibitions (optional)", help_text="As they stand in the application", rows=6
    )


class ConsultationReplyForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="reply")
    views = textarea_field(
        "The youth offending team’s views on the application",
        required=True,
        message="Enter the youth offending team’s views",
        rows=5,
    )
    suggestions = textarea_field(
        "Suggestions (optional)", help_text="For example, other requirements, or changes to those proposed"
    )
    developmental_needs = textarea_field(
        "Developmental and maturity needs (optional)",
        help_text="Anything that affects whether the child can understand and keep to the order",
    )
    safeguarding_context = textarea_field(
        "Safeguarding context (optional)", help_text="Including any social care involvement"
    )

    def service_arguments(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("views", "suggestions", "developmental_needs", "safeguarding_context")
        }


class ConsiderationForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="consideration")
    consideration = textarea_field(
        "How the police considered the reply",
        required=True,
        message="Record how the reply was considered",
        help_text="The YOT’s views must be considered; they do not bind the police",
        rows=5,
    )


class DeadlinePassedForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="deadline_passed")


class ProvisionCommentForm(forms.Form):
    """A comment on one condition (`comment_on` is its id) or on the whole submission
    ("general"). The page says which in an unprefixed `comment_on` input, and the form is
    prefixed with it so each condition's box has its own id."""

    text = textarea_field("Your comment", required=True, message="Enter your comment", rows=3)

    def __init__(self, *args, comment_on: str, label: str, **kwargs):
        kwargs.setdefault("prefix", f"comment-{comment_on}")
        super().__init__(*args, **kwargs)
        self.comment_on = comment_on
        self.fields["text"].label = label
