"""``{% ticket_sla ticket as sla %}``: the due times still running and whether one is missed."""

from __future__ import annotations

from django import template
from django.utils import timezone

from agencydesk.sla.due import SlaState, ticket_sla_state
from agencydesk.tickets.models import Ticket

register = template.Library()


@register.simple_tag
def ticket_sla(ticket: Ticket) -> SlaState:
    return ticket_sla_state(ticket, timezone.now())
