"""The ticket lifecycle: which status may follow which, and the timestamps each one sets.

``new → in_progress ⇄ waiting → solved → closed``; staff may also close straight from any
open status (``solved_at`` is then set too, so reports count the ticket as resolved). A
solved ticket can be reopened (back to ``in_progress``). ``closed`` is final: reports count
a closed ticket as done for good, so a new request on the same matter is a follow-up ticket.
Reopening clears ``solved_at``/``closed_at`` (reports measure the final resolution); the
earlier solution stays in the Activity history.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow.durations import (
    RESOLUTION_FIELDS,
    resolution_durations_set,
    waiting_left,
)
from agencydesk.tickets.workflow.sla import SLA_FIELDS, sla_status_change

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    # Staff may answer a new ticket and wait for the customer, or solve it straight away.
    # Closing from any open status: spam, a duplicate, a matter settled by phone.
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.WAITING, Status.SOLVED, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.SOLVED, Status.CLOSED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.SOLVED, Status.CLOSED}),
    Status.SOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset(),
}
REOPEN_FROM = frozenset({Status.SOLVED})
# What ``status_apply`` may change: the caller saves these.
STATUS_FIELDS = (
    "status",
    "solved_at",
    "closed_at",
    *SLA_FIELDS,
    "waiting_seconds",
    *RESOLUTION_FIELDS,
)


def transition_check(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            {
                "status": [
                    _("A ticket cannot go from “%(current)s” to “%(target)s”.")
                    % {"current": Status(current).label, "target": Status(target).label}
                ]
            }
        )


def is_reopen(current: str, target: str) -> bool:
    return current in REOPEN_FROM and target == Status.IN_PROGRESS


def status_apply(ticket: Ticket, target: str) -> None:
    """Set the status, the timestamps that belong to it and the SLA clock (the caller saves
    ``STATUS_FIELDS``), and the stored durations that follow from them."""
    now = timezone.now()
    waiting_left(ticket, ticket.status, now)  # reads the clock stop before it restarts
    sla_status_change(ticket, ticket.status, target, now)
    if target == Status.SOLVED:
        ticket.solved_at = now
        ticket.closed_at = None
    elif target == Status.CLOSED:
        ticket.closed_at = now
        if ticket.solved_at is None:  # closed without passing "solved"
            ticket.solved_at = now
    elif is_reopen(ticket.status, target):
        ticket.solved_at = None
        ticket.closed_at = None
    ticket.status = target
    resolution_durations_set(ticket)
