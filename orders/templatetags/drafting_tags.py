"""Display helpers for drafts: grounds and purposes by their words, schedules as sentences."""

from django import template

from orders.checks import schedule_windows
from orders.models import NECESSITY_GROUND_CHOICES

register = template.Library()

_GROUNDS = dict(NECESSITY_GROUND_CHOICES)


@register.filter
def ground_labels(values) -> list[str]:
    """Necessity grounds or provision purposes (s14(6), s19(4), s21(1)) in the Act's words."""
    return [_GROUNDS.get(value, value) for value in values]


@register.filter
def schedule_text(schedule) -> str:
    """A provision's weekly windows as the engine words them: "Monday to Friday 19:00-07:00"."""
    return "; ".join(str(window) for window in schedule_windows(schedule))
