"""Tickets with a hand-made status history, and the same figures computed in plain Python.

``ticket_with_history`` writes rows directly (timestamps set with ``.update()``, which
``auto_now_add`` would otherwise overwrite); ``Expected`` walks the same history step by
step, independently of the SQL, to give the figures the report must show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agencydesk.tickets.models import Activity, Status, Ticket
from agencydesk.tickets.workflow.durations import durations_from_history
from tests.factories import ActivityFactory, TicketFactory

UTC = dt.UTC
RESOLVED = {Status.SOLVED, Status.CLOSED}


def at(day: int, hour: int = 0, minute: int = 0, *, month: int = 1) -> dt.datetime:
    """A UTC moment in 2026 (short to write in scenarios)."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=UTC)


def ticket_with_history(
    *,
    created: dt.datetime,
    history: Sequence[tuple[str, dt.datetime]] = (),
    first_response: dt.datetime | None = None,
    due: dt.datetime | None = None,
    reopen_verb: str = "status_changed",
    **ticket_fields: Any,
) -> Ticket:
    """A ticket created at ``created`` whose status changed as ``history`` says."""
    status = history[-1][0] if history else Status.NEW
    ticket = TicketFactory(status=status, **ticket_fields)
    previous: str = Status.NEW
    for new_status, moment in history:
        verb = reopen_verb if previous in RESOLVED and new_status not in RESOLVED else None
        activity = ActivityFactory(
            ticket=ticket,
            verb=verb or "status_changed",
            field="status",
            old_value=previous,
            new_value=new_status,
        )
        Activity.objects.filter(pk=activity.pk).update(created_at=moment)
        previous = new_status
    # updated_at as the workflow leaves it: the time of the last change
    last_change = max([created, *(moment for _status, moment in history)])
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=created,
        updated_at=last_change,
        first_response_at=first_response,
        resolution_due_at=due,
    )
    # the stored durations as the workflow leaves them, from the history just written
    durations_from_history([ticket.pk])
    ticket.refresh_from_db()
    ticket.history = list(history)  # type: ignore[attr-defined]
    return ticket


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (what percentile_cont does)."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def resolved_at(history: Sequence[tuple[str, dt.datetime]]) -> dt.datetime | None:
    """Walk the history: when did the ticket enter the resolved stretch it is in now?"""
    moment: dt.datetime | None = None
    is_resolved = False
    for status, when in history:
        if status in RESOLVED and not is_resolved:
            moment = when
        is_resolved = status in RESOLVED
    return moment if is_resolved else None


def open_at(ticket: Ticket, instant: dt.datetime) -> bool:
    if ticket.created_at >= instant:
        return False
    before = [status for status, when in ticket.history if when < instant]  # type: ignore[attr-defined]
    return not before or before[-1] not in RESOLVED


@dataclass
class Expected:
    """The report's figures for a set of tickets, computed in Python."""

    cohort: list[Ticket]
    backlog: int
    as_of: dt.datetime
    resolution: list[float] = field(init=False)
    response: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.resolution = [
            (r - t.created_at).total_seconds()
            for t in self.cohort
            if (r := resolved_at(t.history)) is not None  # type: ignore[attr-defined]
        ]
        self.response = [
            (t.first_response_at - t.created_at).total_seconds()
            for t in self.cohort
            if t.first_response_at is not None
        ]

    def figures(self) -> dict[str, Any]:
        judged = met = 0
        for ticket in self.cohort:
            if ticket.resolution_due_at is None:
                continue
            done = resolved_at(ticket.history)  # type: ignore[attr-defined]
            if done is not None or ticket.resolution_due_at <= self.as_of:
                judged += 1
            if done is not None and done <= ticket.resolution_due_at:
                met += 1
        return {
            "ticket_count": len(self.cohort),
            "solved_count": len(self.resolution),
            "resolution_median": percentile(self.resolution, 0.5),
            "resolution_mean": _mean(self.resolution),
            "resolution_p90": percentile(self.resolution, 0.9),
            "response_median": percentile(self.response, 0.5),
            "response_mean": _mean(self.response),
            "response_p90": percentile(self.response, 0.9),
            "within_target_count": met,
            "target_count": judged,
            "backlog": self.backlog,
        }


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def expected_for(
    tickets: Iterable[Ticket],
    *,
    start: dt.datetime,
    end: dt.datetime,
    as_of: dt.datetime,
    where: Callable[[Ticket], bool] = lambda ticket: True,
) -> dict[str, Any]:
    chosen = [t for t in tickets if where(t)]
    cohort = [t for t in chosen if start <= t.created_at < end]
    backlog = sum(open_at(t, end) for t in chosen)
    return Expected(cohort=cohort, backlog=backlog, as_of=as_of).figures()


def figures_of(row: Any) -> dict[str, Any]:
    """The same flat dict from a report row (flat, so ``pytest.approx`` can compare it)."""
    return {
        "ticket_count": row.ticket_count,
        "solved_count": row.solved_count,
        "resolution_median": row.resolution.median,
        "resolution_mean": row.resolution.mean,
        "resolution_p90": row.resolution.p90,
        "response_median": row.first_response.median,
        "response_mean": row.first_response.mean,
        "response_p90": row.first_response.p90,
        "within_target_count": row.within_target_count,
        "target_count": row.target_count,
        "backlog": row.backlog,
    }
