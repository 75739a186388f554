"""Which domain events become which webhook events, and the body each delivery sends.

Mapping (documented in docs/webhooks.md):
- ticket created → ``ticket.created``
- assignee changed → ``ticket.assigned``
- status changed to closed, or merged into another ticket (which closes it) → ``ticket.closed``
- any other status change, triage, publishing, field changes, restore from the trash →
  ``ticket.updated``
- comment or internal note added → ``ticket.commented``
- moved to the trash → ``ticket.deleted``
Comment edits, attachments and the purge of a trashed ticket send nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from agencydesk.integrations.models import WebhookEvent
from agencydesk.tickets.events import EventKind, TicketEvent
from agencydesk.tickets.models import Comment, Status, Ticket
from agencydesk.tickets.representation import CommentSerializer, TicketSerializer
from tenants.current import current_tenant

_DIRECT: dict[str, str] = {
    EventKind.TICKET_CREATED: WebhookEvent.TICKET_CREATED,
    EventKind.TICKET_ASSIGNED: WebhookEvent.TICKET_ASSIGNED,
    EventKind.TICKET_UPDATED: WebhookEvent.TICKET_UPDATED,
    EventKind.TICKET_TRIAGED: WebhookEvent.TICKET_UPDATED,
    EventKind.TICKET_PUBLISHED: WebhookEvent.TICKET_UPDATED,
    EventKind.TICKET_RESTORED: WebhookEvent.TICKET_UPDATED,
    EventKind.TICKET_MERGED: WebhookEvent.TICKET_CLOSED,
    EventKind.COMMENT_ADDED: WebhookEvent.TICKET_COMMENTED,
    EventKind.TICKET_TRASHED: WebhookEvent.TICKET_DELETED,
}


def webhook_event_for(event: TicketEvent) -> str | None:
    """The webhook event a domain event is announced as, or None."""
    if event.kind == EventKind.STATUS_CHANGED:
        new_status = (event.changes.get("status") or [None, None])[1]
        if new_status == Status.CLOSED:
            return WebhookEvent.TICKET_CLOSED
        return WebhookEvent.TICKET_UPDATED
    return _DIRECT.get(event.kind)


def _tenant_slug() -> str:
    return current_tenant().slug


def _changes(event: TicketEvent) -> dict[str, Any]:
    # Only field changes ([old, new] pairs): flags such as a comment's "internal" are not.
    return {
        name: list(value)
        for name, value in event.changes.items()
        if isinstance(value, list | tuple) and len(value) == 2
    }


def payload_common(event: TicketEvent, webhook_event: str, ticket: Ticket) -> dict[str, Any]:
    """Everything of the body but the delivery id (one per subscription)."""
    payload: dict[str, Any] = {
        "event": webhook_event,
        "occurred_at": None,
        "tenant": _tenant_slug(),
        "ticket": TicketSerializer(ticket).data,
        "changes": _changes(event),
    }
    if event.comment_id is not None and webhook_event == WebhookEvent.TICKET_COMMENTED:
        comment = (
            Comment.objects.prefetch_related("attachments").filter(pk=event.comment_id).first()
        )
        if comment is not None:
            payload["comment"] = CommentSerializer(comment).data
    return payload


def delivery_body(*, delivery_id: str, occurred_at: str, common: dict[str, Any]) -> str:
    """The frozen JSON text of one delivery; ``id`` first, as the contract lists it."""
    body = {"id": delivery_id, **common, "occurred_at": occurred_at}
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
