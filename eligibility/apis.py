from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from eligibility.access import ELIGIBILITY_USERS
from eligibility.contract import AssessInput
from eligibility.services import eligibility_assess
from kcpo.access import require_role

_checks = inline_serializer(
    "EligibilityCheck",
    many=True,
    fields={
        "code": serializers.CharField(),
        "status": serializers.ChoiceField(choices=["pass", "fail", "unknown", "warning"]),
        "section": serializers.CharField(),
        "explanation": serializers.CharField(),
    },
)
_dates = inline_serializer(
    "EligibilityDates",
    {
        name: serializers.DateField(allow_null=True)
        for name in ("relevant_period_start", "relevant_period_end", "eligible_until", "turns_12_on", "turns_18_on")
    },
)
DeterminationOutput = inline_serializer(
    "Determination",
    {
        "result": serializers.ChoiceField(choices=["eligible", "not_eligible", "cannot_tell"]),
        "checks": _checks,
        "qualifying_occasions": serializers.ListField(child=serializers.CharField()),
        "dates": _dates,
        "court": serializers.ChoiceField(choices=["youth_court", "magistrates_court"], allow_null=True),
        "yot_consultation_required": serializers.BooleanField(allow_null=True),
    },
)


class EligibilityAssessApi(APIView):
    @extend_schema(
        summary="Assess KCPO eligibility from facts (stores nothing)",
        description=(
            "Runs the OWA 2019 Part 2 rules engine on the facts given and returns every check with its section. "
            "Missing facts give `cannot_tell` with the affected checks `unknown`; malformed input gives 400."
        ),
        request=AssessInput,
        responses={200: DeterminationOutput},
        examples=[
            OpenApiExample(
                "s14, two occasions",
                request_only=True,
                value={
                    "route": "s14",
                    "order_date": "2022-03-01",
                    "police_area": "metropolitan",
                    "subject": {"date_of_birth": "2006-05-01"},
                    "occasions": [
                        {"id": "1", "date": "2021-08-01", "place": "public_place", "good_reason": None},
                        {"id": "2", "date": "2021-09-01", "place": "school_premises", "good_reason": None},
                    ],
                    "necessity_grounds": ["protect_public"],
                },
            )
        ],
    )
    def post(self, request):
        require_role(getattr(request, "membership", None), ELIGIBILITY_USERS)
        return Response(eligibility_assess(payload=request.data).as_json())
