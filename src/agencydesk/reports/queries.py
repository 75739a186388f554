"""The resolution-time report: one SQL statement per report table (built in ``sql.py``),
turned into rows here.

Definitions (what every figure means; tests/reports check each one against plain Python):

- **Population.** Tickets matching the filters (type, customer, site) and the scope (all of
  the tenant for staff; the portal passes the tickets its user may see). The *cohort* of a
  period are those created from the first day 00:00 to the day after the last day 00:00 in
  the report's timezone; week and month groups are the calendar weeks (Monday) and months
  of ``created_at`` in that timezone.
- **Status history.** The activity log: every ``status_changed`` (or ``reopened``)
  activity, with the status before (``old_value``) and after (``new_value``). ``solved``
  and ``closed`` are *resolved* statuses, every other value is *open*. The ticket's
  ``status`` is its current state (the workflow changes both together).
- **Ticket count**: cohort tickets. **Solved count**: cohort tickets resolved now.
- **Resolution time**: from ``created_at`` to the moment the ticket entered its *current*
  resolved stretch, i.e. its last change from an open into a resolved status. For a
  ticket solved once that is its first (and only) solve; solved → closed keeps the solve
  time; a reopened ticket counts from creation to its last solve; a ticket closed straight
  from an open status counts until that close; a ticket that is open now (never solved, or
  reopened and not solved again) has no resolution time and is not solved. Measured up to
  now, not only up to the period end (a ticket keeps its resolution time whatever period it
  is looked at in).
- **First-response time**: ``created_at`` → ``first_response_at`` (the first public staff
  reply), for cohort tickets that have one.
- **Median / p90**: ``percentile_cont`` (linear interpolation); **mean**: ``avg``; all in
  seconds, over the tickets that have the duration.
- **Within target**: of cohort tickets with a ``resolution_due_at``, those resolved at or
  before it, divided by those resolved *or* already overdue at ``as_of`` (an open ticket
  past its target is a miss; one whose target is still ahead is not judged yet).
- **Open backlog at period end**: tickets (any creation date, same filters and scope)
  created before the end and whose latest status change before the end was not resolved.
  For week and month groups: at the end of each week/month (the last one cut at the period
  end). Computed as the tickets open at the period start (state before their first change
  since then, else their current status) plus +1 per ticket created, -1 per open → resolved
  and +1 per resolved → open change in the period. Only the period's changes are read.
- **Total** row: the same figures over the whole cohort (not an average of groups); its
  backlog is the backlog at the period end.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from agencydesk.core.i18n import pick_translation
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.reports.sql import report_sql
from agencydesk.tickets.models import Priority

# A report statement sorts the durations of up to a year of tickets (the percentiles):
# with the default work_mem those sorts spill into temporary files, and the JIT compiler,
# which the statement's cost triggers, spent more (1.4 s of 6.9 s at 1 M tickets) than it
# saved. Both for this statement's transaction only.
REPORT_STATEMENT_SETTINGS = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"


@dataclass(frozen=True)
class DurationStats:
    """Seconds; ``None`` where no ticket has the duration."""

    median: float | None
    mean: float | None
    p90: float | None


@dataclass(frozen=True)
class ReportRow:
    key: int | str | dt.date | None
    label: str
    ticket_count: int
    solved_count: int
    resolution: DurationStats
    first_response: DurationStats
    within_target_count: int
    target_count: int
    backlog: int

    @property
    def within_target_share(self) -> float | None:
        return self.within_target_count / self.target_count if self.target_count else None


@dataclass(frozen=True)
class ReportTable:
    params: ReportParams
    rows: list[ReportRow]
    total: ReportRow


def resolution_report(params: ReportParams) -> ReportTable:
    """One report table: a row per group (in display order) and the total."""
    text, sql_params = report_sql(params)
    # A transaction for SET LOCAL; inside a caller's, no savepoint of its own (a read).
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(REPORT_STATEMENT_SETTINGS)
        cursor.execute(text, sql_params)
        columns = [column.name for column in cursor.description]
        records = [dict(zip(columns, record, strict=True)) for record in cursor.fetchall()]
    rows = [_row(params.group_by, record) for record in records if not record["is_total"]]
    total = next(_row(params.group_by, r) for r in records if r["is_total"])
    return ReportTable(params=params, rows=rows, total=total)


def _stats(record: dict[str, Any], prefix: str) -> DurationStats:
    return DurationStats(
        median=record[f"{prefix}_median"],
        mean=None if record[f"{prefix}_mean"] is None else float(record[f"{prefix}_mean"]),
        p90=record[f"{prefix}_p90"],
    )


def _row(group_by: GroupBy, record: dict[str, Any]) -> ReportRow:
    key, label = _key_and_label(group_by, record)
    return ReportRow(
        key=key,
        label=label,
        ticket_count=record["ticket_count"] or 0,
        solved_count=record["solved_count"] or 0,
        resolution=_stats(record, "resolution"),
        first_response=_stats(record, "response"),
        within_target_count=record["within_target_count"] or 0,
        target_count=record["target_count"] or 0,
        backlog=int(record["backlog"] or 0),
    )


_NONE_LABELS = {
    GroupBy.PRIORITY: lambda: _("No priority"),
    GroupBy.SITE: lambda: _("No site"),
    GroupBy.ASSIGNEE: lambda: _("Unassigned"),
    GroupBy.TEAM: lambda: _("No team"),
}


def _key_and_label(
    group_by: GroupBy, record: dict[str, Any]
) -> tuple[int | str | dt.date | None, str]:
    if record["is_total"]:
        return None, _("All tickets")
    key = record["group_key"]
    if group_by.is_time:
        day = key.date()
        if group_by == GroupBy.WEEK:
            iso = day.isocalendar()
            return day, _("Week %(week)d/%(year)d") % {"week": iso.week, "year": iso.year}
        return day, f"{day.month:02d}/{day.year}"
    if key in (0, ""):
        return None, str(_NONE_LABELS[group_by]())
    if group_by == GroupBy.PRIORITY:
        return key, str(Priority(key).label)
    if group_by == GroupBy.TICKET_TYPE:
        return key, pick_translation(json.loads(record["label"])) if record["label"] else ""
    return key, record["label"] or ""
