"""Celery tasks: thin, tenant-aware (the app sends the schema along), load by id, call a
service."""

from __future__ import annotations

from celery import Task, shared_task
from django.conf import settings
from django.utils import timezone

from agencydesk.core.tasks import tenants_fan_out
from agencydesk.integrations.delivery import (
    deliveries_due_ids,
    deliveries_stale_claims_release,
    delivery_attempt,
)
from agencydesk.integrations.models import DeliveryStatus


@shared_task(bind=True, max_retries=None, acks_late=True)
def webhook_deliver(self: Task, delivery_id: str) -> str:
    delivery, attempted = delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return "missing"
    if attempted and delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at:
        countdown = (delivery.next_attempt_at - timezone.now()).total_seconds()
        raise self.retry(countdown=max(countdown, 0))
    return str(delivery.status)


@shared_task
def webhooks_requeue() -> int:
    """Queue the current tenant's due deliveries again, with those whose worker died."""
    deliveries_stale_claims_release(older_than_seconds=settings.WEBHOOK_CLAIM_TIMEOUT_SECONDS)
    delivery_ids = deliveries_due_ids()
    for delivery_id in delivery_ids:
        webhook_deliver.apply_async((str(delivery_id),))
    return len(delivery_ids)


@shared_task
def webhooks_requeue_all_tenants(jitter_seconds: float = 20.0) -> int:
    return tenants_fan_out(webhooks_requeue, jitter_seconds)
