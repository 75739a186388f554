"""The cached list of active subscriptions: every change reaches the very next event.

Tests run inside one transaction, where a subscription written by the test itself keeps its
after-commit renewal pending (and the list is then read from the table). ``as_another_request``
makes the subscriber ignore that, as a request on another connection would after the commit:
the list then comes from the cache and only the version renewal keeps it fresh.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.integrations import subscription_cache
from agencydesk.integrations.delivery import delivery_attempt
from agencydesk.integrations.models import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from tests.factories import TenantAdminFactory
from tests.integrations.conftest import Reply
from tests.integrations.factories import WebhookDeliveryFactory, WebhookSubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_another_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subscription_cache, "_own_change_pending", lambda: False)


@pytest.fixture
def admin_api(client_for, tenant):
    api = client_for(tenant, api=True)
    api.force_login(TenantAdminFactory(language="en"))
    return api


def _subscription_reads(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return sum('"integrations_webhooksubscription"' in q["sql"] for q in queries.captured_queries)


def test_given_no_subscriptions_cached_when_one_is_created_then_the_very_next_event_is_delivered(
    tenant, make_ticket, admin_api, as_another_request
):
    make_ticket()  # caches "no subscriptions"
    assert _subscription_reads(make_ticket) == 0

    created = admin_api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example.com/in", "events": ["ticket.created"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    ticket = make_ticket()

    delivery = WebhookDelivery.objects.get()
    assert delivery.subscription_id == created.json()["id"]
    assert delivery.ticket_number == ticket.number


def test_given_a_cached_subscription_when_switched_off_or_deleted_then_the_next_event_skips_it(
    tenant, make_ticket, admin_api, as_another_request
):
    kept, switched_off = WebhookSubscriptionFactory.create_batch(2, events=["ticket.created"])
    gone = WebhookSubscriptionFactory(events=["ticket.created"])
    make_ticket()  # caches all three
    WebhookDelivery.objects.all().delete()

    assert (
        admin_api.patch(
            f"/api/v1/webhooks/{switched_off.pk}/", {"is_active": False}, format="json"
        ).status_code
        == 200
    )
    assert admin_api.delete(f"/api/v1/webhooks/{gone.pk}/").status_code == 204
    make_ticket()

    assert list(WebhookDelivery.objects.values_list("subscription_id", flat=True)) == [kept.pk]


def test_given_a_subscription_switched_off_by_the_worker_then_the_next_event_skips_it(
    tenant, make_ticket, receiver, allow_loopback, settings, as_another_request
):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    settings.WEBHOOK_DISABLE_AFTER = 1
    receiver.reply_with(Reply(500))
    failing = WebhookDeliveryFactory(
        status=DeliveryStatus.PENDING,
        attempts=0,
        subscription__url=receiver.url,
        subscription__events=["ticket.created"],
    )
    make_ticket()  # caches the subscription
    WebhookDelivery.objects.exclude(pk=failing.pk).delete()

    delivery_attempt(delivery_id=failing.pk)  # switched off with an UPDATE, past the signals
    make_ticket()

    assert not WebhookSubscription.objects.get(pk=failing.subscription_id).is_active
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [failing.pk]


def test_given_a_cached_list_when_its_version_is_evicted_then_the_table_is_read_again(
    tenant, make_ticket, as_another_request
):
    make_ticket()  # caches "no subscriptions"
    subscription = WebhookSubscription.objects.bulk_create(  # no signals: only eviction helps
        [WebhookSubscription(url="https://hooks.example.com/in", events=["ticket.created"])]
    )[0]

    cache.delete(f"{subscription_cache.KEY_PREFIX}:version")
    make_ticket()

    assert WebhookDelivery.objects.get().subscription_id == subscription.pk


def test_given_an_uncommitted_subscription_change_then_its_transaction_caches_nothing(
    tenant, make_ticket
):
    subscription = WebhookSubscriptionFactory(events=[WebhookEvent.TICKET_CREATED])

    make_ticket()

    assert WebhookDelivery.objects.get().subscription_id == subscription.pk
    version = cache.get(f"{subscription_cache.KEY_PREFIX}:version")
    assert cache.get(f"{subscription_cache.KEY_PREFIX}:active:{version}") is None
