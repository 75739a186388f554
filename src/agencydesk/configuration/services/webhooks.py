"""Webhook subscriptions as tenant admins change them: validated, audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_record
from agencydesk.configuration.models import AuditAction
from agencydesk.configuration.services.base import object_delete, object_save
from agencydesk.integrations.destinations import webhook_url_validate
from agencydesk.integrations.models import (
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
    new_webhook_secret,
)
from agencydesk.integrations.redelivery import delivery_redeliver

WEBHOOK_FIELDS = ("url", "events", "is_active")


def _validated(values: Mapping[str, Any]) -> dict[str, Any]:
    fields = {name: values[name] for name in WEBHOOK_FIELDS if name in values}
    if "url" in fields:
        try:
            webhook_url_validate(fields["url"])
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from error
    if "events" in fields:
        events = list(dict.fromkeys(fields["events"]))  # keep the order, drop repeats
        known = set(WebhookEvent.values)
        unknown = [event for event in events if event not in known]
        if unknown:
            raise ValidationError(
                {"events": [_("Unknown event: %(event)s.") % {"event": ", ".join(unknown)}]}
            )
        if not events:
            raise ValidationError({"events": [_("Choose at least one event.")]})
        fields["events"] = events
    return fields


@transaction.atomic
def webhook_create(*, actor: User, values: Mapping[str, Any]) -> WebhookSubscription:
    """A new subscription with a fresh secret (shown to its creator once)."""
    fields = _validated(values)
    missing = {
        name: [_("This field is required.")] for name in ("url", "events") if name not in fields
    }
    if missing:
        raise ValidationError(missing)
    webhook = WebhookSubscription(created_by=actor, secret=new_webhook_secret())
    return object_save(actor=actor, instance=webhook, values=fields)


@transaction.atomic
def webhook_change(
    *, actor: User, webhook: WebhookSubscription, values: Mapping[str, Any]
) -> WebhookSubscription:
    fields = _validated(values)
    if fields.get("is_active") and not webhook.is_active:
        # Switched on again: the failures that switched it off are history.
        fields["consecutive_failures"] = 0
        fields["disabled_at"] = None
    return object_save(actor=actor, instance=webhook, values=fields)


@transaction.atomic
def webhook_secret_rotate(*, actor: User, webhook: WebhookSubscription) -> WebhookSubscription:
    """A new signing secret; deliveries not sent yet are signed with it."""
    return object_save(actor=actor, instance=webhook, values={"secret": new_webhook_secret()})


def webhook_delete(*, actor: User, webhook: WebhookSubscription) -> None:
    object_delete(actor=actor, instance=webhook)


@transaction.atomic
def webhook_delivery_redeliver(*, actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    delivery = delivery_redeliver(delivery=delivery)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        target=delivery.subscription,
        changes={"redelivered": [None, str(delivery.pk)]},
    )
    return delivery
