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

The policies and the business-time calendars belong to the ``sla`` app, a feature above
the domain: it registers its ``SlaRules`` here when Django starts (``SlaConfig.ready``),
so the ticket keeps its own due-time fields without importing the feature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction

from agencydesk.tickets.models import Status, Ticket

DUE_FIELDS = (
    "first_response_due_at",
    "resolution_due_at",
    "first_response_warn_at",
    "resolution_warn_at",
)
SLA_FIELDS = (*DUE_FIELDS, "sla_paused_at", "sla_paused_for")
CLOCK_STOPPED = frozenset({Status.WAITING, Status.SOLVED})


class BusinessClock(Protocol):
    """Business time on the calendar of the ticket's policy."""

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime: ...

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta: ...


@dataclass(frozen=True)
class SlaTerms:
    """The targets that apply to a ticket, with the clock they are counted on."""

    first_response: dt.timedelta
    resolution: dt.timedelta
    warn_share: float  # of each target, in business time, before the warning is due
    clock: BusinessClock


class SlaRules(Protocol):
    def terms_for(self, ticket: Ticket) -> SlaTerms | None:
        """None: no policy, no target for the priority, or no calendar."""
        ...

    def clock_for(self, ticket: Ticket) -> BusinessClock | None: ...


class _NoRules:
    """Without the sla app no ticket has due times."""

    def terms_for(self, ticket: Ticket) -> SlaTerms | None:
        return None

    def clock_for(self, ticket: Ticket) -> BusinessClock | None:
        return None


# One set of rules per process, registered once at startup; never per request or tenant.
_rules: list[SlaRules] = [_NoRules()]


def sla_rules_register(rules: SlaRules) -> None:
    """Called by the sla app when Django starts (registering again replaces the rules)."""
    _rules[0] = rules


def sla_clock_for(ticket: Ticket) -> BusinessClock | None:
    """The business clock of the ticket's policy (reads the policy); None without one."""
    return _rules[0].clock_for(ticket)


def sla_due_times_set(ticket: Ticket) -> bool:
    """(Re)compute both due times and their warning times; returns whether any changed."""
    before = tuple(getattr(ticket, name) for name in DUE_FIELDS)
    terms = _rules[0].terms_for(ticket)
    if terms is None:
        for name in DUE_FIELDS:
            setattr(ticket, name, None)
    else:
        start, share, clock = ticket.created_at, terms.warn_share, terms.clock
        first, resolution = terms.first_response, terms.resolution
        ticket.first_response_due_at = clock.add(start, first)
        ticket.first_response_warn_at = clock.add(start, first * share)
        ticket.resolution_due_at = clock.add(start, resolution + ticket.sla_paused_for)
        ticket.resolution_warn_at = clock.add(start, resolution * share + ticket.sla_paused_for)
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
    clock = sla_clock_for(ticket)
    if clock is not None:
        stopped = clock.between(since, now)
        ticket.sla_paused_for += stopped
        if ticket.resolution_due_at is not None:
            ticket.resolution_due_at = clock.add(ticket.resolution_due_at, stopped)
        if ticket.resolution_warn_at is not None:
            ticket.resolution_warn_at = clock.add(ticket.resolution_warn_at, stopped)
    ticket.sla_paused_at = None
