"""Facts for engine tests: a complete, eligible s14 case to vary one fact at a time."""

from dataclasses import replace
from datetime import date

from eligibility.core import (
    Conviction,
    Disposal,
    Facts,
    InForcePeriod,
    Limb,
    NecessityGround,
    Occasion,
    Place,
    Route,
    Subject,
)

# S.I. 2021/762 reg. 2, as amended by S.I. 2022/828: the Metropolitan Police district pilot.
MET_PILOT = InForcePeriod(date(2021, 7, 5), date(2023, 3, 31))
# A what-if for tests of s14(4) boundaries that lie before the pilot started.
ALWAYS = InForcePeriod(date(2019, 1, 1), None)


def occasion(id_: str, day: date, place=Place.PUBLIC_PLACE, good_reason=None, **kwargs) -> Occasion:
    return Occasion(id=id_, date=day, place=place, good_reason=good_reason, **kwargs)


def s14_facts(**changes) -> Facts:
    base = Facts(
        route=Route.S14,
        order_date=date(2022, 3, 1),
        police_area="metropolitan",
        subject=Subject(date_of_birth=date(2000, 1, 1), police_area="metropolitan"),
        occasions=(occasion("A", date(2021, 8, 1)), occasion("B", date(2021, 9, 1))),
        necessity_grounds=frozenset({NecessityGround.PROTECT_PUBLIC}),
        in_force_periods=(MET_PILOT,),
    )
    return replace(base, **changes)


def s19_facts(conviction_changes=None, **changes) -> Facts:
    conviction = Conviction(
        offence_date=date(2021, 10, 1),
        conviction_date=date(2022, 2, 1),
        limbs=frozenset({Limb.BLADED_ARTICLE_HAD}),
        disposal=Disposal.PENDING,
        sentenced=False,
    )
    base = Facts(
        route=Route.S19,
        order_date=date(2022, 3, 1),
        police_area="metropolitan",
        subject=Subject(date_of_birth=date(2000, 1, 1)),
        conviction=replace(conviction, **(conviction_changes or {})),
        necessity_grounds=frozenset({NecessityGround.PREVENT_OFFENCE}),
        prosecution_applies=True,
        in_force_periods=(MET_PILOT,),
    )
    return replace(base, **changes)


def subject(**changes) -> Subject:
    return replace(Subject(date_of_birth=date(2000, 1, 1), police_area="metropolitan"), **changes)
