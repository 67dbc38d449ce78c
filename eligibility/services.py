"""The Django side of the engine: validate a request, gather recorded facts, assess."""

from datetime import date

from django.db import transaction

from cases.selectors import occasion_list_for_subject
from eligibility.contract import AssessInput, facts_from
from eligibility.core import (
    Conviction,
    Determination,
    Disposal,
    Facts,
    GoodReason,
    Limb,
    Occasion,
    Place,
    Route,
    Subject,
    assess,
)
from eligibility.models import InForcePeriod
from eligibility.selectors import in_force_periods_for_area


def subject_s14_facts(*, subject, on: date, necessity_grounds=None) -> Facts:
    """The recorded facts about a subject for an s14 order made on `on`, by their force."""
    area = subject.owner.code
    return Facts(
        route=Route.S14,
        order_date=on,
        police_area=area,
        subject=Subject(
            date_of_birth=subject.date_of_birth,
            police_area=subject.police_area or None,
            in_or_intends_to_come_to_area=None,
        ),
        occasions=tuple(
            Occasion(
                id=str(o.id),
                date=o.occurred_on,
                place=Place(o.place),
                good_reason=GoodReason(o.good_reason) if o.good_reason else None,
            )
            for o in occasion_list_for_subject(subject=subject)
        ),
        necessity_grounds=necessity_grounds,
        in_force_periods=in_force_periods_for_area(area),
    )


def subject_s19_facts(*, subject, conviction, on: date, necessity_grounds=None) -> Facts:
    """The recorded facts about a subject for an order on conviction (s19) following
    `conviction` (a cases.models.Conviction of theirs), on an application dated `on`."""
    area = subject.owner.code
    # The day the order would be made. An order on conviction is made with the sentence (s19(7):
    # in addition to a sentence or a conditional discharge), so once the date of sentence is
    # recorded, that is the day. Before then it is not known: the application date stands in
    # for it, but never a day before the conviction, as the order cannot precede it (the police
    # usually draft before the verdict, so a conviction recorded later must not read as an order
    # made too early). Proceedings adjourned after sentencing (s19(9A)) can end later still.
    if conviction.sentenced_on is not None:
        order_date = conviction.sentenced_on
    else:
        order_date = max(on, conviction.convicted_on or on)
    return Facts(
        route=Route.S19,
        order_date=order_date,
        application_date=on,  # the defendant's age for the YOT consultation (s20)
        police_area=area,
        subject=Subject(
            date_of_birth=subject.date_of_birth,
            police_area=subject.police_area or None,
            in_or_intends_to_come_to_area=None,
        ),
        conviction=Conviction(
            offence_date=conviction.offence_date,
            conviction_date=conviction.convicted_on,
            # The record asks which limbs apply (cases.forms.ConvictionForm): none ticked is
            # the officer's answer that none does, so not a relevant offence, not "unknown".
            limbs=frozenset(limb for limb in Limb if getattr(conviction, limb.value)),
            disposal=Disposal(conviction.disposal),
            # Sentenced before the application was made, too late for one (s19(7), (9A)). A
            # sentence on the application date is taken as at the hearing the application
            # was made to; a disposal other than pending always has its date
            # (cases.services.conviction_record), so no date of sentence means not sentenced.
            sentenced=conviction.sentenced_on is not None and conviction.sentenced_on < on,
        ),
        necessity_grounds=necessity_grounds,
        # Decided by the CPS after the police send the draft (orders.workflow: cps_accept),
        # so unknown while drafting.
        prosecution_applies=None,
        in_force_periods=in_force_periods_for_area(area),
    )


def subject_s14_determination(*, subject, on: date) -> Determination:
    return assess(subject_s14_facts(subject=subject, on=on))


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
    """Record that ss.14-33 are in force for an area in a period (idempotent per area and
    start). A period overlapping another of the area's is refused with a ValidationError."""
    existing = InForcePeriod.objects.filter(police_area=police_area, starts_on=starts_on).first()
    if existing is not None:
        return existing
    period = InForcePeriod(
        police_area=police_area,
        starts_on=starts_on,
        ends_on=ends_on,
        legal_basis=legal_basis,
        is_assumption=is_assumption,
    )
    period.full_clean()
    period.save()
    return period
