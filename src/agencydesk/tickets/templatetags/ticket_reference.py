"""``{{ ticket|reference }}``: the reference as users see it, from the one formatter."""

from __future__ import annotations

from django import template

from agencydesk.tickets.models import Ticket
from agencydesk.tickets.search import ticket_reference

register = template.Library()


@register.filter(name="reference")
def reference(ticket: Ticket) -> str:
    return ticket_reference(ticket)
