"""Sending a logged delivery again: the same delivery (same id, body and signature) gets a
fresh round of attempts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.integrations.dispatch import deliveries_dispatch_on_commit
from agencydesk.integrations.models import DeliveryStatus, WebhookDelivery


@transaction.atomic
def delivery_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",))
        .select_related("subscription")
        .get(pk=delivery.pk)
    )
    if not delivery.subscription.is_active:
        raise ValidationError(
            {"delivery": [_("Switch the webhook on before sending a delivery again.")]}
        )
    if delivery.status == DeliveryStatus.SENDING:
        raise ValidationError({"delivery": [_("This delivery is being sent right now.")]})
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = None
    delivery.error = ""
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "error"])
    deliveries_dispatch_on_commit([delivery.pk])
    return delivery
