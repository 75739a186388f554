from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from agencydesk.integrations.models import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)


class WebhookSubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = WebhookSubscription

    url = factory.Sequence(lambda n: f"https://hooks{n}.example.com/agencydesk")
    events = factory.LazyFunction(lambda: list(WebhookEvent.values))
    is_active = True


class WebhookDeliveryFactory(DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    subscription = factory.SubFactory(WebhookSubscriptionFactory)
    event = WebhookEvent.TICKET_CREATED
    ticket_number = factory.Sequence(lambda n: n + 1)
    body = '{"id": "x"}'
    status = DeliveryStatus.FAILED
    attempts = 1
    response_status = 500
    duration_ms = 12
    response_excerpt = "Internal Server Error"
