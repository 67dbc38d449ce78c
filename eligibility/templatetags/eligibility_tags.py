"""Display helpers for determinations: GOV.UK tags for results and check statuses."""

from django import template
from django.utils.html import format_html

from eligibility.core import Result, Status

register = template.Library()

_STATUS = {
    Status.PASS: ("Met", "govuk-tag--green"),
    Status.FAIL: ("Not met", "govuk-tag--red"),
    Status.UNKNOWN: ("Cannot tell yet", "govuk-tag--grey"),
    Status.WARNING: ("Check", "govuk-tag--yellow"),
}
_RESULT = {
    Result.ELIGIBLE: ("Eligible", "govuk-tag--green"),
    Result.NOT_ELIGIBLE: ("Not eligible", "govuk-tag--red"),
    Result.CANNOT_TELL: ("Cannot tell yet", "govuk-tag--grey"),
}


@register.filter
def status_tag(status):
    text, colour = _STATUS[Status(status)]
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, text)


@register.filter
def result_tag(result):
    text, colour = _RESULT[Result(result)]
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, text)


@register.filter
def status_text(status):
    """The status in words, without the tag: for print (court documents)."""
    return _STATUS[Status(status)][0]


@register.filter
def result_text(result):
    return _RESULT[Result(result)][0]
