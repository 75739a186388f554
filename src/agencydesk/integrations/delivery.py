"""Sending one delivery: claim, POST, log the attempt, schedule the next or give up.

A delivery is claimed (``pending`` → ``sending``, committed) before the POST, so two workers
(a retry and the sweeper, say) never send it at the same time; the outcome is written only
over our own claim.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from agencydesk.integrations.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from agencydesk.integrations.notices import webhook_disabled_notify
from agencydesk.integrations.signing import signature_header
from agencydesk.integrations.subscription_cache import subscriptions_changed
from agencydesk.integrations.transport import PostResult, webhook_post

logger = logging.getLogger(__name__)

USER_AGENT = "agencydesk-webhooks/1"
INACTIVE_ERROR = "Not sent: the webhook is inactive"


def retry_delay(attempts: int) -> float:
    """Seconds before the next attempt after ``attempts`` failed ones: the base, then twice,
    four times … the base, plus up to a fifth more at random so that many deliveries failing
    together (a receiver outage) do not come back at the same instant."""
    delay = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return float(delay + random.uniform(0, delay / 5))  # noqa: S311 - spreading load only


def delivery_headers(delivery: WebhookDelivery, secret: str, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Agencydesk-Event": delivery.event,
        "X-Agencydesk-Delivery": str(delivery.pk),
        "X-Agencydesk-Signature": signature_header(secret=secret, body=body),
    }


# A retry's task may be run a little before its ETA (timer rounding, clocks of worker and
# sender): so much early is still its turn.
EARLY_TOLERANCE = timedelta(seconds=2)


def _claim(delivery_id: UUID | str) -> tuple[bool, WebhookDelivery | None]:
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + EARLY_TOLERANCE)
    claimed = WebhookDelivery.objects.filter(
        due, pk=delivery_id, status=DeliveryStatus.PENDING
    ).update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    return bool(claimed), delivery


def delivery_attempt(*, delivery_id: UUID | str) -> tuple[WebhookDelivery | None, bool]:
    """One attempt of a delivery, if it is due and nobody else sends it. Returns the
    delivery (None if unknown) and whether this call made the attempt (only then may the
    caller schedule the next one: a duplicate task must not start a second chain)."""
    claimed, delivery = _claim(delivery_id)
    if not claimed or delivery is None:
        if delivery is not None:
            logger.info(
                "Webhook delivery %s is not due or taken (%s)", delivery.pk, delivery.status
            )
        return delivery, False
    subscription = delivery.subscription
    now = timezone.now()
    if not subscription.is_active:
        _finish(delivery, status=DeliveryStatus.FAILED, error=INACTIVE_ERROR, next_attempt_at=None)
        return delivery, True
    body = delivery.body.encode()
    result = webhook_post(
        url=subscription.url,
        body=body,
        headers=delivery_headers(delivery, subscription.secret, body),
    )
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            started_at=now,
            duration_ms=result.duration_ms,
            response_status=result.status,
            response_excerpt=result.excerpt,
            error=result.error,
            succeeded=result.succeeded,
        )
        _record(delivery, subscription, result, started_at=now)
    return delivery, True


def _record(
    delivery: WebhookDelivery,
    subscription: WebhookSubscription,
    result: PostResult,
    *,
    started_at: datetime,
) -> None:
    delivery.response_status = result.status
    delivery.duration_ms = result.duration_ms
    delivery.response_excerpt = result.excerpt
    delivery.last_attempt_at = started_at
    if result.succeeded:
        delivery.delivered_at = timezone.now()
        _finish(delivery, status=DeliveryStatus.SUCCEEDED, error="", next_attempt_at=None)
        WebhookSubscription.objects.filter(pk=subscription.pk, consecutive_failures__gt=0).update(
            consecutive_failures=0
        )
        return
    logger.warning("Webhook delivery %s failed: %s", delivery.pk, result.error)
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        _finish(delivery, status=DeliveryStatus.FAILED, error=result.error, next_attempt_at=None)
        _failure_count(subscription)
        return
    next_attempt_at = timezone.now() + timedelta(seconds=retry_delay(delivery.attempts))
    _finish(
        delivery, status=DeliveryStatus.PENDING, error=result.error, next_attempt_at=next_attempt_at
    )


def _finish(
    delivery: WebhookDelivery, *, status: str, error: str, next_attempt_at: datetime | None
) -> None:
    delivery.status = status
    delivery.error = error
    delivery.next_attempt_at = next_attempt_at
    delivery.claimed_at = None
    # Only our own claim: one released meanwhile (and taken by another worker) stays theirs.
    WebhookDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING, attempts=delivery.attempts
    ).update(
        status=status,
        error=error,
        next_attempt_at=next_attempt_at,
        claimed_at=None,
        response_status=delivery.response_status,
        duration_ms=delivery.duration_ms,
        response_excerpt=delivery.response_excerpt,
        last_attempt_at=delivery.last_attempt_at,
        delivered_at=delivery.delivered_at,
    )


def _failure_count(subscription: WebhookSubscription) -> None:
    """One more delivery failed for good; at the threshold the subscription is switched off
    and the tenant admins are told, once (only the UPDATE that flips it mails)."""
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    switched_off = WebhookSubscription.objects.filter(
        pk=subscription.pk,
        is_active=True,
        consecutive_failures__gte=settings.WEBHOOK_DISABLE_AFTER,
    ).update(is_active=False, disabled_at=timezone.now())
    if switched_off:
        subscriptions_changed()  # an UPDATE, past the model's signals
        subscription.refresh_from_db()
        logger.warning("Webhook %s switched off after repeated failures", subscription.pk)
        webhook_disabled_notify(subscription=subscription)


def deliveries_due_ids(*, limit: int = 500) -> list[UUID]:
    """Pending deliveries whose time has come (their task was lost, or the broker was down
    when they were written)."""
    # A minute's grace: a retry whose own task is about to run is left to that task.
    cutoff = timezone.now() - timedelta(seconds=60)
    due = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created_at__lte=cutoff)
    )
    return list(due.order_by("created_at").values_list("pk", flat=True)[:limit])


def deliveries_stale_claims_release(*, older_than_seconds: int) -> int:
    """Claims of workers that died mid-POST go back to ``pending`` (the receiver may see that
    one delivery twice, under the same delivery id)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return WebhookDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lte=cutoff
    ).update(status=DeliveryStatus.PENDING, claimed_at=None, next_attempt_at=None)
