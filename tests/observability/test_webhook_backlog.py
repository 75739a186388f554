"""The webhook backlog on ``/metrics``: deliveries not made yet, summed over tenants."""

from __future__ import annotations

import pytest

from agencydesk.integrations.models import DeliveryStatus
from tests.conftest import in_schema
from tests.integrations.factories import WebhookDeliveryFactory
from tests.observability.scraping import TOKEN, sample, scrape

pytestmark = pytest.mark.django_db


def test_given_waiting_deliveries_in_two_tenants_when_scraped_then_the_backlog_sums_them(
    any_host_client, tenant, other_tenant, settings
):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_BACKLOG_CACHE_SECONDS = 0
    series = {"backlog": "webhook_deliveries"}
    baseline = sample(scrape(any_host_client), "agencydesk_backlog", **series) or 0
    with in_schema(tenant):
        WebhookDeliveryFactory.create_batch(2, status=DeliveryStatus.PENDING)
        WebhookDeliveryFactory(status=DeliveryStatus.SUCCEEDED)
    with in_schema(other_tenant):
        WebhookDeliveryFactory(status=DeliveryStatus.SENDING)
        WebhookDeliveryFactory(status=DeliveryStatus.FAILED)

    assert sample(scrape(any_host_client), "agencydesk_backlog", **series) == baseline + 3
