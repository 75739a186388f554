"""The SQL behind the resolution-time report: one statement per report table.

What each figure means is defined in ``queries.py``; this module only turns
``ReportParams`` into that statement (group keys and labels, the metric columns, the
common table expressions) with every value as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

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


# A status change that moves the ticket between open and resolved. Only these change the
# backlog (a change between two open statuses leaves it as it is), and the partial index
# ``reports_activity_resolution_flips`` (reports migration 0002) holds exactly these rows:
# the statement repeats its predicate word for word so the planner can use it.
_RESOLVED_LIST = ", ".join(f"'{status.value}'" for status in RESOLVED_STATUSES)
_FLIP_SQL = (
    f"coalesce((a.new_value #>> '{{}}') IN ({_RESOLVED_LIST}), false)"
    f" <> coalesce((a.old_value #>> '{{}}') IN ({_RESOLVED_LIST}), false)"
)


def _filters(sql: _Sql, params: ReportParams) -> None:
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


def _reads_history(params: ReportParams) -> bool:
    """The backlog needs the status history: a time grouping's (at each bucket's end) or
    a period's that has ended. Otherwise it is the tickets open now."""
    return params.backlog and (params.group_by.is_time or params.end <= timezone.now())


def _common_ctes(sql: _Sql, params: ReportParams) -> None:
    key_sql, key_params = _key_sql(params)
    # Kept as a table only for the history's second read; read once, the planner folds it
    # into the aggregate (no copy of half a million rows into a temporary file).
    materialized = "MATERIALIZED" if _reads_history(params) else "NOT MATERIALIZED"
    # The cohort's figures come from the durations the workflow stored on the ticket
    # (tickets/workflow/durations.py): one range scan of the covering index
    # ticket_report_cohort, no status history.
    sql.add(
        f"""WITH scoped AS {materialized} (
            SELECT t.id, t.created_at, t.resolution_due_at, t.solved_at,
                   t.resolution_seconds, t.response_seconds, {key_sql} AS group_key
            FROM tickets_ticket t
            WHERE t.created_at >= %s AND t.created_at < %s AND t.deleted_at IS NULL""",  # noqa: S608 -- fixed fragments; values are parameters
        *key_params,
        params.start,
        params.end,
    )
    _filters(sql, params)
    sql.add(
        f"""),
        cohort AS (
            SELECT group_key, resolution_due_at,
                   CASE WHEN resolution_seconds IS NOT NULL THEN solved_at END AS resolved_at,
                   resolution_seconds AS resolution_s, response_seconds AS response_s
            FROM scoped
        ),
        cohort_stats AS (
            SELECT group_key, grouping(group_key) = 1 AS is_total, {_METRICS}
            FROM cohort GROUP BY ROLLUP (group_key)
        ),""",  # noqa: S608
        params.as_of,
    )


def _history_ctes(sql: _Sql, params: ReportParams) -> None:
    """``events``: the backlog's deltas over the period (the tickets open at its start, +1
    per ticket created in it, -1 / +1 per change into / out of a resolved status)."""
    key_sql, key_params = _key_sql(params)
    # Tickets created before the period count too. Those done for good before it (resolved
    # now, untouched since its start) move no figure; ``updated_at`` (set by every change)
    # lets the scan skip them. Two arms, each read through an index of its own
    # (ticket_report_cohort, ticket_open_created); UNION drops a ticket found by both.
    sql.add("earlier AS MATERIALIZED (")
    arms: tuple[tuple[str, list[Any]], ...] = (
        ("t.updated_at >= %s", [params.start]),
        ("t.status IN (%s, %s, %s)", list(OPEN_STATUSES)),
    )
    for index, (arm, arm_params) in enumerate(arms):
        if index:
            sql.add("UNION")
        sql.add(
            f"""SELECT t.id, t.status IN (%s, %s) AS resolved_now, {key_sql} AS group_key
            FROM tickets_ticket t
            WHERE t.created_at < %s AND t.deleted_at IS NULL AND {arm}""",  # noqa: S608
            *RESOLVED_STATUSES,
            *key_params,
            params.start,
            *arm_params,
        )
        _filters(sql, params)
    # The period's open <-> resolved changes of the population (the state before a ticket's
    # first such change is the state before its first change of any kind).
    sql.add(
        f"""),
        population AS (
            SELECT id, group_key, false AS before_period FROM scoped
            UNION ALL
            SELECT id, group_key, true FROM earlier
        ),
        changes AS MATERIALIZED (
            SELECT a.ticket_id, a.id, a.created_at, p.group_key, p.before_period,
                   coalesce((a.new_value #>> '{{}}') IN (%s, %s), false) AS resolved
            FROM tickets_activity a
            JOIN population p ON p.id = a.ticket_id
            WHERE a.verb IN (%s, %s) AND a.created_at >= %s AND {_FLIP_SQL}
        ),
        first_change AS (
            SELECT DISTINCT ON (ticket_id) ticket_id, NOT resolved AS was_resolved FROM changes
            WHERE before_period ORDER BY ticket_id, created_at, id
        ),
        opening AS (
            SELECT e.group_key, count(*) AS open_count
            FROM earlier e LEFT JOIN first_change f ON f.ticket_id = e.id
            WHERE NOT coalesce(f.was_resolved, e.resolved_now)
            GROUP BY e.group_key
        ),
        events AS (
            SELECT group_key, %s::timestamptz AS at, open_count AS delta FROM opening
            UNION ALL
            SELECT group_key, created_at, 1 FROM scoped
            UNION ALL
            SELECT group_key, created_at, CASE WHEN resolved THEN -1 ELSE 1 END FROM changes
            WHERE created_at < %s
        ),""",  # noqa: S608
        *RESOLVED_STATUSES,
        *STATUS_VERBS,
        params.start,
        params.start,
        params.end,
    )


