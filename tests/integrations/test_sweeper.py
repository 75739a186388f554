"""Deliveries whose task was lost are sent by the periodic sweeper; deliveries of a webhook
switched off meanwhile are not sent."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from agencydesk.integrations.delivery import (
    INACTIVE_ERROR,
    deliveries_due_ids,
    deliveries_stale_claims_release,
    delivery_attempt,
)
from agencydesk.integrations.models import DeliveryStatus, WebhookDelivery
from agencydesk.integrations.tasks import webhooks_requeue
from tests.integrations.conftest import wait_until
from tests.integrations.factories import WebhookDeliveryFactory


def _aged(delivery: WebhookDelivery, **fields: object) -> None:
    two_minutes_ago = timezone.now() - datetime.timedelta(minutes=2)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=two_minutes_ago, **fields)


@pytest.mark.django_db
def test_given_pending_deliveries_then_only_those_due_are_picked_up(tenant):
    lost = WebhookDeliveryFactory(status=DeliveryStatus.PENDING, attempts=0)
    _aged(lost)
    just_written = WebhookDeliveryFactory(status=DeliveryStatus.PENDING, attempts=0)
    later = WebhookDeliveryFactory(
        status=DeliveryStatus.PENDING,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    _aged(later)

    due = deliveries_due_ids()

    assert due == [lost.pk]
    assert just_written.pk not in due


@pytest.mark.django_db
def test_given_a_claim_of_a_dead_worker_when_released_then_the_delivery_is_pending_again(tenant):
    stuck = WebhookDeliveryFactory(status=DeliveryStatus.SENDING)
    WebhookDelivery.objects.filter(pk=stuck.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    fresh = WebhookDeliveryFactory(status=DeliveryStatus.SENDING, claimed_at=timezone.now())

    assert deliveries_stale_claims_release(older_than_seconds=120) == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, fresh.status) == (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


@pytest.mark.django_db
def test_given_a_webhook_switched_off_when_its_delivery_comes_up_then_it_is_not_sent(tenant):
    delivery = WebhookDeliveryFactory(
        status=DeliveryStatus.PENDING, attempts=0, subscription__is_active=False
    )

    delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.error) == (DeliveryStatus.FAILED, INACTIVE_ERROR)


@pytest.mark.django_db
def test_given_a_delivery_already_claimed_when_a_second_task_comes_then_it_does_nothing(tenant):
    delivery = WebhookDeliveryFactory(status=DeliveryStatus.SENDING, attempts=1)

    _, attempted = delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert not attempted
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENDING, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_given_a_delivery_whose_task_was_lost_when_the_sweeper_runs_then_it_is_delivered(
    webhook_worker, allow_loopback, receiver
):
    delivery = WebhookDeliveryFactory(
        subscription__url=receiver.url, status=DeliveryStatus.PENDING, attempts=0
    )
    _aged(delivery)

    assert webhooks_requeue.apply().get() == 1
    (request,) = receiver.wait_for(1)

    assert request.headers["X-Agencydesk-Delivery"] == str(delivery.pk)
    assert wait_until(
        lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SUCCEEDED
    )
