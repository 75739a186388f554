"""Deliveries through the real worker (Redis) to a real HTTP receiver on loopback."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from agencydesk.integrations.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from agencydesk.tickets.models import Status
from agencydesk.tickets.workflow import comment_add, ticket_change
from tests.conftest import ensure_test_tenant, in_schema
from tests.factories import TenantAdminFactory
from tests.integrations.conftest import Reply, wait_until
from tests.integrations.factories import WebhookSubscriptionFactory
from tests.notifications.factories import build_scene

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def _signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _settled(delivery: WebhookDelivery) -> bool:
    delivery.refresh_from_db()
    return delivery.status in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED)


def test_given_a_subscription_when_a_ticket_is_created_then_a_signed_delivery_arrives(
    webhook_worker, allow_loopback, receiver, make_ticket
):
    webhook = WebhookSubscriptionFactory(url=receiver.url, events=[WebhookEvent.TICKET_CREATED])

    ticket = make_ticket(title="Lift stuck")
    (request,) = receiver.wait_for(1)

    payload = json.loads(request.body)
    assert request.headers["X-Agencydesk-Signature"] == _signature(webhook.secret, request.body)
    assert request.headers["X-Agencydesk-Event"] == "ticket.created"
    assert request.headers["X-Agencydesk-Delivery"] == payload["id"]
    assert request.headers["Host"] == f"127.0.0.1:{receiver.port}"
    assert request.path == "/hooks/agencydesk?source=test"
    assert list(payload) == ["id", "event", "occurred_at", "tenant", "ticket", "changes"]
    assert payload["tenant"] == "alpha"
    assert payload["ticket"]["number"] == ticket.number
    assert payload["ticket"]["title"] == "Lift stuck"
    delivery = WebhookDelivery.objects.get(pk=payload["id"])
    assert wait_until(lambda: _settled(delivery))
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.response_status == 200
    assert delivery.duration_ms is not None
    assert delivery.response_excerpt == '{"ok": true}'


def test_given_a_receiver_answering_500_then_200_when_retried_then_the_delivery_id_is_the_same(
    webhook_worker, allow_loopback, receiver, make_ticket
):
    webhook = WebhookSubscriptionFactory(url=receiver.url, events=[WebhookEvent.TICKET_CREATED])
    receiver.reply_with(Reply(500, b"database down"))

    make_ticket()
    first, second = receiver.wait_for(2, timeout=60)

    assert first.headers["X-Agencydesk-Delivery"] == second.headers["X-Agencydesk-Delivery"]
    assert first.body == second.body
    assert second.headers["X-Agencydesk-Signature"] == _signature(webhook.secret, second.body)
    delivery = WebhookDelivery.objects.get()
    assert wait_until(lambda: _settled(delivery))
    assert delivery.status == DeliveryStatus.SUCCEEDED
    attempts = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("started_at"))
    assert [(a.response_status, a.succeeded) for a in attempts] == [(500, False), (200, True)]
    assert attempts[0].response_excerpt == "database down"


def test_given_only_closing_is_subscribed_when_a_ticket_lives_then_only_the_close_is_sent(
    webhook_worker, allow_loopback, receiver, make_ticket, staff
):
    WebhookSubscriptionFactory(url=receiver.url, events=[WebhookEvent.TICKET_CLOSED])
    WebhookSubscriptionFactory(url=receiver.url, is_active=False)  # everything, but off

    ticket = make_ticket()
    comment_add(actor=staff, ticket=ticket, body="On our way.")
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)
    requests = receiver.wait_for(1, settle=1.5)

    assert [r.headers["X-Agencydesk-Event"] for r in requests] == ["ticket.closed"]
    assert json.loads(requests[0].body)["changes"]["status"][1] == "closed"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_given_a_destination_resolving_to_loopback_when_private_is_not_allowed_then_it_is_refused(
    webhook_worker, receiver, make_ticket, settings, host
):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    WebhookSubscriptionFactory(url=f"http://{host}:{receiver.port}/hook")

    make_ticket()
    delivery = WebhookDelivery.objects.get()

    assert wait_until(lambda: _settled(delivery))
    assert delivery.status == DeliveryStatus.FAILED
    assert "127.0.0.1" in delivery.error
    assert delivery.response_status is None
    assert receiver.wait_for(1, timeout=0.5) == []


def test_given_a_failed_delivery_when_redelivered_from_the_log_then_it_arrives_with_its_id(
    webhook_worker, allow_loopback, receiver, make_ticket, settings, client_for
):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    webhook = WebhookSubscriptionFactory(url=receiver.url, events=[WebhookEvent.TICKET_CREATED])
    receiver.reply_with(Reply(503))
    make_ticket()
    delivery = WebhookDelivery.objects.get()
    assert wait_until(lambda: _settled(delivery))
    assert delivery.status == DeliveryStatus.FAILED
    api = client_for(webhook_worker, api=True)
    api.force_login(TenantAdminFactory())

    response = api.post(f"/api/v1/webhooks/{webhook.pk}/deliveries/{delivery.pk}/redeliver/")
    first, second = receiver.wait_for(2, timeout=60)

    assert response.status_code == 202, response.content
    assert response.json()["id"] == str(delivery.pk)
    assert second.headers["X-Agencydesk-Delivery"] == str(delivery.pk)
    assert second.body == first.body
    assert wait_until(lambda: _settled(delivery))
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 2


def test_given_a_failing_receiver_when_the_threshold_is_reached_then_it_is_off_and_admins_mailed(
    webhook_worker, allow_loopback, receiver, make_ticket, settings, inbox
):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    settings.WEBHOOK_DISABLE_AFTER = 2
    admin = TenantAdminFactory(email="ops@alpha.example", language="de")
    webhook = WebhookSubscriptionFactory(url=receiver.url, events=[WebhookEvent.TICKET_CREATED])
    receiver.reply_with(*[Reply(500)] * 5)

    make_ticket()
    make_ticket()
    assert wait_until(
        lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED).count() == 2
    )
    webhook.refresh_from_db()
    make_ticket()  # not sent any more
    inbox.wait_for(1)

    assert not webhook.is_active
    assert webhook.disabled_at is not None
    assert webhook.consecutive_failures == 2
    assert len(receiver.requests) == 2
    assert WebhookDelivery.objects.count() == 2

    def notices() -> list:
        return [m for m in inbox.to(admin.email) if "webhook" in m["Subject"].lower()]

    assert wait_until(lambda: len(notices()) == 1)
    assert len(notices()) == 1
    assert "Ein Webhook wurde abgeschaltet" in notices()[0]["Subject"]
    assert receiver.url in notices()[0].get_body(("plain",)).get_content()
    assert WebhookSubscription.objects.get(pk=webhook.pk).is_active is False


def test_given_a_webhook_in_the_second_tenant_when_its_ticket_is_created_then_only_it_is_called(
    webhook_worker, allow_loopback, receiver
):
    alpha_hook = WebhookSubscriptionFactory(url=receiver.url + "&tenant=alpha")
    beta = ensure_test_tenant("beta")
    with in_schema(beta):
        beta_hook = WebhookSubscriptionFactory(url=receiver.url + "&tenant=beta")
        scene = build_scene()
        scene.portal_ticket()

        (request,) = receiver.wait_for(1)
        assert wait_until(
            lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == 1
        )

    assert request.path.endswith("tenant=beta")
    assert json.loads(request.body)["tenant"] == "beta"
    assert request.headers["X-Agencydesk-Signature"] == _signature(beta_hook.secret, request.body)
    assert not WebhookDelivery.objects.filter(subscription=alpha_hook).exists()