def _backlog_ctes(sql: _Sql, params: ReportParams) -> None:
    """``backlog_stats``: the open backlog at the period end, per group."""
    if not params.backlog:
        sql.add(
            "backlog_stats AS (SELECT group_key, 0::bigint AS backlog FROM cohort_stats"
            " WHERE false),"
        )
        return
    if _reads_history(params):
        _history_ctes(sql, params)
        sql.add(
            """backlog_stats AS (
            SELECT group_key, sum(delta)::bigint AS backlog FROM events GROUP BY group_key
        ),"""
        )
        return
    # A period that ends in the future: every status change so far is before its end, so
    # each ticket's latest change before the end is its current status (the workflow
    # changes both together) and the backlog is the open tickets, no history needed
    # (read through the partial index ticket_open_created).
    key_sql, key_params = _key_sql(params)
    sql.add(
        f"""backlog_stats AS (
            SELECT {key_sql} AS group_key, count(*)::bigint AS backlog
            FROM tickets_ticket t
            WHERE t.status IN (%s, %s, %s) AND t.created_at < %s AND t.deleted_at IS NULL""",  # noqa: S608
        *key_params,
        *OPEN_STATUSES,
        params.end,
    )
    _filters(sql, params)
    sql.add("GROUP BY 1),")


def _metric_select(prefix: str) -> str:
    return ", ".join(f"{prefix}.{column}" for column in _METRIC_COLUMNS)


def _grouped_sql(params: ReportParams) -> _Sql:
    spec = _GROUPS[params.group_by]
    sql = _Sql()
    _common_ctes(sql, params)
    _backlog_ctes(sql, params)
    sql.add(
        f"""grouped AS (
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
    if params.backlog:
        _history_ctes(sql, params)
    sql.add(
        """buckets AS (
            SELECT b AS group_key FROM generate_series(
                date_trunc(%s, %s AT TIME ZONE %s),
                (%s AT TIME ZONE %s) - interval '1 microsecond',
                %s::interval) b
        ),""",
        unit,
        params.start,
        params.timezone,
        params.end,
        params.timezone,
        step,
    )
    if params.backlog:
        sql.add(
            """bucket_deltas AS (
            SELECT greatest(date_trunc(%s, at AT TIME ZONE %s),
                            (SELECT min(group_key) FROM buckets)) AS group_key,
                   sum(delta) AS delta
            FROM events GROUP BY 1
        ),
        backlog_stats AS (
            SELECT b.group_key,
                   (sum(coalesce(d.delta, 0)) OVER (ORDER BY b.group_key))::bigint AS backlog
            FROM buckets b LEFT JOIN bucket_deltas d ON d.group_key = b.group_key
        )""",
            unit,
            params.timezone,
        )
    else:
        sql.add("backlog_stats AS (SELECT group_key, 0::bigint AS backlog FROM buckets)")
    sql.add(
        f"""SELECT * FROM (
            SELECT false AS is_total, b.group_key, {_metric_select("c")}, b.backlog
            FROM backlog_stats b
            LEFT JOIN cohort_stats c ON c.group_key = b.group_key AND NOT c.is_total
            UNION ALL
            SELECT true, NULL, {_metric_select("c")},
                   (SELECT backlog FROM backlog_stats ORDER BY group_key DESC LIMIT 1)
            FROM cohort_stats c WHERE c.is_total
        ) report
        ORDER BY is_total, group_key"""  # noqa: S608
    )
    return sql


def report_sql(params: ReportParams) -> tuple[str, list[Any]]:
    """The statement behind one report table and its parameters (the benchmark runs it
    bare to measure what the Python side adds)."""
    sql = _time_sql(params) if params.group_by.is_time else _grouped_sql(params)
    return sql.text, sql.params
