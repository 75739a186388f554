"""``/api/v1/canned-replies/``: staff list the ones offered to them (tenant-wide and their
own) and keep their personal ones; tenant admins also keep the tenant-wide ones.
``GET …/{id}/filled/?ticket=<number>`` returns the text with the placeholders filled."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from agencydesk.accounts.gates import IsAgencyMember
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.accounts.models import User
from agencydesk.api.serializers import StrictSerializer
from agencydesk.configuration.services.canned import (
    tenant_canned_reply_delete,
    tenant_canned_reply_save,
)
from agencydesk.core.limits import BODY_MAX_LENGTH
from agencydesk.tickets.canned import (
    TITLE_MAX_LENGTH,
    canned_replies_offered_to,
    canned_reply_delete,
    canned_reply_fill,
    canned_reply_for,
    canned_reply_may_edit,
    canned_reply_save,
)
from agencydesk.tickets.canned_models import CANNED_REPLY_STATUSES, CannedReply
from agencydesk.tickets.selectors import ticket_for


class CannedReplySerializer(serializers.ModelSerializer[CannedReply]):
    # Empty is a value here (any language; the status stays): declared, so the schema says so.
    language = serializers.ChoiceField(choices=settings.LANGUAGES, allow_blank=True, read_only=True)
    status = serializers.ChoiceField(
        choices=CANNED_REPLY_STATUSES, allow_blank=True, read_only=True
    )
    personal = serializers.SerializerMethodField()

    class Meta:
        model = CannedReply
        fields = ["id", "title", "body", "language", "status", "personal"]
        fields += ["created_at", "updated_at"]
        read_only_fields = fields

    def get_personal(self, canned: CannedReply) -> bool:
        return canned.owner_id is not None


class CannedReplyInputSerializer(StrictSerializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=CANNED_REPLY_STATUSES, required=False, allow_blank=True
    )
    personal = serializers.BooleanField(
        required=False, default=True, help_text=_("false: tenant-wide (tenant admins only)")
    )


def _as_values(data: dict[str, Any], canned: CannedReply | None) -> dict[str, Any]:
    """A partial update keeps what it does not name."""
    current = (
        {key: getattr(canned, key) for key in ("title", "body", "language", "status")}
        if canned
        else {}
    )
    return {**current, **{k: v for k, v in data.items() if k != "personal"}}


@extend_schema(tags=["canned-replies"])
class CannedReplyViewSet(viewsets.ModelViewSet[CannedReply]):
    permission_classes = [IsAgencyMember]
    request: AuthenticatedRequest  # behind the permission class: the user is signed in
    serializer_class = CannedReplySerializer
    queryset = CannedReply.objects.none()  # for the schema; get_queryset scopes the real one
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[CannedReply]:
        language = self.request.query_params.get("language") or None
        return canned_replies_offered_to(self.request.user, language=language)

    def get_object(self) -> CannedReply:
        return canned_reply_for(self.request.user, self.kwargs["pk"])

    def _save(self, canned: CannedReply | None, data: dict[str, Any]) -> CannedReply:
        user: User = self.request.user
        tenant_wide = (canned.owner_id is None) if canned else not data.get("personal", True)
        values = _as_values(data, canned)
        if canned is not None and not canned_reply_may_edit(user, canned):
            raise PermissionDenied
        if tenant_wide:
            if not user.is_tenant_admin:
                raise PermissionDenied
            return tenant_canned_reply_save(actor=user, values=values, canned=canned)
        return canned_reply_save(actor=user, values=values, canned=canned, personal=True)

    @extend_schema(request=CannedReplyInputSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = CannedReplyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        canned = self._save(None, serializer.validated_data)
        return Response(CannedReplySerializer(canned).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CannedReplyInputSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        canned = self.get_object()
        serializer = CannedReplyInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "personal" in request.data:
            message = _("A canned reply stays personal or tenant-wide; create a new one instead.")
            raise serializers.ValidationError({"personal": [message]})
        data.pop("personal", None)  # the serializer's default
        return Response(CannedReplySerializer(self._save(canned, data)).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not kwargs.get("partial"):
            return self.http_method_not_allowed(request)
        return super().update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = self.request.user
        canned = self.get_object()
        if canned.owner_id is None and user.is_tenant_admin:
            tenant_canned_reply_delete(actor=user, canned=canned)
        else:
            canned_reply_delete(actor=user, canned=canned)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="The text with its placeholders filled for a ticket",
        parameters=[OpenApiParameter("ticket", int, required=True)],
        responses={200: dict},
    )
    @action(detail=True, methods=["get"])
    def filled(self, request: AuthenticatedRequest, pk: str) -> Response:
        user: User = request.user
        canned = self.get_object()
        ticket = ticket_for(user, request.query_params.get("ticket", ""))
        body = canned_reply_fill(canned=canned, ticket=ticket, agent=user)
        return Response({"body": body, "status": canned.status or None})
