from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 - a check status, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"
    WARNING = "warning"


class Result(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    CANNOT_TELL = "cannot_tell"


class Court(StrEnum):
    YOUTH_COURT = "youth_court"
    MAGISTRATES_COURT = "magistrates_court"


@dataclass(frozen=True)
class CheckResult:
    code: str  # stable id, e.g. "S14_MIN_AGE"; never renamed
    status: Status
    section: str  # cited again in the check's tests
    explanation: str  # plain English for officers
    dates: Mapping[str, date] = field(default_factory=dict)


@dataclass(frozen=True)
class Determination:
    result: Result
    checks: tuple[CheckResult, ...]
    qualifying_occasions: tuple[str, ...]
    relevant_period_start: date | None
    relevant_period_end: date | None
    eligible_until: date | None
    turns_12_on: date | None
    turns_18_on: date | None
    court: Court | None
    yot_consultation_required: bool | None

    def check(self, code: str) -> CheckResult:
        return next(c for c in self.checks if c.code == code)

    def as_json(self) -> dict:
        """The one JSON contract shared by the function, the API and the command."""

        def iso(day):
            return day.isoformat() if day else None

        return {
            "result": self.result.value,
            "checks": [
                {"code": c.code, "status": c.status.value, "section": c.section, "explanation": c.explanation}
                for c in self.checks
            ],
            "qualifying_occasions": list(self.qualifying_occasions),
            "dates": {
                "relevant_period_start": iso(self.relevant_period_start),
                "relevant_period_end": iso(self.relevant_period_end),
                "eligible_until": iso(self.eligible_until),
                "turns_12_on": iso(self.turns_12_on),
                "turns_18_on": iso(self.turns_18_on),
            },
            "court": self.court.value if self.court else None,
            "yot_consultation_required": self.yot_consultation_required,
        }


def overall_result(checks) -> Result:
    statuses = {c.status for c in checks}
    if Status.FAIL in statuses:
        return Result.NOT_ELIGIBLE
    if Status.UNKNOWN in statuses:
        return Result.CANNOT_TELL
    return Result.ELIGIBLE
