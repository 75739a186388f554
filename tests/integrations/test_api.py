"""``/api/v1/webhooks/``: tenant admins only, strict input, the secret once, the log."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from agencydesk.integrations.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.conftest import in_schema
from tests.factories import CustomerUserFactory, StaffFactory, TenantAdminFactory
from tests.integrations.factories import WebhookDeliveryFactory, WebhookSubscriptionFactory

pytestmark = pytest.mark.django_db

VALID = {"url": "https://hooks.example.com/in", "events": ["ticket.created", "ticket.closed"]}


@pytest.fixture
def admin_api(client_for, tenant):
    api = client_for(tenant, api=True)
    api.force_login(TenantAdminFactory(language="en"))
    return api


def test_given_valid_input_when_a_webhook_is_created_then_its_secret_is_returned_once(admin_api):
    created = admin_api.post("/api/v1/webhooks/", VALID, format="json")

    assert created.status_code == 201, created.content
    body = created.json()
    webhook = WebhookSubscription.objects.get(pk=body["id"])
    assert body["secret"] == webhook.secret and len(webhook.secret) >= 32
    assert body["events"] == ["ticket.created", "ticket.closed"]
    assert body["is_active"] is True
    detail = admin_api.get(f"/api/v1/webhooks/{webhook.pk}/").json()
    listed = admin_api.get("/api/v1/webhooks/").json()["results"]
    assert "secret" not in detail and "secret" not in listed[0]
    assert AuditEntry.objects.filter(object_id=str(webhook.pk), action="created").exists()
    # The audit log shows that a secret exists, never the secret.
    assert webhook.secret not in str(AuditEntry.objects.values_list("changes", flat=True))


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**VALID, "secret": "mine"}, "secret"),
        ({**VALID, "url": "ftp://hooks.example.com/in"}, "url"),
        ({**VALID, "url": "file:///etc/passwd"}, "url"),
        ({**VALID, "url": "https://user:pw@hooks.example.com/"}, "url"),
        ({**VALID, "url": "not a url"}, "url"),
        ({**VALID, "events": ["ticket.exploded"]}, "events"),
        ({**VALID, "events": []}, "events"),
        ({"url": VALID["url"]}, "events"),
    ],
)
def test_given_bad_input_when_creating_then_400_names_the_field_and_nothing_is_saved(
    admin_api, payload, field
):
    response = admin_api.post("/api/v1/webhooks/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not WebhookSubscription.objects.exists()


def test_given_a_german_admin_when_the_url_is_refused_then_the_error_is_german(client_for, tenant):
    api = client_for(tenant, api=True)
    api.force_login(TenantAdminFactory(language="de"))

    response = api.post("/api/v1/webhooks/", {**VALID, "url": "ftp://x.example/"}, format="json")

    assert response.json()["url"] == ["Geben Sie eine http- oder https-URL ein."]


def test_given_a_webhook_when_patched_then_only_the_given_fields_change(admin_api):
    webhook = WebhookSubscriptionFactory(events=["ticket.created"])

    response = admin_api.patch(
        f"/api/v1/webhooks/{webhook.pk}/", {"is_active": False}, format="json"
    )
    refused = admin_api.patch(f"/api/v1/webhooks/{webhook.pk}/", {"colour": 1}, format="json")

    assert response.status_code == 200
    webhook.refresh_from_db()
    assert webhook.is_active is False and webhook.events == ["ticket.created"]
    assert refused.status_code == 400 and "colour" in refused.json()


def test_given_a_switched_off_webhook_when_switched_on_then_its_failure_count_restarts(admin_api):
    webhook = WebhookSubscriptionFactory(is_active=False, consecutive_failures=15)

    admin_api.patch(f"/api/v1/webhooks/{webhook.pk}/", {"is_active": True}, format="json")

    webhook.refresh_from_db()
    assert webhook.is_active and webhook.consecutive_failures == 0


def test_given_a_webhook_when_the_secret_is_rotated_then_the_new_one_is_shown(admin_api):
    webhook = WebhookSubscriptionFactory()
    old = webhook.secret

    response = admin_api.post(f"/api/v1/webhooks/{webhook.pk}/rotate-secret/")

    webhook.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["secret"] == webhook.secret != old


def test_given_a_webhook_when_deleted_then_it_and_its_log_are_gone(admin_api):
    delivery = WebhookDeliveryFactory()

    response = admin_api.delete(f"/api/v1/webhooks/{delivery.subscription_id}/")

    assert response.status_code == 204
    assert not WebhookDelivery.objects.exists()


def test_given_deliveries_when_listed_then_newest_first_and_paginated(admin_api):
    webhook = WebhookSubscriptionFactory()
    older = WebhookDeliveryFactory(subscription=webhook)
    newer = WebhookDeliveryFactory(subscription=webhook)
    WebhookDelivery.objects.filter(pk=older.pk).update(
        created_at=newer.created_at.replace(year=2025)
    )

    body = admin_api.get(f"/api/v1/webhooks/{webhook.pk}/deliveries/?page_size=1").json()

    assert body["count"] == 2 and body["next"]
    assert body["results"][0]["id"] == str(newer.pk)
    assert body["results"][0]["response_status"] == 500
    assert "body" not in body["results"][0]


@pytest.mark.parametrize("rows", [1, 8])
def test_given_few_or_many_deliveries_when_listed_then_the_query_count_is_the_same(
    admin_api, django_assert_num_queries, rows
):
    webhook = WebhookSubscriptionFactory()
    WebhookDeliveryFactory.create_batch(rows, subscription=webhook)

    # Domain, session, user, webhook, count, one page of deliveries with their attempts
    # counted in SQL: six queries, each after its SET search_path.
    with django_assert_num_queries(12):
        response = admin_api.get(f"/api/v1/webhooks/{webhook.pk}/deliveries/")

    assert len(response.json()["results"]) == rows


def test_given_a_delivery_of_another_webhook_when_redelivered_through_this_one_then_404(
    admin_api,
):
    mine = WebhookSubscriptionFactory()
    delivery = WebhookDeliveryFactory()

    response = admin_api.post(f"/api/v1/webhooks/{mine.pk}/deliveries/{delivery.pk}/redeliver/")

    assert response.status_code == 404
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED


def test_given_an_inactive_webhook_when_a_delivery_is_redelivered_then_400(admin_api):
    delivery = WebhookDeliveryFactory(subscription__is_active=False)

    response = admin_api.post(
        f"/api/v1/webhooks/{delivery.subscription_id}/deliveries/{delivery.pk}/redeliver/"
    )

    assert response.status_code == 400 and "delivery" in response.json()


def test_given_a_failed_delivery_when_redelivered_then_it_waits_for_a_fresh_round(admin_api):
    delivery = WebhookDeliveryFactory(attempts=8)

    response = admin_api.post(
        f"/api/v1/webhooks/{delivery.subscription_id}/deliveries/{delivery.pk}/redeliver/"
    )

    assert response.status_code == 202
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


@pytest.mark.parametrize("role", ["staff", "customer"])
def test_given_a_non_admin_when_using_the_webhooks_api_then_404(client_for, tenant, role):
    webhook = WebhookSubscriptionFactory()
    user = StaffFactory() if role == "staff" else CustomerUserFactory().user
    api = client_for(tenant, api=True)
    api.force_login(user)

    listed = api.get("/api/v1/webhooks/")
    created = api.post("/api/v1/webhooks/", VALID, format="json")
    deliveries = api.get(f"/api/v1/webhooks/{webhook.pk}/deliveries/")

    assert (listed.status_code, created.status_code, deliveries.status_code) == (404, 404, 404)
    assert WebhookSubscription.objects.count() == 1


def test_given_no_credentials_when_listing_webhooks_then_401(client_for, tenant):
    assert client_for(tenant, api=True).get("/api/v1/webhooks/").status_code == 401


def test_given_a_webhook_of_another_tenant_when_an_admin_asks_for_it_then_404(
    admin_api, other_tenant
):
    with in_schema(other_tenant):
        theirs = WebhookDeliveryFactory()
    hook = f"/api/v1/webhooks/{theirs.subscription_id}"

    listed = admin_api.get("/api/v1/webhooks/").json()
    detail = admin_api.get(f"{hook}/")
    deliveries = admin_api.get(f"{hook}/deliveries/")
    redeliver = admin_api.post(f"{hook}/deliveries/{theirs.pk}/redeliver/")

    assert listed["count"] == 0
    assert (detail.status_code, deliveries.status_code, redeliver.status_code) == (404,) * 3
    with in_schema(other_tenant):
        theirs.refresh_from_db()
    assert theirs.status == DeliveryStatus.FAILED
