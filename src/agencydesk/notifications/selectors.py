"""Reads of the outbox for the staff UI."""

from __future__ import annotations

from django.db.models import QuerySet

from agencydesk.notifications.models import MessageStatus, OutboundMessage
from agencydesk.tickets.models import Ticket


def failed_messages() -> QuerySet[OutboundMessage]:
    """Messages that could not be delivered after every attempt, newest first."""
    return (
        OutboundMessage.objects.filter(status=MessageStatus.FAILED)
        .select_related("ticket", "recipient")
        .order_by("-created_at", "-id")
    )


def failed_messages_for(ticket: Ticket) -> QuerySet[OutboundMessage]:
    """The undelivered messages about one ticket (its page warns staff about them)."""
    return OutboundMessage.objects.filter(ticket=ticket, status=MessageStatus.FAILED).order_by(
        "-created_at", "-id"
    )
