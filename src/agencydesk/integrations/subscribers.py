"""Turns ticket events into webhook deliveries: one row per matching active subscription
(their list is cached, ``subscription_cache``), written inside the change's transaction
with its body frozen, sent after commit."""

from __future__ import annotations

from django.utils import timezone

from agencydesk.integrations.dispatch import deliveries_dispatch_on_commit
from agencydesk.integrations.models import WebhookDelivery
from agencydesk.integrations.payloads import delivery_body, payload_common, webhook_event_for
from agencydesk.integrations.subscription_cache import subscription_ids_for
from agencydesk.tickets.events import TicketEvent
from agencydesk.tickets.models import Ticket


def on_ticket_event(event: TicketEvent) -> None:
    webhook_event = webhook_event_for(event)
    if webhook_event is None:
        return
    subscription_ids = subscription_ids_for(webhook_event)
    if not subscription_ids:
        return
    # The trash is still the ticket's: a ticket.deleted carries the ticket as it is now.
    ticket = (
        Ticket.with_trashed.select_related("follow_up_of", "merged_into")
        .filter(pk=event.ticket_id)
        .first()
    )
    if ticket is None:
        return
    common = payload_common(event, webhook_event, ticket)
    occurred_at = timezone.now().isoformat()
    deliveries = []
    for subscription_id in subscription_ids:
        delivery = WebhookDelivery(
            subscription_id=subscription_id, event=webhook_event, ticket_number=ticket.number
        )
        delivery.body = delivery_body(
            delivery_id=str(delivery.pk), occurred_at=occurred_at, common=common
        )
        deliveries.append(delivery)
    WebhookDelivery.objects.bulk_create(deliveries)
    deliveries_dispatch_on_commit([delivery.pk for delivery in deliveries])
