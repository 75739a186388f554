"""Which policy and calendar apply to a ticket, and how its due times stand right now.

Reads only; the due times themselves are set by ``tickets.workflow.sla``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db.models import Q

from agencydesk.sla.calendar import BusinessCalendar
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import Status, Ticket, TicketType
from tenants.current import current_tenant

CLOSED_STATUSES = frozenset({Status.SOLVED, Status.CLOSED})


def tenant_timezone() -> ZoneInfo:
    """The current tenant's timezone (business hours are its wall-clock times)."""
    try:
        return ZoneInfo(current_tenant().timezone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def policy_for(ticket_type: TicketType) -> SlaPolicy | None:
    """The type's own policy, else the tenant's default policy, else none."""
    if ticket_type.sla_policy_id is not None:
        return ticket_type.sla_policy
    return SlaPolicy.objects.filter(is_default=True).first()


def ticket_policy(ticket: Ticket) -> SlaPolicy | None:
    """``policy_for(ticket.ticket_type)`` in one query, without loading the type: its own
    policy sorts before the default one (``False < True``)."""
    own = TicketType.objects.filter(pk=ticket.ticket_type_id).values("sla_policy_id")
    return (
        SlaPolicy.objects.filter(Q(pk__in=own) | Q(is_default=True)).order_by("is_default").first()
    )


def calendar_for(policy: SlaPolicy | None) -> BusinessCalendar | None:
    return policy.calendar(tenant_timezone()) if policy is not None else None


@dataclass(frozen=True)
class SlaState:
    """What the ticket page and the inbox show: the due time that matters next."""

    first_response_due_at: dt.datetime | None
    resolution_due_at: dt.datetime | None
    first_response_overdue: bool
    resolution_overdue: bool
    paused: bool

    @property
    def next_due_at(self) -> dt.datetime | None:
        return self.first_response_due_at or self.resolution_due_at

    @property
    def overdue(self) -> bool:
        return self.first_response_overdue or self.resolution_overdue


def ticket_sla_state(ticket: Ticket, now: dt.datetime) -> SlaState:
    """Due times still running; a met or finished target no longer counts as due."""
    is_open = ticket.status not in CLOSED_STATUSES
    first_due = (
        ticket.first_response_due_at if is_open and ticket.first_response_at is None else None
    )
    resolution_due = ticket.resolution_due_at if is_open else None
    # While the clock is stopped only a target missed before the stop is overdue.
    clock = ticket.sla_paused_at or now
    return SlaState(
        first_response_due_at=first_due,
        resolution_due_at=resolution_due,
        first_response_overdue=first_due is not None and first_due < now,
        resolution_overdue=resolution_due is not None and resolution_due < clock,
        paused=is_open and ticket.sla_paused_at is not None,
    )
