"""What the benchmark times: each scenario of the issue's table, the application's request
and its floor's."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from agencydesk.devtools.bench.data import API_PAGE, Credentials

COMMON_WORD, RARE_WORD = "boiler", "flooding"
CLIENTS = (1, 4, 16)


@dataclass(frozen=True)
class Call:
    """One HTTP request: who sends it (``token`` or a session) and what."""

    path: str
    session: str = ""  # "staff", "manager", "member"; empty: the API token
    method: str = "GET"
    body: dict[str, Any] | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    app: Call
    floor: Call | None
    clients: int = 0  # > 0: a throughput scenario with that many concurrent clients
    note: str = ""
    tags: tuple[str, ...] = field(default=())
    # The application's report cache is invalidated before each timed app request (as a
    # ticket change would), so the run times the report computed, not a cache hit.
    cold_reports: bool = False


def _report_query(days: int) -> str:
    today = dt.datetime.now(dt.UTC).date()
    start = today - dt.timedelta(days=days - 1)
    return f"from={start.isoformat()}&to={today.isoformat()}&group_by=ticket_type"


# The inbox's saved views besides the default one ("open"), and one of each kind of filter.
INBOX_VIEWS = ("mine", "unassigned", "triage", "due_soon", "overdue", "solved", "all")


def _inbox_variants(credentials: Credentials) -> list[tuple[str, str]]:
    views = [(f"view_{view}", f"view={view}") for view in INBOX_VIEWS]
    filters = [
        ("filter_status_waiting", "status=waiting"),
        ("filter_priority_high", "priority=high"),
        ("filter_customer", f"customer={credentials.customer_id}"),
    ]
    return views + filters


def scenarios(*, tickets: int, credentials: Credentials) -> list[Scenario]:
    last_page = max(1, math.ceil(tickets / API_PAGE))
    api = f"/api/v1/tickets/?page_size={API_PAGE}"
    floor = f"/bench-floor/tickets/?page_size={API_PAGE}"
    create_body = {"title": "Benchmark request", "customer": credentials.create_customer_id}
    report_note = "floor: the single aggregate over the stored durations"
    report_365 = f"/api/v1/reports/resolution-time/?{_report_query(365)}"
    inbox = "/bench-floor/inbox/"
    latency = [
        Scenario("inbox", Call("/", "staff"), Call("/bench-floor/inbox/", "staff")),
        *(
            Scenario(
                f"inbox_{name}", Call(f"/?{query}", "staff"), Call(f"{inbox}?{query}", "staff")
            )
            for name, query in _inbox_variants(credentials)
        ),
        Scenario("api_list_first_page", Call(api), Call(floor)),
        Scenario(
            "api_list_last_page",
            Call(f"{api}&page={last_page}"),
            Call(f"{floor}&page={last_page}"),
        ),
        Scenario(
            "api_list_deepest_cursor_page",
            Call(f"{api}&cursor={credentials.deep_cursor}"),
            Call(
                f"{floor}&before={quote(credentials.deep_after[0])}"
                f"&before_id={credentials.deep_after[1]}"
            ),
            note="the last page through the cursor of the next links (keyset)",
        ),
        Scenario(
            "search_common_word", Call(f"{api}&q={COMMON_WORD}"), Call(f"{floor}&q={COMMON_WORD}")
        ),
        Scenario("search_rare_word", Call(f"{api}&q={RARE_WORD}"), Call(f"{floor}&q={RARE_WORD}")),
        *(
            Scenario(
                f"portal_list_{role}{suffix}",
                Call(f"/portal/{query}", role),
                Call(f"/bench-floor/portal/{query}", role),
            )
            for query, suffix in (("", ""), ("?show=all", "_all"))
            for role in ("manager", "member")
        ),
        Scenario(
            "report_30_days",
            Call(f"/api/v1/reports/resolution-time/?{_report_query(30)}"),
            Call("/bench-floor/report/?days=30", "staff"),
            note=report_note,
            cold_reports=True,
        ),
        Scenario(
            "report_365_days",
            Call(f"/api/v1/reports/resolution-time/?{_report_query(365)}"),
            Call("/bench-floor/report/?days=365", "staff"),
            note=report_note,
            cold_reports=True,
        ),
        Scenario(
            "report_baseline_365_days",
            Call("/bench-floor/report-baseline/?days=365", "staff"),
            Call("/bench-floor/report/?days=365", "staff"),
            note="app: the report statement before stored durations; floor: the aggregate",
        ),
        Scenario(
            "report_repeated_365_days",
            Call(report_365),
            Call("/bench-floor/report/?days=365", "staff"),
            note="the same report again: served from the tenant's report cache",
        ),
        Scenario(
            "reports_page_365_days",
            Call(f"/reports/?{_report_query(365)}", "staff"),
            Call("/bench-floor/report/?days=365&tables=page", "staff"),
            note="floor: the sum of the page's tables (by type, month trend) as aggregates",
            cold_reports=True,
        ),
    ]
    throughput = [
        Scenario(
            f"ticket_create_{clients}_clients",
            Call("/api/v1/tickets/", method="POST", body=create_body),
            Call("/bench-floor/tickets/new/", method="POST", body=create_body),
            clients=clients,
        )
        for clients in CLIENTS
    ]
    return latency + throughput


# Timed in-process rather than over HTTP (see runner.special_scenario_run).
SPECIAL = ("tenant_provisioning", "migrate_schemas_pending_noop")
