"""One attempt against the real loopback receiver, without the worker: what is recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from agencydesk.integrations.delivery import delivery_attempt
from agencydesk.integrations.models import DeliveryStatus, WebhookAttempt
from tests.integrations.conftest import Reply
from tests.integrations.factories import WebhookDeliveryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(tenant, receiver, allow_loopback):
    def make(**subscription: object):
        return WebhookDeliveryFactory(
            status=DeliveryStatus.PENDING,
            attempts=0,
            response_status=None,
            duration_ms=None,
            response_excerpt="",
            subscription__url=receiver.url,
            **{f"subscription__{name}": value for name, value in subscription.items()},
        )

    return make


def test_given_earlier_failures_when_a_delivery_succeeds_then_the_count_restarts(pending):
    delivery = pending(consecutive_failures=4)

    delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    delivery.subscription.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.delivered_at
    assert delivery.subscription.consecutive_failures == 0


def test_given_attempts_left_when_an_attempt_fails_then_the_next_one_is_scheduled(
    pending, receiver, settings
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    receiver.reply_with(Reply(502, b"bad gateway"))
    delivery = pending(consecutive_failures=1)
    before = timezone.now()

    delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    delivery.subscription.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert (delivery.response_status, delivery.error) == (502, "HTTP 502")
    assert delivery.response_excerpt == "bad gateway"
    wait = delivery.next_attempt_at - before
    assert datetime.timedelta(seconds=30) <= wait <= datetime.timedelta(seconds=37)
    assert delivery.subscription.consecutive_failures == 1  # not failed for good yet
    assert WebhookAttempt.objects.get(delivery=delivery).response_status == 502


def test_given_the_last_attempt_when_it_fails_then_the_delivery_fails_and_counts(
    pending, receiver, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.reply_with(Reply(404))
    delivery = pending(consecutive_failures=1)

    delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    delivery.subscription.refresh_from_db()
    assert (delivery.status, delivery.next_attempt_at) == (DeliveryStatus.FAILED, None)
    assert delivery.subscription.consecutive_failures == 2
    assert delivery.subscription.is_active
