"""The resolution-time report: one SQL statement per report table.

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

from django.db import connection
from django.utils.translation import gettext as _

from agencydesk.core.i18n import pick_translation
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.tickets.models import OPEN_STATUSES, Priority

RESOLVED_STATUSES = ("solved", "closed")
STATUS_VERBS = ("status_changed", "reopened")
PRIORITY_ORDER = ("urgent", "high", "medium", "low", "")


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


@dataclass(frozen=True)
class _GroupSpec:
    key_sql: str  # over tickets_ticket AS t; never NULL (sentinels 0 / '')
    label_join: str = ""  # joins the label table as l on the key
    label_sql: str = "NULL::text"
    sort_sql: str = "NULL::text"


def _fk_group(column: str, table: str, label: str = "l.name", extra_join: str = "") -> _GroupSpec:
    return _GroupSpec(
        key_sql=f"coalesce(t.{column}, 0)",
        label_join=f"LEFT JOIN {table} l ON l.id = g.group_key {extra_join}",
        label_sql=label,
        sort_sql=f"lower({label})",
    )


_GROUPS: dict[GroupBy, _GroupSpec] = {
    GroupBy.TICKET_TYPE: _GroupSpec(
        key_sql="t.ticket_type_id",
        label_join="LEFT JOIN tickets_tickettype l ON l.id = g.group_key",
        label_sql="l.name::text",
        sort_sql="lpad(l.\"order\"::text, 10, '0') || lpad(l.id::text, 20, '0')",
    ),
    GroupBy.PRIORITY: _GroupSpec(
        key_sql="coalesce(t.priority, '')",
        sort_sql="lpad(array_position(ARRAY['urgent','high','medium','low',''],"
        " g.group_key)::text, 2, '0')",
    ),
    GroupBy.CUSTOMER: _fk_group("customer_id", "customers_customer"),
    GroupBy.SITE: _fk_group(
        "site_id",
        "customers_site",
        label="l.name || ' (' || lc.name || ')'",
        extra_join="LEFT JOIN customers_customer lc ON lc.id = l.customer_id",
    ),
    GroupBy.ASSIGNEE: _fk_group(
        "assignee_id", "accounts_user", label="coalesce(nullif(l.name, ''), l.email)"
    ),
    GroupBy.TEAM: _fk_group("team_id", "accounts_team"),
}

_TIME_UNITS = {GroupBy.WEEK: ("week", "1 week"), GroupBy.MONTH: ("month", "1 month")}

_METRICS = """
    count(*) AS ticket_count,
    count(resolved_at) AS solved_count,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_s)
        FILTER (WHERE resolution_s IS NOT NULL) AS resolution_median,
    avg(resolution_s) AS resolution_mean,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_s)
        FILTER (WHERE resolution_s IS NOT NULL) AS resolution_p90,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY response_s)
        FILTER (WHERE response_s IS NOT NULL) AS response_median,
    avg(response_s) AS response_mean,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY response_s)
        FILTER (WHERE response_s IS NOT NULL) AS response_p90,
    count(*) FILTER (WHERE resolution_due_at IS NOT NULL AND resolved_at <= resolution_due_at)
        AS within_target_count,
    count(*) FILTER (WHERE resolution_due_at IS NOT NULL
        AND (resolved_at IS NOT NULL OR resolution_due_at <= %s)) AS target_count
"""
_METRIC_COLUMNS = (
    "ticket_count",
    "solved_count",
    "resolution_median",
    "resolution_mean",
    "resolution_p90",
    "response_median",
    "response_mean",
    "response_p90",
    "within_target_count",
    "target_count",
)


class _Sql:
    """SQL text with its positional parameters, appended in order. The text comes only from
    this module's constants (hence the S608 waivers below); every value is a parameter."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, text: str, *params: Any) -> _Sql:
        self.parts.append(text)
        self.params.extend(params)
        return self

    @property
    def text(self) -> str:
        return "\n".join(self.parts)


