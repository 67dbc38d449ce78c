"""The two pieces every court form is made of: a box holding a recorded value (or left empty,
bordered, to be written in by hand) and a tick box printed as text, "[X]" or "[ ]", so it reads
the same to a screen reader, in copied text and to the tests."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def field(value):
    """The value in a bordered box; an empty value leaves the form's blank box."""
    if value in (None, ""):
        return mark_safe('<div class="field field--blank"></div>')
    return format_html('<div class="field">{}</div>', value)


@register.simple_tag
def tick(value, when=None):
    """A ticked box when `value` is truthy, or, given `when`, when `value` is exactly `when`
    (`{% tick under_18 when=False %}` ticks "No" only when the answer is known to be no)."""
    ticked = bool(value) if when is None else value is when
    return format_html('<span class="tick">{}</span>', "[X]" if ticked else "[ ]")
