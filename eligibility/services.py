"""The Django side of the engine: validate a request, gather recorded facts, assess."""

from datetime import date

from django.db import transaction

from eligibility.contract import AssessInput, facts_from
from eligibility.core import Determination, assess
from eligibility.models import InForcePeriod
from eligibility.selectors import in_force_periods_for_area


def eligibility_assess(*, payload: dict) -> Determination:
    """Assess a JSON request (the contract in eligibility.contract). Stores nothing.
    Raises rest_framework.exceptions.ValidationError with field errors for malformed input."""
    serializer = AssessInput(data=payload)
    serializer.is_valid(raise_exception=True)
    return assess(facts_from(serializer.validated_data, recorded_periods=in_force_periods_for_area))


@transaction.atomic
def in_force_period_record(
    *, police_area: str, starts_on: date, ends_on: date | None, legal_basis: str, is_assumption: bool = False
) -> InForcePeriod:
    """Record that ss.14-33 are in force for an area in a period (idempotent per area and start)."""
    period, _created = InForcePeriod.objects.get_or_create(
        police_area=police_area,
        starts_on=starts_on,
        defaults={"ends_on": ends_on, "legal_basis": legal_basis, "is_assumption": is_assumption},
    )
    return period
