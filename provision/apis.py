"""The supervisor's read-only API: the requirements their organisation supervises, one with
the contact details and needs relevant to the activity, and its sessions with their reports.

Each serializer names its fields (never a ModelSerializer): what a supervisor may see is
exactly what is listed here (provision.supervision), and a field added to a model does not
appear by accident. Reads go through the same selectors as the pages (404 outside what the
organisation supervises, 403 for a role that may not) and are logged."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from kcpo.audit.services import audit_read
from provision import supervision
from provision.models import Attendance


class ScheduleWindowSerializer(serializers.Serializer):
    days = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=6), help_text="Monday is 0")
    start = serializers.CharField(help_text="HH:MM, Europe/London")
    end = serializers.CharField(help_text="HH:MM; not after the start: the next day")


def _today():
    return timezone.localdate()


class SupervisedRequirementListApi(APIView):
    @extend_schema_serializer(component_name="SupervisedRequirementListItem")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        label = serializers.CharField()
        subject_name = serializers.CharField(source="order.subject.full_name")
        wording = serializers.CharField()
        schedule = ScheduleWindowSerializer(many=True)
        starts_on = serializers.DateField()
        ends_on = serializers.DateField(allow_null=True)

    @extend_schema(
        responses=OutputSerializer(many=True),
        summary="The requirements your organisation supervises (s22(5))",
        tags=["supervision"],
    )
    def get(self, request):
        requirements = supervision.supervised_requirement_list(membership=request.membership, today=_today())
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(requirements, request, view=self)
        audit_read(
            request,
            object_type="orders.orderprovision",
            details={
                "page": "api requirements supervised",
                "requirement_ids": [r.id for r in page],
                "subject_ids": sorted({r.order.subject_id for r in page}),
            },
        )
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)


class SupervisedRequirementDetailApi(APIView):
    @extend_schema_serializer(component_name="SupervisedRequirement")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        label = serializers.CharField()
        subject_name = serializers.CharField(source="contact.name")
        contact_details = serializers.ListField(child=serializers.CharField(), source="contact.contact_lines")
        contact_details_from_referral = serializers.BooleanField(source="contact.from_referral")
        relevant_needs = serializers.CharField(source="contact.relevant_needs")
        wording = serializers.CharField()
        schedule = ScheduleWindowSerializer(many=True)
        starts_on = serializers.DateField()
        ends_on = serializers.DateField(allow_null=True)

    @extend_schema(
        responses=OutputSerializer,
        summary="A requirement your organisation supervises, with what you need to reach the young person",
        tags=["supervision"],
    )
    def get(self, request, requirement_id: int):
        requirement = supervision.supervised_requirement_get(
            membership=request.membership, requirement_id=requirement_id, today=_today()
        )
        requirement.contact = supervision.requirement_contact(requirement=requirement)
        audit_read(request, obj=requirement, data_subject_id=requirement.order.subject_id, details={"page": "api"})
        return Response(self.OutputSerializer(requirement).data)


class SupervisedSessionListApi(APIView):
    @extend_schema_serializer(component_name="SupervisedSession")
    class OutputSerializer(serializers.Serializer):
        @extend_schema_serializer(component_name="SupervisedSessionReport")
        class ReportSerializer(serializers.Serializer):
            attendance = serializers.ChoiceField(choices=Attendance.choices)
            minutes_late = serializers.IntegerField(allow_null=True)
            excuse = serializers.CharField()
            note = serializers.CharField()
            reported_at = serializers.DateTimeField()

        id = serializers.IntegerField()
        starts_at = serializers.DateTimeField()
        ends_at = serializers.DateTimeField()
        generated = serializers.BooleanField(help_text="Made from the requirement's schedule")
        # Null until the session is reported (DRF reads a missing reverse one-to-one as None).
        report = ReportSerializer(allow_null=True)

    @extend_schema(
        responses=OutputSerializer(many=True),
        summary="The sessions of a requirement your organisation supervises, with your reports",
        tags=["supervision"],
    )
    def get(self, request, requirement_id: int):
        requirement = supervision.supervised_requirement_get(
            membership=request.membership, requirement_id=requirement_id, today=_today()
        )
        sessions = supervision.session_list(requirement=requirement).order_by("starts_at", "id")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(sessions, request, view=self)
        audit_read(
            request,
            obj=requirement,
            data_subject_id=requirement.order.subject_id,
            details={"page": "api sessions", "session_ids": [s.id for s in page]},
        )
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)
