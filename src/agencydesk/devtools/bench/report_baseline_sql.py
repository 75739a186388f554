"""The benchmark's baseline: the report statement as it was before tickets stored their
durations (it re-derives every resolution from the status history at read time). Kept
verbatim so ``report_baseline_*`` measures the gain of the stored columns; the application
runs ``reports/sql.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.tickets.models import OPEN_STATUSES, ActivityVerb, Status

RESOLVED_STATUSES = (Status.SOLVED, Status.CLOSED)
STATUS_VERBS = (ActivityVerb.STATUS_CHANGED, ActivityVerb.REOPENED)


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
            WHERE t.created_at < %s AND t.deleted_at IS NULL
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


def report_baseline_sql(params: ReportParams) -> tuple[str, list[Any]]:
    """The old statement behind one report table and its parameters."""
    sql = _time_sql(params) if params.group_by.is_time else _grouped_sql(params)
    return sql.text, sql.params
