"""A user's login and personal-data actions over the API (tenant admins)."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.models import User
from agencydesk.api.configuration.serializers import ConfigUserSerializer
from agencydesk.configuration import selectors
from agencydesk.configuration.services.invitations import user_invitation_resend
from agencydesk.configuration.services.personal_data import (
    customer_user_erase,
    personal_data_export,
)


class UserAccountActionsViewSet(viewsets.GenericViewSet):
    """``/users/{id}/invite/``, ``/users/{id}/export/``, ``/users/{id}/erase/``."""

    permission_classes = [IsTenantAdmin]
    serializer_class = ConfigUserSerializer
    pagination_class = None
    filter_backends: list[type] = []

    @property
    def actor(self) -> User:
        return cast(User, self.request.user)

    def get_queryset(self) -> QuerySet[User]:
        return selectors.users_list()

    @extend_schema(
        summary=gettext_lazy("Send the invitation again"),
        description=gettext_lazy(
            "Mails a fresh invitation link to a user who has not accepted theirs yet."
        ),
        request=None,
        responses={202: ConfigUserSerializer},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        """Send the invitation again (a fresh link) to someone who has not accepted it."""
        user = user_invitation_resend(
            actor=self.actor, user=self.get_object(), base_url=request.build_absolute_uri("/")
        )
        output = ConfigUserSerializer(self.get_queryset().get(pk=user.pk))
        return Response(output.data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary=gettext_lazy("Export a person's data"),
        description=gettext_lazy(
            "A zip with `data.json` (profile, requested tickets, comments, attachment details) "
            "and the files they uploaded. The export is audited."
        ),
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description=gettext_lazy("data.json and the person's files")
            )
        },
    )
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        user: User = self.get_object()
        archive = personal_data_export(actor=self.actor, user=user)
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{user.pk}.zip"'
        return response

    @extend_schema(
        summary=gettext_lazy("Erase a customer user"),
        description=gettext_lazy(
            "Removes name and email address and disables the login; their tickets and "
            "comments stay and show “Deleted user”. Audited."
        ),
        request=None,
        responses={200: ConfigUserSerializer},
    )
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        """Anonymise a customer user; their tickets stay."""
        user = customer_user_erase(actor=self.actor, user=self.get_object())
        return Response(ConfigUserSerializer(self.get_queryset().get(pk=user.pk)).data)
