"""``/api/v1/webhooks/`` (tenant admins): subscriptions, their delivery log, redelivery."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.models import User
from agencydesk.api.serializers import StrictSerializer
from agencydesk.configuration.services import webhooks as services
from agencydesk.integrations.models import (
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from agencydesk.integrations.selectors import webhook_deliveries, webhooks_list


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "events",
            "is_active",
            "consecutive_failures",
            "disabled_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class WebhookCreatedSerializer(WebhookSerializer):
    """The create (and rotate-secret) answer: the only time the secret is shown."""

    secret = serializers.CharField(
        read_only=True, help_text=_("Signs every delivery; shown only in this response.")
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookInputSerializer(StrictSerializer):
    url = serializers.URLField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), allow_empty=False
    )
    is_active = serializers.BooleanField(required=False, default=True)


class WebhookDeliverySerializer(serializers.ModelSerializer):
    attempt_count = serializers.IntegerField(
        read_only=True, help_text=_("Attempts made since the delivery was written.")
    )

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "ticket_number",
            "status",
            "attempts",
            "attempt_count",
            "response_status",
            "duration_ms",
            "response_excerpt",
            "error",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
        ]
        read_only_fields = fields


class WebhookViewSet(viewsets.ModelViewSet):
    permission_classes = [IsTenantAdmin]
    serializer_class = WebhookSerializer
    filterset_fields = ("is_active",)

    @property
    def actor(self) -> User:
        return cast(User, self.request.user)  # IsTenantAdmin let only a logged-in admin in

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        return webhooks_list()

    @extend_schema(request=WebhookInputSerializer, responses={201: WebhookCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = WebhookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        webhook = services.webhook_create(actor=self.actor, values=data.validated_data)
        return Response(WebhookCreatedSerializer(webhook).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WebhookInputSerializer, responses=WebhookSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        webhook = self.get_object()
        data = WebhookInputSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        webhook = services.webhook_change(
            actor=self.actor, webhook=webhook, values=data.validated_data
        )
        return Response(WebhookSerializer(webhook).data)

    @extend_schema(request=WebhookInputSerializer, responses=WebhookSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def perform_destroy(self, instance: WebhookSubscription) -> None:
        services.webhook_delete(actor=self.actor, webhook=instance)

    @extend_schema(request=None, responses=WebhookCreatedSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        webhook = services.webhook_secret_rotate(actor=self.actor, webhook=self.get_object())
        return Response(WebhookCreatedSerializer(webhook).data)

    @extend_schema(request=None, responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        page = self.paginate_queryset(webhook_deliveries(self.get_object()))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"deliveries/(?P<delivery_id>[0-9a-fA-F-]{32,36})/redeliver",
    )
    def redeliver(self, request: Request, delivery_id: str, pk: str | None = None) -> Response:
        delivery = get_object_or_404(webhook_deliveries(self.get_object()), pk=delivery_id)
        delivery = services.webhook_delivery_redeliver(actor=self.actor, delivery=delivery)
        delivery = webhook_deliveries(delivery.subscription).get(pk=delivery.pk)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
