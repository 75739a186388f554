"""``GET/PATCH /api/v1/settings/``: the tenant's own settings (tenant admins)."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.accounts.models import User
from agencydesk.api.serializers import StrictModelSerializer
from agencydesk.configuration.services.directory import tenant_settings_change
from tenants.models import Tenant

API_SETTINGS_FIELDS = (
    "name",
    "language",
    "timezone",
    "locale",
    "ticket_prefix",
    "numbering",
    "staff_ticket_visibility",
    "report_visibility_explicit",
    "require_two_factor",
    "accent_color",
    "email_sender_name",
)


class TenantSettingsSerializer(StrictModelSerializer):
    class Meta:
        model = Tenant
        fields = API_SETTINGS_FIELDS


class TenantSettingsView(APIView):
    permission_classes = [IsTenantAdmin]

    def _tenant(self, request: AuthenticatedRequest) -> Tenant:
        # A fresh row: the request's own tenant object stays as it was for this request.
        return Tenant.objects.get(pk=request.tenant.pk)

    @extend_schema(
        summary=gettext_lazy("The agency's settings"),
        description=gettext_lazy(
            "Name, language, time zone, ticket numbering, default visibility of staff-created "
            "tickets, two-factor requirement, accent colour and email sender name."
        ),
        responses=TenantSettingsSerializer,
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(TenantSettingsSerializer(self._tenant(request)).data)

    @extend_schema(
        summary=gettext_lazy("Change the agency's settings"),
        description=gettext_lazy("Sets only the fields given."),
        request=TenantSettingsSerializer,
        responses=TenantSettingsSerializer,
    )
    def patch(self, request: AuthenticatedRequest) -> Response:
        tenant = self._tenant(request)
        serializer = TenantSettingsSerializer(tenant, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        tenant = tenant_settings_change(
            actor=cast(User, request.user), tenant=tenant, values=serializer.validated_data
        )
        return Response(TenantSettingsSerializer(tenant).data)
