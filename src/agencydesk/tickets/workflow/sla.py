"""A ticket's SLA due times, kept by the workflow actions (the callers save the fields).

- Both targets count business time from the ticket's creation, so a ticket triaged late
  is not given extra time. They are computed on create and again whenever the type or the
  priority changes; no priority, no policy, or no target for the priority: no due times.
- The resolution clock stops while the ticket is ``waiting`` or ``solved``. Leaving such a
  status pushes ``resolution_due_at`` by the business time it stood still and adds that
  time to ``sla_paused_for``, so a later recomputation keeps it. ``closed`` is final.
- ``first_response_due_at`` stays as the record once answered (reports can compare it
  with ``first_response_at``); it no longer counts as due (``sla.due.ticket_sla_state``).

Due-time changes write no Activity rows: they follow from changes that already do.
"""

from __future__ import annotations

import datetime as dt

from agencydesk.sla.calendar import add_business_time, business_time_between
from agencydesk.sla.due import calendar_for, policy_for
from agencydesk.tickets.models import Status, Ticket

DUE_FIELDS = ("first_response_due_at", "resolution_due_at")
SLA_FIELDS = (*DUE_FIELDS, "sla_paused_at", "sla_paused_for")
CLOCK_STOPPED = frozenset({Status.WAITING, Status.SOLVED})


def sla_due_times_set(ticket: Ticket) -> bool:
    """(Re)compute both due times; returns whether either changed."""
    before = (ticket.first_response_due_at, ticket.resolution_due_at)
    policy = policy_for(ticket.ticket_type)
    target = policy.target_for(ticket.priority) if policy is not None else None
    calendar = calendar_for(policy) if target is not None else None
    if target is None or calendar is None:
        ticket.first_response_due_at = ticket.resolution_due_at = None
    else:
        start = ticket.created_at
        ticket.first_response_due_at = add_business_time(
            start, dt.timedelta(minutes=target.first_response_minutes), calendar
        )
        ticket.resolution_due_at = add_business_time(
            start,
            dt.timedelta(minutes=target.resolution_minutes) + ticket.sla_paused_for,
            calendar,
        )
    return before != (ticket.first_response_due_at, ticket.resolution_due_at)


def sla_status_change(ticket: Ticket, current: str, target: str, now: dt.datetime) -> None:
    """Stop or restart the resolution clock for a change from ``current`` to ``target``."""
    if target == Status.CLOSED:
        return
    if current in CLOCK_STOPPED and ticket.sla_paused_at is not None:
        _clock_restart(ticket, ticket.sla_paused_at, now)
    if target in CLOCK_STOPPED:
        ticket.sla_paused_at = now


def _clock_restart(ticket: Ticket, since: dt.datetime, now: dt.datetime) -> None:
    calendar = calendar_for(policy_for(ticket.ticket_type))
    if calendar is not None:
        stopped = business_time_between(since, now, calendar)
        ticket.sla_paused_for += stopped
        if ticket.resolution_due_at is not None:
            ticket.resolution_due_at = add_business_time(
                ticket.resolution_due_at, stopped, calendar
            )
    ticket.sla_paused_at = None
