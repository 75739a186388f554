"""Celery tasks: thin, tenant-aware (the app sends the schema along), load by id, call a
service."""

from __future__ import annotations

from celery import Task, shared_task
from django.conf import settings

from agencydesk.core.tasks import tenants_fan_out
from agencydesk.notifications.inbound.imap import imap_poll
from agencydesk.notifications.models import MessageStatus
from agencydesk.notifications.outbox import (
    message_send,
    outbox_due_ids,
    outbox_stale_claims_release,
    retry_delay,
)


@shared_task(bind=True, max_retries=None, acks_late=True)
def message_deliver(self: Task, message_id: int) -> str:
    message = message_send(message_id=message_id)
    if message is None:
        return "missing"
    if message.status == MessageStatus.PENDING:
        raise self.retry(countdown=retry_delay(message.attempts))
    return str(message.status)


@shared_task
def outbox_requeue(older_than_seconds: int | None = None) -> int:
    """Queue the current tenant's overdue pending messages again, with those whose worker
    died while sending them."""
    if older_than_seconds is None:
        older_than_seconds = settings.NOTIFICATION_REQUEUE_AFTER_SECONDS
    outbox_stale_claims_release(older_than_seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    message_ids = outbox_due_ids(older_than_seconds=older_than_seconds)
    for message_id in message_ids:
        message_deliver.apply_async((message_id,))
    return len(message_ids)


@shared_task
def outbox_requeue_all_tenants(jitter_seconds: float = 20.0) -> int:
    return tenants_fan_out(outbox_requeue, jitter_seconds)


@shared_task
def imap_poll_tenant() -> int:
    """Fetch the current tenant's IMAP mailbox (if configured)."""
    return imap_poll()


@shared_task
def imap_poll_all_tenants(jitter_seconds: float = 20.0) -> int:
    return tenants_fan_out(imap_poll_tenant, jitter_seconds)
