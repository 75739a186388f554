"""``/api/v1/notifications/`` (staff) and ``/api/v1/portal/notifications/`` (customer users):
the bell's list, its unread count, marking read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from agencydesk.accounts.gates import IsAgencyMember, IsCustomerUser
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.api.serializers import StrictSerializer
from agencydesk.notifications.inapp import (
    notification_text,
    notifications_for,
    notifications_mark_all_read,
    notifications_mark_read,
    unread_count,
)
from agencydesk.notifications.models import InAppNotification
from agencydesk.tickets.search import ticket_reference


class NotificationSerializer(serializers.ModelSerializer[InAppNotification]):
    ticket = serializers.SerializerMethodField()
    reference = serializers.SerializerMethodField()
    actor_name = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()

    class Meta:
        model = InAppNotification
        fields = ["id", "kind", "ticket", "reference", "actor", "actor_name", "text"]
        fields += ["created_at", "read_at"]
        read_only_fields = fields

    def get_ticket(self, notification: InAppNotification) -> int | None:
        return notification.ticket.number if notification.ticket else None

    def get_reference(self, notification: InAppNotification) -> str | None:
        return ticket_reference(notification.ticket.number) if notification.ticket else None

    def get_actor_name(self, notification: InAppNotification) -> str | None:
        return notification.actor.get_full_name() if notification.actor else None

    def get_text(self, notification: InAppNotification) -> str:
        return notification_text(notification)


class MarkReadSerializer(StrictSerializer):
    """``{"all": true}`` or ``{"ids": [..]}``."""

    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=500
    )
    all = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("all") and not attrs.get("ids"):
            raise serializers.ValidationError({"ids": [_("Name the notifications, or all.")]})
        return attrs


class _NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[InAppNotification]):
    serializer_class = NotificationSerializer
    request: AuthenticatedRequest  # behind the permission class: the user is signed in
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[InAppNotification]:
        notifications = notifications_for(self.request.user)
        if self.request.query_params.get("unread", "").lower() in {"1", "true", "yes"}:
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @extend_schema(summary="Number of unread notifications", responses={200: dict})
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: AuthenticatedRequest) -> Response:
        return Response({"count": unread_count(request.user)})

    @extend_schema(summary="Mark notifications read", request=MarkReadSerializer)
    @action(detail=False, methods=["post"], url_path="read")
    def mark_read(self, request: AuthenticatedRequest) -> Response:
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        if serializer.validated_data.get("all"):
            changed = notifications_mark_all_read(user=user)
        else:
            changed = notifications_mark_read(
                user=user,
                notification_ids=serializer.validated_data["ids"],
            )
        return Response({"marked": changed, "unread": unread_count(user)})


class NotificationViewSet(_NotificationViewSet):
    permission_classes: list[type[BasePermission]] = [IsAgencyMember]


class PortalNotificationViewSet(_NotificationViewSet):
    permission_classes: list[type[BasePermission]] = [IsCustomerUser]
