"""API tokens of integration accounts, issued by tenant admins (audited):
``GET/POST /api/v1/users/{id}/tokens/``, ``DELETE /api/v1/users/{id}/tokens/{token_id}/``."""

from __future__ import annotations

from typing import Any, cast

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.models import ApiToken, Role, User
from agencydesk.api.auth_views import ApiTokenCreatedSerializer, ApiTokenSerializer
from agencydesk.configuration import selectors
from agencydesk.configuration.services.integrations import (
    integration_token_issue,
    integration_token_revoke,
    integration_tokens_of,
)


def _integration_user(pk: int) -> User:
    # Only integration accounts have admin-issued tokens: anyone else answers 404 here.
    return get_object_or_404(selectors.users_list().filter(role=Role.INTEGRATION), pk=pk)


class IntegrationTokenListView(APIView):
    permission_classes = [IsTenantAdmin]

    @extend_schema(
        summary="An integration account's API tokens", responses=ApiTokenSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        tokens = integration_tokens_of(_integration_user(pk))
        return Response(ApiTokenSerializer(tokens, many=True).data)

    @extend_schema(
        summary="Issue an API token to an integration account (the key is shown once)",
        request=ApiTokenSerializer,
        responses={201: ApiTokenCreatedSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _integration_user(pk)
        serializer = ApiTokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = integration_token_issue(
            actor=cast(User, request.user), user=user, **serializer.validated_data
        )
        data: dict[str, Any] = {**ApiTokenSerializer(token).data, "token": key}
        return Response(data, status=status.HTTP_201_CREATED)


class IntegrationTokenDetailView(APIView):
    permission_classes = [IsTenantAdmin]

    @extend_schema(summary="Revoke an integration account's API token", responses={204: None})
    def delete(self, request: Request, pk: int, token_id: int) -> Response:
        try:
            integration_token_revoke(
                actor=cast(User, request.user), user=_integration_user(pk), token_id=token_id
            )
        except ApiToken.DoesNotExist:
            raise exceptions.NotFound from None
        return Response(status=status.HTTP_204_NO_CONTENT)
