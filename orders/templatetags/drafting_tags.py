"""Display helpers for drafts: schedules as sentences. Grounds and purposes are worded by
`ground_labels` in review_display, which the application's other pages use too."""

from django import template

from orders.checks import schedule_windows

register = template.Library()


@register.filter
def schedule_text(schedule) -> str:
    """A provision's weekly windows as the engine words them: "Monday to Friday 19:00-07:00"."""
    return "; ".join(str(window) for window in schedule_windows(schedule))