def _key_sql(params: ReportParams) -> tuple[str, list[Any]]:
    if params.group_by.is_time:
        unit, _step = _TIME_UNITS[params.group_by]
        return "date_trunc(%s, t.created_at AT TIME ZONE %s)", [unit, params.timezone]
    return _GROUPS[params.group_by].key_sql, []


def _common_ctes(sql: _Sql, params: ReportParams) -> None:
    key_sql, key_params = _key_sql(params)
    # Tickets done for good before the period (resolved now, untouched since its start) do
    # not move any figure; ``updated_at`` (set by every change) lets the scan skip them.
    # Each arm of the OR can use an index of its own (created, updated, status).
    sql.add(
        f"""WITH scoped AS MATERIALIZED (
            SELECT t.id, t.created_at, t.first_response_at, t.resolution_due_at,
                   t.status IN (%s, %s) AS resolved_now, {key_sql} AS group_key
            FROM tickets_ticket t
            WHERE t.created_at < %s
              AND (t.created_at >= %s OR t.updated_at >= %s OR t.status IN (%s, %s, %s))""",  # noqa: S608 -- fixed fragments; values are parameters
        *RESOLVED_STATUSES,
        *key_params,
        params.end,
        params.start,
        params.start,
        *OPEN_STATUSES,
    )
    for column, value in (
        ("ticket_type_id", params.ticket_type_id),
        ("customer_id", params.customer_id),
        ("site_id", params.site_id),
    ):
        if value is not None:
            sql.add(f"AND t.{column} = %s", value)
    if params.scope is not None:
        scope_sql, scope_params = params.scope.values("id").query.sql_with_params()
        sql.add(f"AND t.id IN ({scope_sql})", *scope_params)
    sql.add(
        """),
        changes AS MATERIALIZED (
            SELECT a.ticket_id, a.id, a.created_at, s.group_key,
                   s.created_at < %s AS ticket_before_period,
                   coalesce((a.new_value #>> '{}') IN (%s, %s), false) AS resolved,
                   coalesce((a.old_value #>> '{}') IN (%s, %s), false) AS was_resolved
            FROM tickets_activity a
            JOIN scoped s ON s.id = a.ticket_id
            WHERE a.verb IN (%s, %s) AND a.created_at >= %s
        ),
        resolution AS (
            SELECT ticket_id, max(created_at) AS resolved_at FROM changes
            WHERE resolved AND NOT was_resolved GROUP BY ticket_id
        ),
        cohort AS (
            SELECT s.group_key, s.resolution_due_at, r.resolved_at,
                   extract(epoch FROM r.resolved_at - s.created_at)::float8 AS resolution_s,
                   extract(epoch FROM s.first_response_at - s.created_at)::float8 AS response_s
            FROM scoped s LEFT JOIN resolution r ON r.ticket_id = s.id AND s.resolved_now
            WHERE s.created_at >= %s
        ),
        first_change AS (
            SELECT DISTINCT ON (ticket_id) ticket_id, was_resolved FROM changes
            WHERE ticket_before_period ORDER BY ticket_id, created_at, id
        ),
        opening AS (
            SELECT s.group_key, count(*) AS open_count
            FROM scoped s LEFT JOIN first_change f ON f.ticket_id = s.id
            WHERE s.created_at < %s AND NOT coalesce(f.was_resolved, s.resolved_now)
            GROUP BY s.group_key
        ),""",
        params.start,
        *RESOLVED_STATUSES,
        *RESOLVED_STATUSES,
        *STATUS_VERBS,
        params.start,
        params.start,
        params.start,
    )
    sql.add(
        f"""cohort_stats AS (
            SELECT group_key, grouping(group_key) = 1 AS is_total, {_METRICS}
            FROM cohort GROUP BY ROLLUP (group_key)
        ),
        events AS (
            SELECT group_key, %s::timestamptz AS at, open_count AS delta FROM opening
            UNION ALL
            SELECT group_key, created_at, 1 FROM scoped WHERE created_at >= %s
            UNION ALL
            SELECT group_key, created_at, was_resolved::int - resolved::int FROM changes
            WHERE resolved <> was_resolved AND created_at < %s
        ),""",  # noqa: S608
        params.as_of,
        params.start,
        params.start,
        params.end,
    )


