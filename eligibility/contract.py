"""The one JSON contract of the engine (request → Facts), shared by the API and the command.

Everything but `route` may be missing: the engine then answers `cannot_tell` with the
affected checks `unknown`. Malformed values (a bad date, an unknown place) are field errors.
"""

from rest_framework import serializers

from eligibility.core import (
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


def _choices(enum) -> list[str]:
    return [member.value for member in enum]


class SubjectInput(serializers.Serializer):
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    police_area = serializers.SlugField(
        required=False, allow_null=True, help_text="Where the defendant lives (s15(2)(a))."
    )
    in_or_intends_to_come_to_area = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="s15(2)(b)."
    )


class OccasionInput(serializers.Serializer):
    id = serializers.CharField(max_length=64)
    date = serializers.DateField(required=False, allow_null=True)
    place = serializers.ChoiceField(choices=_choices(Place), required=False, allow_null=True)
    good_reason = serializers.ChoiceField(
        choices=_choices(GoodReason),
        required=False,
        allow_null=True,
        help_text="null: no good reason or lawful authority claimed (s14(3), (5)).",
    )


class ConvictionInput(serializers.Serializer):
    offence_date = serializers.DateField(required=False, allow_null=True)
    conviction_date = serializers.DateField(required=False, allow_null=True)
    limbs = serializers.ListField(child=serializers.ChoiceField(choices=_choices(Limb)), required=False)
    disposal = serializers.ChoiceField(choices=_choices(Disposal), required=False, allow_null=True)
    sentenced = serializers.BooleanField(required=False, allow_null=True, default=None)


def _validate_period(self, attrs):
    if attrs["to"] is not None and attrs["to"] < attrs["from"]:
        raise serializers.ValidationError({"to": "The end of a period cannot be before its start."})
    return attrs


# Built with type() because its JSON field "from" is a Python keyword.
InForcePeriodInput = type(
    "InForcePeriodInput",
    (serializers.Serializer,),
    {
        "from": serializers.DateField(),
        "to": serializers.DateField(allow_null=True, required=False, default=None),
        "validate": _validate_period,
    },
)


class AssessInput(serializers.Serializer):
    route = serializers.ChoiceField(choices=_choices(Route))
    order_date = serializers.DateField(required=False, allow_null=True)
    application_date = serializers.DateField(
        required=False, allow_null=True, help_text="Defaults to order_date (s15, s20 age tests)."
    )
    police_area = serializers.SlugField(required=False, allow_null=True, help_text="The Met's code is 'metropolitan'.")
    subject = SubjectInput(required=False)
    occasions = OccasionInput(many=True, required=False)
    conviction = ConvictionInput(required=False, allow_null=True)
    necessity_grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=_choices(NecessityGround)), required=False
    )
    prosecution_applies = serializers.BooleanField(required=False, allow_null=True, default=None)
    yot_consulted = serializers.BooleanField(required=False, allow_null=True, default=None)
    in_force_periods = InForcePeriodInput(
        many=True,
        required=False,
        help_text="What-if: assess as if ss.14-33 were in force in these periods instead of the area's recorded ones.",
    )

    def validate_occasions(self, occasions):
        ids = [o["id"] for o in occasions]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Each occasion needs its own id.")
        return occasions


def facts_from(data: dict, *, recorded_periods) -> Facts:
    """Build Facts from validated AssessInput data. `recorded_periods(area)` gives the
    area's recorded in-force periods when the request does not supply its own."""
    subject = data.get("subject") or {}
    conviction = data.get("conviction")
    if "in_force_periods" in data:
        periods = tuple(InForcePeriod(starts=p["from"], ends=p["to"]) for p in data["in_force_periods"])
    elif data.get("police_area"):
        periods = recorded_periods(data["police_area"])
    else:
        periods = ()
    return Facts(
        route=Route(data["route"]),
        order_date=data.get("order_date"),
        application_date=data.get("application_date"),
        police_area=data.get("police_area"),
        subject=Subject(
            date_of_birth=subject.get("date_of_birth"),
            police_area=subject.get("police_area"),
            in_or_intends_to_come_to_area=subject.get("in_or_intends_to_come_to_area"),
        ),
        occasions=tuple(
            Occasion(
                id=o["id"],
                date=o.get("date"),
                place=Place(o["place"]) if o.get("place") else None,
                good_reason=GoodReason(o["good_reason"]) if o.get("good_reason") else None,
            )
            for o in data.get("occasions", [])
        ),
        conviction=Conviction(
            offence_date=conviction.get("offence_date"),
            conviction_date=conviction.get("conviction_date"),
            limbs=frozenset(Limb(x) for x in conviction["limbs"]) if "limbs" in conviction else None,
            disposal=Disposal(conviction["disposal"]) if conviction.get("disposal") else None,
            sentenced=conviction.get("sentenced"),
        )
        if conviction is not None
        else None,
        necessity_grounds=frozenset(NecessityGround(g) for g in data["necessity_grounds"])
        if "necessity_grounds" in data
        else None,
        prosecution_applies=data.get("prosecution_applies"),
        yot_consulted=data.get("yot_consulted"),
        in_force_periods=periods,
    )
