"""The rules engine's core: OWA 2019 Part 2 as pure functions of facts and a date.

No Django, no ORM, no clock: everything arrives in `Facts` and the result is a
`Determination`. The same definitions (`relevant_period_start`, `occasion_qualifies`,
`last_order_date_counting`, `MIN_AGE`, `MIN_OCCASIONS`) are used by the set-based screening query, so the two
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
from eligibility.core.provisions import (
    Commitment,
    CommitmentKind,
    OrderKind,
    Period,
    ProposedOrder,
    ProposedProvision,
    ProvisionCategory,
    ProvisionKind,
    TimeWindow,
    Weekday,
    assess_provisions,
    blocking_checks,
    first_overlap,
    is_blocked,
    schedules_overlap,
)
from eligibility.core.rules import yot_consultation_required
from eligibility.core.service import (
    DocumentKind,
    Hearing,
    HearingKind,
    RecipientKind,
    ServiceFacts,
    ServiceMethod,
    ServiceRecord,
    assess_service,
    hearsay_latest_service_day,
    summons_latest_service_day,
)
from eligibility.core.working_days import add_working_days, is_working_day, latest_service_day, working_days_between

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
    "DocumentKind",
    "Hearing",
    "HearingKind",
    "RecipientKind",
    "ServiceFacts",
    "ServiceMethod",
    "ServiceRecord",
    "add_working_days",
    "assess_service",
    "hearsay_latest_service_day",
    "is_working_day",
    "latest_service_day",
    "summons_latest_service_day",
    "working_days_between",
    "Commitment",
    "CommitmentKind",
    "OrderKind",
    "Period",
    "ProposedOrder",
    "ProposedProvision",
    "ProvisionCategory",
    "ProvisionKind",
    "TimeWindow",
    "Weekday",
    "assess_provisions",
    "blocking_checks",
    "first_overlap",
    "is_blocked",
    "schedules_overlap",
    "yot_consultation_required",
]
