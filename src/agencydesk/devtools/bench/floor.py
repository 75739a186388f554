"""The floors: minimal views behind the same middleware and authentication as the
application, each running one hand-written SQL statement that returns the rows the
application's page or list returns (ticket creation: one INSERT). What the application
spends above these is what the benchmark's ratio shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from agencydesk.accounts.gates import IsAgencyMember, customer_required, staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.devtools.bench.report_baseline_sql import report_baseline_sql
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.reports.queries import REPORT_STATEMENT_SETTINGS
from agencydesk.tickets.choices import OPEN_STATUSES
from agencydesk.tickets.portal_access import portal_profile
from agencydesk.tickets.search import RANK_WINDOW, search_config

INBOX_PAGE, PORTAL_PAGE = 50, 25
_OPEN = [str(status) for status in OPEN_STATUSES]

# The columns of a list row (what the staff inbox and the API show, names joined in).
_ROW_SQL = """
SELECT t.number, t.title, t.status, t.priority, t.visibility, t.created_at, t.updated_at,
       t.customer_id, c.name AS customer, t.site_id, s.name AS site, t.assignee_id,
       u.name AS assignee, t.ticket_type_id, tt.name AS ticket_type
FROM tickets_ticket t
JOIN customers_customer c ON c.id = t.customer_id
LEFT JOIN customers_site s ON s.id = t.site_id
LEFT JOIN accounts_user u ON u.id = t.assignee_id
JOIN tickets_tickettype tt ON tt.id = t.ticket_type_id
"""


def _rows(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _page(request: HttpRequest | Request, size: int) -> dict[str, int]:
    page = max(1, int(request.GET.get("page") or 1))
    return {"limit": size, "offset": (page - 1) * size}


def _html(rows: list[dict[str, Any]]) -> HttpResponse:
    body = format_html_join(
        "\n",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((row["number"], row["title"], row["status"], row.get("customer", "")) for row in rows),
    )
    return HttpResponse(f"<!doctype html><table>{body}</table>")


# Each saved view of the inbox (``staff/selectors.py``) by hand: its condition and its
# default order. The due order spells out ``tickets.sort_keys.NEXT_DUE`` as Django
# compiles it, so that the expression index behind it serves the floor too.
_NEWEST = "t.created_at DESC, t.id DESC"
_NEXT_DUE = (
    "CASE WHEN NOT (t.status IN ('new', 'in_progress', 'waiting')) THEN NULL"
    " WHEN (t.first_response_at IS NULL AND t.first_response_due_at IS NOT NULL)"
    " THEN t.first_response_due_at ELSE t.resolution_due_at END"
)
_DUE_BEFORE = (
    "((t.first_response_at IS NULL AND t.first_response_due_at {op} %(moment)s)"
    " OR t.resolution_due_at {op} %(moment)s)"
)
_VIEWS: dict[str, tuple[str, str, str]] = {  # view: (statuses, condition, order)
    "open": ("open", "", _NEWEST),
    "mine": ("open", " AND t.assignee_id = %(user)s", _NEWEST),
    "unassigned": ("open", " AND t.assignee_id IS NULL", _NEWEST),
    "triage": ("open", " AND t.needs_triage", _NEWEST),
    "due_soon": (
        "due",
        " AND " + _DUE_BEFORE.format(op="<="),
        f"{_NEXT_DUE} ASC NULLS LAST, t.created_at DESC",
    ),
    "overdue": (
        "due",
        " AND " + _DUE_BEFORE.format(op="<"),
        f"{_NEXT_DUE} ASC NULLS LAST, t.created_at DESC",
    ),
    "solved": ("resolved", " AND t.solved_at >= %(moment)s", _NEWEST),
    "all": ("", "", _NEWEST),
}
_FILTER_COLUMNS = {"priority": "t.priority", "customer": "t.customer_id"}
_STATUSES = {
    "open": _OPEN,
    "due": ["new", "in_progress"],
    "resolved": ["solved", "closed"],
}


def _inbox_moment(view: str) -> dt.datetime:
    now = timezone.now()
    if view == "due_soon":
        return now + dt.timedelta(hours=24)
    if view == "solved":
        return now - dt.timedelta(days=7)
    return now


@staff_required
@require_GET
def inbox_floor(request: HttpRequest) -> HttpResponse:
    """An inbox page: the saved view's tickets (``?view``, default: open tickets) in its
    order, narrowed by ``?status`` (which replaces the view's statuses), ``?priority`` and
    ``?customer``."""
    view = request.GET.get("view") or "open"
    statuses, condition, order = _VIEWS.get(view, _VIEWS["open"])
    params: dict[str, Any] = {
        "user": request.user.pk,
        "moment": _inbox_moment(view),
        **_page(request, INBOX_PAGE),
    }
    if request.GET.get("status"):
        statuses, params["statuses"] = "chosen", [request.GET["status"]]
    elif statuses:
        params["statuses"] = _STATUSES[statuses]
    where = " AND t.status = ANY(%(statuses)s)" if statuses else ""
    for name, column in _FILTER_COLUMNS.items():
        if request.GET.get(name):
            where += f" AND {column} = %({name})s"
            params[name] = request.GET[name]
    rows = _rows(
        _ROW_SQL
        + " WHERE t.deleted_at IS NULL"
        + where
        + condition
        + f" ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s",
        params,
    )
    return _html(rows)


@api_view(["GET"])
@permission_classes([IsAgencyMember])
def ticket_list_floor(request: Request) -> Response:
    """The list API's page (``?page``, ``?page_size``) or its search (``?q``): ranked by
    relevance among the RANK_WINDOW newest matches (``tickets/search.py``), the same rows
    the application returns on the pages inside that window."""
    size = min(200, int(request.GET.get("page_size") or 25))
    text = request.GET.get("q", "").strip()
    if text:
        # The tsquery is spelled out again in the window: referring to the outer one would
        # correlate the subquery, and PostgreSQL would then run it as a filter on every ticket.
        sql = (
            _ROW_SQL  # noqa: S608 (constant SQL, the values are parameters)
            + ", websearch_to_tsquery(%(config)s::regconfig, %(q)s) AS query"
            " WHERE t.id IN (SELECT w.id FROM tickets_ticket w"
            "   WHERE w.deleted_at IS NULL"
            "   AND w.search_vector @@ websearch_to_tsquery(%(config)s::regconfig, %(q)s)"
            "   ORDER BY w.created_at DESC, w.id DESC LIMIT %(window)s)"
            " ORDER BY ts_rank(t.search_vector, query) DESC, t.created_at DESC, t.id DESC"
            " LIMIT %(limit)s OFFSET %(offset)s"
        )
        params: dict[str, Any] = {
            "config": search_config(),
            "q": text,
            "window": RANK_WINDOW,
            **_page(request, size),
        }
    elif request.GET.get("before"):
        # A keyset page: the rows after (created_at, id) in the list's order.
        sql = (
            _ROW_SQL + " WHERE t.deleted_at IS NULL AND t.created_at <= %(at)s"
            " AND (t.created_at < %(at)s OR t.id < %(id)s)"
            " ORDER BY t.created_at DESC, t.id DESC LIMIT %(limit)s"
        )
        params = {
            "at": dt.datetime.fromisoformat(request.GET["before"]),
            "id": int(request.GET.get("before_id") or 0),
            "limit": size,
        }
    else:
        sql = (
            _ROW_SQL + " WHERE t.deleted_at IS NULL ORDER BY t.created_at DESC"
            " LIMIT %(limit)s OFFSET %(offset)s"
        )
        params = {**_page(request, size)}
    return Response({"results": _rows(sql, params)})


@customer_required
@require_GET
def portal_floor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The portal's home list: the customer's open tickets this person may see (all of
    them with ``?show=all``), newest first."""
    profile = portal_profile(request.user)
    member_only = (
        "" if profile is None or profile.role == "manager" else " AND t.visibility = 'site'"
    )
    open_only = "" if request.GET.get("show") == "all" else " AND t.status = ANY(%(open)s)"
    rows = _rows(
        _ROW_SQL + " WHERE t.deleted_at IS NULL AND t.customer_id = %(customer)s"
        " AND t.visibility <> 'unpublished'"
        + open_only
        + member_only
        + " ORDER BY t.created_at DESC LIMIT %(limit)s OFFSET %(offset)s",
        {
            "customer": profile.customer_id if profile else 0,
            "open": _OPEN,
            **_page(request, PORTAL_PAGE),
        },
    )
    return _html(rows)


# The report's floor: the single aggregate over the precomputed columns (one pass over
# the covering index ticket_report_cohort, no status history, no labels, no backlog).
_REPORT_FLOOR_SQL = """
SELECT {key} AS group_key, count(*), count(t.resolution_seconds),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.resolution_seconds),
       avg(t.resolution_seconds),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.resolution_seconds),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.response_seconds),
       avg(t.response_seconds),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.response_seconds),
       count(*) FILTER (WHERE t.resolution_due_at IS NOT NULL
           AND t.resolution_seconds IS NOT NULL AND t.solved_at <= t.resolution_due_at),
       count(*) FILTER (WHERE t.resolution_due_at IS NOT NULL
           AND (t.resolution_seconds IS NOT NULL OR t.resolution_due_at <= %(now)s))
FROM tickets_ticket t
WHERE t.created_at >= %(start)s AND t.created_at < %(end)s AND t.deleted_at IS NULL
GROUP BY ROLLUP ({key})
"""
_FLOOR_KEYS = {
    GroupBy.TICKET_TYPE: "t.ticket_type_id",
    GroupBy.MONTH: "date_trunc('month', t.created_at AT TIME ZONE %(tz)s)",
}


def _report_params(request: HttpRequest, group_by: GroupBy | None = None) -> ReportParams:
    days = int(request.GET.get("days") or 365)
    today = timezone.localdate()
    return ReportParams(
        group_by=group_by or GroupBy(request.GET.get("group_by") or GroupBy.TICKET_TYPE),
        date_from=today - dt.timedelta(days=days - 1),
        date_to=today,
        timezone=str(timezone.get_current_timezone()),
        as_of=timezone.now(),
    )


def _row_count(text: str, sql_params: Any, *, report_settings: bool = True) -> int:
    # By default with the settings the application's report statements run with (no JIT,
    # sorts in memory); the baseline as it ran before, with the server's.
    with transaction.atomic(), connection.cursor() as cursor:
        if report_settings:
            cursor.execute(REPORT_STATEMENT_SETTINGS)
        cursor.execute(text, sql_params)
        return len(cursor.fetchall())


@staff_required
@require_GET
def report_floor(request: HttpRequest) -> HttpResponse:
    """One report table's floor; ``tables=page``: the tables ``/reports/`` shows for its
    group (the table and the month trend), so the page is compared with their sum."""
    params = _report_params(request)
    groups = [params.group_by]
    if request.GET.get("tables") == "page" and params.group_by != GroupBy.MONTH:
        groups.append(GroupBy.MONTH)
    count = 0
    for group in groups:
        key = _FLOOR_KEYS.get(group, _FLOOR_KEYS[GroupBy.TICKET_TYPE])
        count += _row_count(
            _REPORT_FLOOR_SQL.format(key=key),
            {"start": params.start, "end": params.end, "now": params.as_of, "tz": params.timezone},
        )
    return HttpResponse(f"{count} rows", content_type="text/plain")


@staff_required
@require_GET
def report_baseline(request: HttpRequest) -> HttpResponse:
    """Today's statement before the stored durations (the baseline of the tenfold target)."""
    text, sql_params = report_baseline_sql(_report_params(request))
    count = _row_count(text, sql_params, report_settings=False)
    return HttpResponse(f"{count} rows", content_type="text/plain")


_INSERT_SQL = """
INSERT INTO tickets_ticket (
    number, title, description, ticket_type_id, priority, status, customer_id,
    requester_email, source, visibility, custom_fields, needs_triage, created_at, updated_at)
SELECT nextval('tickets_ticket_number_seq'), %(title)s, %(description)s,
       (SELECT id FROM tickets_tickettype ORDER BY id LIMIT 1), 'medium', 'new',
       %(customer)s, '', 'api', 'private', '{}'::jsonb, false, %(now)s, %(now)s
RETURNING number
"""


@api_view(["POST"])
@permission_classes([IsAgencyMember])
def ticket_create_floor(request: Request) -> Response:
    """Ticket creation's floor: a DRF endpoint that inserts one row."""
    payload: Any = request.data
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_SQL,
            {
                "title": str(payload.get("title", ""))[:200],
                "description": str(payload.get("description", "")),
                "customer": int(payload["customer"]),
                "now": timezone.now(),
            },
        )
        number = cursor.fetchone()[0]
    return Response({"number": number}, status=201)
