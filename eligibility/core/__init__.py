"""The rules engine's core: OWA 2019 Part 2 as pure functions of facts and a date.

No Django, no ORM, no clock: everything arrives in `Facts` and the result is a
`Determination`. The same definitions (`relevant_period_start`, `qualifies`,
`last_order_date_counting`) are used by the set-based screening query, so the two
cannot drift apart.
"""

from eligibility.core.determination import CheckResult, Determination, Result, Status
from eligibility.core.engine import assess
from eligibility.core.facts import (
    Conviction,
    Disposal,
    Facts,
    GoodReason,
    InForcePeriod,
    Limb,
    NecessityGround,
    Occasion,
    Place,
    Route,
    Subject,
)

__all__ = [
    "CheckResult",
    "Conviction",
    "Determination",
    "Disposal",
    "Facts",
    "GoodReason",
    "InForcePeriod",
    "Limb",
    "NecessityGround",
    "Occasion",
    "Place",
    "Result",
    "Route",
    "Status",
    "Subject",
    "assess",
]
