"""Which custom fields and values a customer user sees (staff-only fields never show)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from agencydesk.tickets.models import CustomField, Ticket


def portal_custom_fields() -> QuerySet[CustomField]:
    """The custom fields customer users see and fill in (staff-only ones never show)."""
    return CustomField.objects.filter(portal_visible=True).order_by("order", "id")


def portal_custom_values(ticket: Ticket) -> list[tuple[CustomField, Any]]:
    """The custom-field values of ``ticket`` a customer user sees, in the fields' order.

    Uses the type's ``portal_fields`` when a selector prefetched them (lists stay at a fixed
    number of queries), else asks for them."""
    fields = getattr(ticket.ticket_type, "portal_fields", None)
    if fields is None:
        fields = list(portal_custom_fields().filter(ticket_type_id=ticket.ticket_type_id))
    values = ticket.custom_fields or {}
    return [(field, values[field.key]) for field in fields if field.key in values]
