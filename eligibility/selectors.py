"""Reads that feed the engine."""

from eligibility.core import InForcePeriod as CoreInForcePeriod
from eligibility.models import InForcePeriod


def in_force_periods_for_area(police_area: str) -> tuple[CoreInForcePeriod, ...]:
    return tuple(
        CoreInForcePeriod(starts=p.starts_on, ends=p.ends_on) for p in InForcePeriod.objects.for_area(police_area)
    )