def _metric_select(prefix: str) -> str:
    return ", ".join(f"{prefix}.{column}" for column in _METRIC_COLUMNS)


def _grouped_sql(params: ReportParams) -> _Sql:
    spec = _GROUPS[params.group_by]
    sql = _Sql()
    _common_ctes(sql, params)
    sql.add(
        f"""backlog_stats AS (
            SELECT group_key, sum(delta)::bigint AS backlog FROM events GROUP BY group_key
        ),
        grouped AS (
            SELECT coalesce(c.group_key, b.group_key) AS group_key, {_metric_select("c")},
                   coalesce(b.backlog, 0) AS backlog
            FROM (SELECT * FROM cohort_stats WHERE NOT is_total) c
            FULL JOIN backlog_stats b ON b.group_key = c.group_key
            WHERE c.ticket_count > 0 OR b.backlog > 0
        )
        SELECT * FROM (
            SELECT false AS is_total, g.group_key, {spec.label_sql} AS label,
                   {spec.sort_sql} AS sort_key, {_metric_select("g")}, g.backlog
            FROM grouped g {spec.label_join}
            UNION ALL
            SELECT true, NULL, NULL, NULL, {_metric_select("c")},
                   (SELECT coalesce(sum(backlog), 0)::bigint FROM backlog_stats)
            FROM cohort_stats c WHERE c.is_total
        ) report
        ORDER BY is_total, sort_key NULLS LAST, label, group_key"""  # noqa: S608
    )
    return sql


def _time_sql(params: ReportParams) -> _Sql:
    unit, step = _TIME_UNITS[params.group_by]
    sql = _Sql()
    _common_ctes(sql, params)
    sql.add(
        f"""buckets AS (
            SELECT b AS group_key FROM generate_series(
                date_trunc(%s, %s AT TIME ZONE %s),
                (%s AT TIME ZONE %s) - interval '1 microsecond',
                %s::interval) b
        ),
        bucket_deltas AS (
            SELECT greatest(date_trunc(%s, at AT TIME ZONE %s),
                            (SELECT min(group_key) FROM buckets)) AS group_key,
                   sum(delta) AS delta
            FROM events GROUP BY 1
        ),
        backlog_stats AS (
            SELECT b.group_key,
                   (sum(coalesce(d.delta, 0)) OVER (ORDER BY b.group_key))::bigint AS backlog
            FROM buckets b LEFT JOIN bucket_deltas d ON d.group_key = b.group_key
        )
        SELECT * FROM (
            SELECT false AS is_total, b.group_key, {_metric_select("c")}, b.backlog
            FROM backlog_stats b
            LEFT JOIN cohort_stats c ON c.group_key = b.group_key AND NOT c.is_total
            UNION ALL
            SELECT true, NULL, {_metric_select("c")},
                   (SELECT backlog FROM backlog_stats ORDER BY group_key DESC LIMIT 1)
            FROM cohort_stats c WHERE c.is_total
        ) report
        ORDER BY is_total, group_key""",  # noqa: S608
        unit,
        params.start,
        params.timezone,
        params.end,
        params.timezone,
        step,
        unit,
        params.timezone,
    )
    return sql


def report_sql(params: ReportParams) -> tuple[str, list[Any]]:
    """The statement behind one report table and its parameters (the benchmark runs it
    bare to measure what the Python side adds)."""
    sql = _time_sql(params) if params.group_by.is_time else _grouped_sql(params)
    return sql.text, sql.params


def resolution_report(params: ReportParams) -> ReportTable:
    """One report table: a row per group (in display order) and the total."""
    text, sql_params = report_sql(params)
    with connection.cursor() as cursor:
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
