from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value

from kcpo.models import BaseModel


class InForcePeriodQuerySet(models.QuerySet):
    def for_area(self, police_area: str):
        return self.filter(police_area=police_area).order_by("starts_on", "id")

    def in_force_on(self, day):
        """Periods covering `day` (an open-ended period covers every day from its start)."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class InForcePeriod(BaseModel):
    """A period in which OWA 2019 ss.14-33 are in force for a police area: commencement as
    data, so a national roll-out is a new row, not a code change (s31; S.I. 2021/762)."""

    police_area = models.SlugField(max_length=64, help_text="The police area code, e.g. 'metropolitan'.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Blank while no end date is set.")
    legal_basis = models.CharField(max_length=300, help_text="The instrument, e.g. 'S.I. 2021/762 reg. 2'.")
    is_assumption = models.BooleanField(
        default=False, help_text="An assumed period (demo data, or planning) rather than one made by law."
    )

    objects = InForcePeriodQuerySet.as_manager()

    class Meta:
        ordering = ["police_area", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="eligibility_inforceperiod_ends_after_start",
            ),
            # One answer to "in force on this day?": an area's periods never overlap, so the
            # engine and the screening SQL cannot pick different periods for the same day.
            ExclusionConstraint(
                name="eligibility_inforceperiod_no_overlap",
                expressions=[
                    ("police_area", RangeOperators.EQUAL),
                    (
                        Func(
                            F("starts_on"),
                            F("ends_on"),
                            Value("[]"),
                            function="daterange",
                            output_field=DateRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message="This period overlaps another period recorded for the same police area.",
            ),
        ]
        indexes = [models.Index(fields=["police_area", "starts_on"], name="eligibility_period_area_idx")]

    def __str__(self):
        ends = self.ends_on.isoformat() if self.ends_on else "open"
        return f"{self.police_area}: {self.starts_on.isoformat()} to {ends}"
