from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.selectors import case_get, case_list
from kcpo.audit.services import audit_read


class CaseListApi(APIView):
    @extend_schema_serializer(component_name="CaseListItem")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        reference = serializers.CharField()
        owner = serializers.CharField(source="owner.name")
        subject_name = serializers.CharField(source="subject.full_name")
        created_at = serializers.DateTimeField()

    @extend_schema(
        responses=OutputSerializer(many=True), summary="Cases your organisation owns or that are shared with it"
    )
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(case_list(membership=request.membership), request, view=self)
        audit_read(
            request, object_type="cases.case", details={"page": "api case list", "case_ids": [c.id for c in page]}
        )
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)


class CaseDetailApi(APIView):
    @extend_schema_serializer(component_name="CaseDetail")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        reference = serializers.CharField()
        owner = serializers.CharField(source="owner.name")
        subject_name = serializers.CharField(source="subject.full_name")
        subject_date_of_birth = serializers.DateField(source="subject.date_of_birth")
        lead_officer = serializers.CharField(source="lead_officer.full_name", allow_null=True, default=None)
        created_at = serializers.DateTimeField()

    @extend_schema(responses=OutputSerializer, summary="One case, if your organisation can see it")
    def get(self, request, case_id: int):
        case = case_get(membership=request.membership, case_id=case_id)
        audit_read(request, obj=case, data_subject_id=case.subject_id)
        return Response(self.OutputSerializer(case).data)
