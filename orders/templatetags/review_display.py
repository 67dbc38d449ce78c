"""Display helpers for the application, consultation and CPS review pages."""

from datetime import date

from django import template

from kcpo.accounts.models import Role
from orders.review import GROUND_LABELS, display_value
from orders.workflow import State

register = template.Library()

# GOV.UK tag colours: grey for not started or over, yellow/orange for waiting on someone,
# blue for in progress, green for done, red for refused.
STATE_TAG_CLASSES = {
    State.DRAFT: "govuk-tag--grey",
    State.AWAITING_AUTHORISATION: "govuk-tag--yellow",
    State.RETURNED_BY_AUTHORISER: "govuk-tag--orange",
    State.AUTHORISED: "govuk-tag--blue",
    State.SUBMITTED_TO_CPS: "govuk-tag--light-blue",
    State.RETURNED_BY_CPS: "govuk-tag--orange",
    State.ACCEPTED_BY_CPS: "govuk-tag--green",
    State.DECLINED_BY_CPS: "govuk-tag--red",
    State.LAID: "govuk-tag--blue",
    State.INTERIM_ORDER: "govuk-tag--turquoise",
    State.GRANTED: "govuk-tag--green",
    State.REFUSED: "govuk-tag--red",
    State.WITHDRAWN: "govuk-tag--grey",
    State.ENDED: "govuk-tag--grey",
}


@register.filter
def state_tag(state: str) -> str:
    """The tag class for an application state."""
    return STATE_TAG_CLASSES.get(state, "govuk-tag--grey")


@register.filter
def role_label(role: str) -> str:
    return Role(role).label if role in Role.values else role


@register.filter
def ground_labels(grounds) -> list[str]:
    """Necessity grounds or a provision's purposes (s14(6), s19(4), s21(1)) in words."""
    return [GROUND_LABELS.get(ground, ground) for ground in grounds or []]


@register.filter
def snapshot_value(provision: dict, field: str) -> str:
    """One field of a submitted provision (orders.review.submission_content) in words."""
    return display_value(field, provision.get(field))


@register.filter
def iso_date(value: str):
    """A date kept as ISO text in a snapshot, as a date for the `date` filter."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
