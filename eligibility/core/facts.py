"""The facts the engine reasons about. Anything unknown is None, never a guess."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Route(StrEnum):
    S14 = "s14"  # otherwise than on conviction, on complaint by the police
    S19 = "s19"  # on conviction, on the prosecution's application


class Place(StrEnum):
    # s14(3)(a)-(c), and anything else
    PUBLIC_PLACE = "public_place"
    SCHOOL_PREMISES = "school_premises"
    FURTHER_EDUCATION_PREMISES = "further_education_premises"
    OTHER = "other"


class GoodReason(StrEnum):
    # s14(5)(a)-(d), lawful authority (s14(3)), or another good reason
    WORK = "work"
    EDUCATIONAL = "educational"
    RELIGIOUS = "religious"
    NATIONAL_COSTUME = "national_costume"
    LAWFUL_AUTHORITY = "lawful_authority"
    OTHER = "other"


class NecessityGround(StrEnum):
    # s14(6)(a)-(c); s19(4)(a)-(c)
    PROTECT_PUBLIC = "protect_public"
    PROTECT_PARTICULAR_PERSONS = "protect_particular_persons"
    PREVENT_OFFENCE = "prevent_offence"


class Limb(StrEnum):
    # The three kinds of relevant offence for s19(1)(b) (defined in s19(10), per the guidance)
    VIOLENCE_OR_THREAT = "violence_or_threat"
    BLADED_ARTICLE_USED = "bladed_article_used"
    BLADED_ARTICLE_HAD = "bladed_article_had"


class Disposal(StrEnum):
    SENTENCE = "sentence"
    CONDITIONAL_DISCHARGE = "conditional_discharge"
    ABSOLUTE_DISCHARGE = "absolute_discharge"
    PENDING = "pending"


PLACES_IN_SECTION_14_3 = frozenset({Place.PUBLIC_PLACE, Place.SCHOOL_PREMISES, Place.FURTHER_EDUCATION_PREMISES})
# s15(1)(b), (c): these forces may apply wherever the defendant lives.
NATIONAL_FORCES = frozenset({"british-transport-police", "ministry-of-defence-police"})


@dataclass(frozen=True)
class InForcePeriod:
    """A period in which ss.14-33 are in force for an area; `ends` None means open-ended."""

    starts: date
    ends: date | None = None

    def contains(self, day: date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)


@dataclass(frozen=True)
class Occasion:
    """One time the subject had a bladed article with them."""

    id: str
    date: date | None = None
    place: Place | None = None
    good_reason: GoodReason | None = None
    good_reason_known: bool = True  # False when nobody has yet asked whether one was claimed


@dataclass(frozen=True)
class Conviction:
    offence_date: date | None = None
    conviction_date: date | None = None
    limbs: frozenset[Limb] | None = None
    disposal: Disposal | None = None
    sentenced: bool | None = None


@dataclass(frozen=True)
class Subject:
    date_of_birth: date | None = None
    # s15(2): where the defendant lives, or whether they are in or intend to come to the
    # applicant's area. None when not recorded.
    police_area: str | None = None
    in_or_intends_to_come_to_area: bool | None = None


@dataclass(frozen=True)
class Facts:
    route: Route
    order_date: date | None = None
    application_date: date | None = None  # defaults to order_date
    police_area: str | None = None
    subject: Subject = field(default_factory=Subject)
    occasions: tuple[Occasion, ...] = ()
    conviction: Conviction | None = None
    necessity_grounds: frozenset[NecessityGround] | None = None
    prosecution_applies: bool | None = None
    yot_consulted: bool | None = None
    in_force_periods: tuple[InForcePeriod, ...] = ()

    @property
    def effective_application_date(self) -> date | None:
        return self.application_date or self.order_date
