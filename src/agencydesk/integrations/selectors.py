"""Reads of webhooks and their delivery log (N+1-free)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from agencydesk.integrations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription


def webhooks_list() -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.annotate(delivery_count=Count("deliveries")).order_by("pk")


def webhook_deliveries(subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    """The delivery log, newest first; the body stays out (it can be large)."""
    return (
        WebhookDelivery.objects.filter(subscription=subscription)
        .defer("body")
        .annotate(attempt_count=Count("attempt_log"))
        .order_by("-created_at", "pk")
    )


def delivery_attempts(delivery: WebhookDelivery) -> QuerySet[WebhookAttempt]:
    return WebhookAttempt.objects.filter(delivery=delivery).order_by("-started_at", "-pk")
