"""Abstract models shared by every app."""

from django.db import models
from django.utils import timezone


class BaseModel(models.Model):
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def choices_constraint(field: str, choices, *, name: str, allow_blank=False):
    """A CheckConstraint that keeps `field` within `choices` (a TextChoices class or a
    Django choices list): Django's choices are not enforced by the database, so every
    choices column gets one of these."""
    values = list(choices.values) if hasattr(choices, "values") else [value for value, _label in choices]
    if allow_blank:
        values.append("")
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": values}), name=name)
