"""A ticket's SLA due times, kept by the workflow actions (the callers save the fields).

- Both targets count business time from the ticket's creation, so a ticket triaged late
  is not given extra time. They are computed on create and again whenever the type or the
  priority changes; no priority, no policy, or no target for the priority: no due times.
- The resolution clock stops while the ticket is ``waiting`` or ``solved``. Leaving such a
  status pushes ``resolution_due_at`` by the business time it stood still and adds that
  time to ``sla_paused_for``, so a later recomputation keeps it. ``closed`` is final.
- ``first_response_due_at`` stays as the record once answered (reports can compare it
  with ``first_response_at``); it no longer counts as due (``sla.due.ticket_sla_state``).

- Each target also has a warning time: the policy's ``warn_at_percent`` of the target in
  business time (pushed with the due time when the clock restarts). The periodic check
  (``sla.notices``) sends the warning and breach notices from these fields.

Due-time changes write no Activity rows: they follow from changes that already do.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from agencydesk.sla.calendar import add_business_time, business_time_between
from agencydesk.sla.due import calendar_for, policy_for
from agencydesk.tickets.models import Status, Ticket

DUE_FIELDS = (
    "first_response_due_at",
    "resolution_due_at",
    "first_response_warn_at",
    "resolution_warn_at",
)
SLA_FIELDS = (*DUE_FIELDS, "sla_paused_at", "sla_paused_for")
CLOCK_STOPPED = frozenset({Status.WAITING, Status.SOLVED})


def sla_due_times_set(ticket: Ticket) -> bool:
    """(Re)compute both due times and their warning times; returns whether any changed."""
    before = tuple(getattr(ticket, name) for name in DUE_FIELDS)
    policy = policy_for(ticket.ticket_type)
    target = policy.target_for(ticket.priority) if policy is not None else None
    calendar = calendar_for(policy) if target is not None else None
    if policy is None or target is None or calendar is None:
        for name in DUE_FIELDS:
            setattr(ticket, name, None)
    else:
        start, share = ticket.created_at, policy.warn_at_percent / 100
        first = dt.timedelta(minutes=target.first_response_minutes)
        resolution = dt.timedelta(minutes=target.resolution_minutes)
        ticket.first_response_due_at = add_business_time(start, first, calendar)
        ticket.first_response_warn_at = add_business_time(start, first * share, calendar)
        ticket.resolution_due_at = add_business_time(
            start, resolution + ticket.sla_paused_for, calendar
        )
        ticket.resolution_warn_at = add_business_time(
            start, resolution * share + ticket.sla_paused_for, calendar
        )
    return before != tuple(getattr(ticket, name) for name in DUE_FIELDS)


@transaction.atomic
def ticket_sla_recompute(*, ticket: Ticket) -> bool:
    """Recompute an open ticket's due times after its policy changed (locks the row)."""
    ticket.refresh_from_db(from_queryset=Ticket.objects.select_for_update(of=("self",)))
    if ticket.status == Status.CLOSED or not sla_due_times_set(ticket):
        return False
    ticket.save(update_fields=list(DUE_FIELDS))
    return True


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
        if ticket.resolution_warn_at is not None:
            ticket.resolution_warn_at = add_business_time(
                ticket.resolution_warn_at, stopped, calendar
            )
    ticket.sla_paused_at = None
