from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kcpo.accounts.selectors import membership_list_for_user


@extend_schema_serializer(component_name="Membership")
class MembershipOutput(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    organisation_type = serializers.CharField(source="organisation.type")
    role = serializers.CharField()


class MeApi(APIView):
    @extend_schema_serializer(component_name="Me")
    class OutputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        full_name = serializers.CharField()
        active_membership_id = serializers.IntegerField(allow_null=True)
        memberships = MembershipOutput(many=True)

    @extend_schema(responses=OutputSerializer, summary="The signed-in user and their memberships")
    def get(self, request):
        memberships = membership_list_for_user(user=request.user)
        active = getattr(request, "membership", None)
        me = {
            "email": request.user.email,
            "full_name": request.user.full_name,
            "active_membership_id": active.id if active else None,
            "memberships": memberships,
        }
        return Response(self.OutputSerializer(me).data)
