"""The configuration pages for webhooks (tenant admins)."""

from __future__ import annotations

import pytest

from agencydesk.integrations.models import DeliveryStatus, WebhookSubscription
from tests.conftest import in_schema
from tests.factories import StaffFactory, TenantAdminFactory
from tests.integrations.factories import WebhookDeliveryFactory, WebhookSubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, tenant):
    browser = client_for(tenant)
    browser.force_login(TenantAdminFactory(language="de"))
    return browser


def test_given_the_new_webhook_form_when_submitted_then_the_secret_is_shown_once(admin_client):
    response = admin_client.post(
        "/configuration/webhooks/new/",
        {"url": "https://hooks.example.com/in", "events": ["ticket.created"], "is_active": "on"},
    )

    webhook = WebhookSubscription.objects.get()
    assert response.status_code == 200
    assert webhook.secret in response.content.decode()
    assert "nur dieses eine Mal angezeigt" in response.content.decode()
    again = admin_client.get(f"/configuration/webhooks/{webhook.pk}/").content.decode()
    assert webhook.secret not in again
    assert webhook.events == ["ticket.created"] and webhook.created_by is not None


def test_given_a_refused_url_when_the_form_is_submitted_then_the_field_says_why(admin_client):
    response = admin_client.post(
        "/configuration/webhooks/new/", {"url": "ftp://x.example/", "events": ["ticket.created"]}
    )

    assert response.status_code == 200
    assert "Geben Sie eine http- oder https-URL ein." in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_given_webhooks_when_the_list_is_shown_then_each_is_linked(admin_client):
    webhook = WebhookSubscriptionFactory(is_active=False)
    WebhookSubscriptionFactory.create_batch(2)

    page = admin_client.get("/configuration/webhooks/").content.decode()

    assert f"/configuration/webhooks/{webhook.pk}/" in page
    assert webhook.url in page
    assert "Webhooks" in admin_client.get("/configuration/").content.decode()


def test_given_a_webhook_when_edited_then_the_change_is_saved(admin_client):
    webhook = WebhookSubscriptionFactory(events=["ticket.created"])

    response = admin_client.post(
        f"/configuration/webhooks/{webhook.pk}/",
        {"url": "https://other.example.com/", "events": ["ticket.closed", "ticket.deleted"]},
    )

    webhook.refresh_from_db()
    assert response.status_code == 302
    assert webhook.url == "https://other.example.com/"
    assert webhook.events == ["ticket.closed", "ticket.deleted"]
    assert webhook.is_active is False  # the box was not ticked


def test_given_a_failed_delivery_when_its_button_is_pressed_then_it_is_queued_again(
    admin_client,
):
    delivery = WebhookDeliveryFactory(error="HTTP 500")
    page = admin_client.get(f"/configuration/webhooks/{delivery.subscription_id}/")
    hook = f"/configuration/webhooks/{delivery.subscription_id}"
    action = f"{hook}/deliveries/{delivery.pk}/redeliver/"
    assert action in page.content.decode()
    assert "HTTP 500" in page.content.decode()

    response = admin_client.post(action)

    delivery.refresh_from_db()
    assert response.status_code == 302
    assert delivery.status == DeliveryStatus.PENDING


def test_given_a_webhook_when_deleted_from_its_page_then_it_is_gone(admin_client):
    webhook = WebhookSubscriptionFactory()

    admin_client.post(f"/configuration/webhooks/{webhook.pk}/delete/")

    assert not WebhookSubscription.objects.exists()


def test_given_a_webhook_when_its_secret_is_rotated_then_the_page_shows_the_new_one(admin_client):
    webhook = WebhookSubscriptionFactory()
    old = webhook.secret

    page = admin_client.post(f"/configuration/webhooks/{webhook.pk}/rotate-secret/")

    webhook.refresh_from_db()
    assert webhook.secret != old and webhook.secret in page.content.decode()


def test_given_staff_when_opening_the_webhook_pages_then_404(client_for, tenant):
    webhook = WebhookSubscriptionFactory()
    browser = client_for(tenant)
    browser.force_login(StaffFactory())

    assert browser.get("/configuration/webhooks/").status_code == 404
    assert browser.get(f"/configuration/webhooks/{webhook.pk}/").status_code == 404


def test_given_a_webhook_of_another_tenant_when_its_page_is_opened_then_404(
    admin_client, other_tenant
):
    with in_schema(other_tenant):
        theirs = WebhookDeliveryFactory()

    page = admin_client.get(f"/configuration/webhooks/{theirs.subscription_id}/")
    redeliver = admin_client.post(
        f"/configuration/webhooks/{theirs.subscription_id}/deliveries/{theirs.pk}/redeliver/"
    )

    assert (page.status_code, redeliver.status_code) == (404, 404)


def test_given_webhook_changes_when_the_audit_log_is_shown_then_they_are_listed(admin_client):
    admin_client.post(
        "/configuration/webhooks/new/",
        {"url": "https://hooks.example.com/in", "events": ["ticket.created"], "is_active": "on"},
    )
    webhook = WebhookSubscription.objects.get()
    delivery = WebhookDeliveryFactory(subscription=webhook)
    admin_client.post(f"/configuration/webhooks/{webhook.pk}/deliveries/{delivery.pk}/redeliver/")

    page = admin_client.get("/configuration/audit-log/")

    assert page.status_code == 200
    assert "https://hooks.example.com/in" in page.content.decode()
    assert webhook.secret not in page.content.decode()
