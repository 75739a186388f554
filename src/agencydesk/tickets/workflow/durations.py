"""The durations a ticket stores when they happen, read by the reports.

Each value means exactly what the resolution report defines (``reports/queries.py``):

- ``response_seconds``: ``created_at`` → ``first_response_at``.
- ``resolution_seconds``: ``created_at`` → ``solved_at``, the last change from an open into
  a resolved status, while the ticket is resolved; solved → closed keeps it, reopening
  clears it.
- ``waiting_seconds``: the time the ticket stood in ``waiting``, added up when it leaves
  that status (the open stretch of a waiting ticket is not counted yet).

The wall-clock values follow from values the workflow already holds, so the callers save
them in the UPDATE they already issue, without a further query. Tickets that predate these
columns got them from their status history (migration 0017).

Their business-time variants count on the calendar of the ticket's SLA policy, as the
targets do, and are stored only for a ticket under that target (its due time is set):

- ``response_business_seconds``: business time ``created_at`` → ``first_response_at``.
- ``resolution_business_seconds``: business time ``created_at`` → ``solved_at``, less the
  business time the SLA clock stood still (``sla_paused_for``: waiting, an earlier solve;
  and a waiting stretch that a close ended), i.e. what the ticket used of its resolution
  target.

They read the policy (one query, on the first public reply and on a solve or close) and
are the record of that moment: a later change of the calendar leaves them. Tickets that
predate them got them from the calendars then in force (``sla`` migration 0003).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow.sla import sla_clock_for

DURATION_FIELDS = (
    "response_seconds",
    "resolution_seconds",
    "waiting_seconds",
    "response_business_seconds",
    "resolution_business_seconds",
)
RESPONSE_FIELDS = ("response_seconds", "response_business_seconds")
RESOLUTION_FIELDS = ("resolution_seconds", "resolution_business_seconds")


def _seconds(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds()


def response_durations_set(ticket: Ticket) -> None:
    """After ``first_response_at`` was set (the caller saves ``RESPONSE_FIELDS``)."""
    if ticket.first_response_at is None:
        return
    ticket.response_seconds = _seconds(ticket.created_at, ticket.first_response_at)
    clock = sla_clock_for(ticket) if ticket.first_response_due_at is not None else None
    ticket.response_business_seconds = (
        clock.between(ticket.created_at, ticket.first_response_at).total_seconds()
        if clock is not None
        else None
    )


def waiting_left(ticket: Ticket, current: str, now: dt.datetime) -> None:
    """Before a change away from ``current``: a finished waiting stretch is added. The
    stretch started when the SLA clock stopped for it (``sla_paused_at``, set on entering
    ``waiting``), so no further column is needed."""
    if current == Status.WAITING and ticket.sla_paused_at is not None:
        ticket.waiting_seconds = (ticket.waiting_seconds or 0.0) + _seconds(
            ticket.sla_paused_at, now
        )


def resolution_durations_set(ticket: Ticket) -> None:
    """After the status, ``solved_at`` and the SLA clock were set for a change."""
    solved_at = ticket.solved_at
    if ticket.status not in (Status.SOLVED, Status.CLOSED) or solved_at is None:
        ticket.resolution_seconds = ticket.resolution_business_seconds = None
        return
    ticket.resolution_seconds = _seconds(ticket.created_at, solved_at)
    clock = sla_clock_for(ticket) if ticket.resolution_due_at is not None else None
    if clock is None:
        ticket.resolution_business_seconds = None
        return
    stopped = ticket.sla_paused_for
    # Closed straight from waiting: that stretch stopped the clock too. (A solve stops it
    # at ``solved_at`` itself, so nothing is added then.)
    if ticket.sla_paused_at is not None and ticket.sla_paused_at < solved_at:
        stopped += clock.between(ticket.sla_paused_at, solved_at)
    used = clock.between(ticket.created_at, solved_at) - stopped
    ticket.resolution_business_seconds = max(used.total_seconds(), 0.0)


# The wall-clock durations recomputed from the status history in one set-based statement:
# the backfill for tickets that predate the columns (a frozen copy lives in migration 0017)
# and data written around the workflow (imports, the benchmark's generated history).
# ``{where}`` narrows both the history and the tickets ("" for all of them).
_FROM_HISTORY_SQL = """
WITH changes AS (
    SELECT a.ticket_id, a.created_at,
           coalesce((a.new_value #>> '{{}}') IN ('solved', 'closed'), false) AS resolved,
           coalesce((a.old_value #>> '{{}}') IN ('solved', 'closed'), false) AS was_resolved,
           (a.new_value #>> '{{}}') = 'waiting' AS waiting,
           lead(a.created_at) OVER (PARTITION BY a.ticket_id ORDER BY a.created_at, a.id)
               AS left_at
    FROM tickets_activity a
    WHERE a.verb IN ('status_changed', 'reopened') {where_activity}
),
history AS (
    SELECT ticket_id,
           max(created_at) FILTER (WHERE resolved AND NOT was_resolved) AS last_solve,
           coalesce(sum(extract(epoch FROM left_at - created_at))
               FILTER (WHERE waiting AND left_at IS NOT NULL), 0)::float8 AS waiting_s
    FROM changes GROUP BY ticket_id
)
UPDATE tickets_ticket t SET
    response_seconds = extract(epoch FROM t.first_response_at - t.created_at)::float8,
    solved_at = CASE WHEN t.status IN ('solved', 'closed') AND h.last_solve IS NOT NULL
                     THEN h.last_solve ELSE t.solved_at END,
    resolution_seconds = CASE WHEN t.status IN ('solved', 'closed')
                              THEN extract(epoch FROM h.last_solve - t.created_at)::float8 END,
    waiting_seconds = coalesce(h.waiting_s, 0)
FROM tickets_ticket s LEFT JOIN history h ON h.ticket_id = s.id
WHERE s.id = t.id {where_ticket}
"""


def durations_from_history(ticket_ids: list[int] | None = None) -> int:
    """Recompute the wall-clock durations of ``ticket_ids`` (all tickets for None) from
    their status history; returns the number of tickets written."""
    if ticket_ids is None:
        text, params = _FROM_HISTORY_SQL.format(where_activity="", where_ticket=""), []
    else:
        text = _FROM_HISTORY_SQL.format(
            where_activity="AND a.ticket_id = ANY(%s)", where_ticket="AND s.id = ANY(%s)"
        )
        params = [list(ticket_ids), list(ticket_ids)]
    with connection.cursor() as cursor:
        cursor.execute(text, params)
        return int(cursor.rowcount)
