"""Timing: the application and its floor alternately (A/B/A/B…) in the same run, medians;
concurrent clients over keep-alive connections for the throughput scenarios."""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import urllib3
from django.conf import settings
from django.core.management import call_command

from agencydesk.devtools.bench import data
from agencydesk.devtools.bench.data import Credentials
from agencydesk.devtools.bench.scenarios import Call, Scenario

LIST_API_AT_10 = "list_api_first_page_ms_at_10_tenants"


@dataclass
class Result:
    scenario: str
    app_ms: float
    floor_ms: float | None
    runs: int
    errors: int = 0
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # The machine's load when the scenario finished (1, 5 and 15 minutes).
    load_average: tuple[float, float, float] = field(default_factory=os.getloadavg)

    @property
    def ratio(self) -> float | None:
        if self.floor_ms is None or not self.floor_ms:
            return None
        return self.app_ms / self.floor_ms

    def as_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "app_ms": round(self.app_ms, 2),
            "floor_ms": None if self.floor_ms is None else round(self.floor_ms, 2),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "runs": self.runs,
            "errors": self.errors,
            "load_average": [round(value, 2) for value in self.load_average],
            **({"note": self.note} if self.note else {}),
            **self.extra,
        }


class Client:
    """Requests to the benchmark server as the benchmark's users, over kept-alive connections."""

    def __init__(self, base_url: str, credentials: Credentials, *, connections: int) -> None:
        self.pool = urllib3.connection_from_url(
            base_url, maxsize=connections, block=True, retries=False, timeout=120
        )
        self.credentials = credentials

    def _headers(self, call: Call) -> dict[str, str]:
        headers = {"Host": self.credentials.host, "Accept": "text/html,application/json"}
        if call.session:
            key = getattr(self.credentials, f"{call.session}_session")
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={key}"
        else:
            headers["Authorization"] = f"Token {self.credentials.api_token}"
        if call.body is not None:
            headers["Content-Type"] = "application/json"
        return headers

    def send(self, call: Call) -> tuple[float, int]:
        """Milliseconds to the last byte of the answer, and its status."""
        body = None if call.body is None else json.dumps(call.body).encode()
        started = time.perf_counter()
        response = self.pool.urlopen(
            call.method, call.path, body=body, headers=self._headers(call), redirect=False
        )
        return (time.perf_counter() - started) * 1000, response.status


def _ok(status: int) -> bool:
    return 200 <= status < 300


def latency_run(client: Client, scenario: Scenario, runs: int) -> Result:
    calls = [scenario.app] + ([scenario.floor] if scenario.floor else [])
    for call in calls:  # warm-up: caches, connections, plans
        client.send(call)
    app, floor, errors = [], [], 0
    for _run in range(runs):
        if scenario.cold_reports:
            data.report_cache_invalidate()
        elapsed, status = client.send(scenario.app)
        app.append(elapsed)
        errors += not _ok(status)
        if scenario.floor is not None:
            elapsed, status = client.send(scenario.floor)
            floor.append(elapsed)
            errors += not _ok(status)
    return Result(
        scenario=scenario.name,
        app_ms=statistics.median(app),
        floor_ms=statistics.median(floor) if floor else None,
        runs=runs,
        errors=errors,
        note=scenario.note,
    )


def _burst(
    client: Client, call: Call, clients: int, per_client: int
) -> tuple[float, list[float], int]:
    """``clients`` threads, ``per_client`` requests each: wall seconds, latencies, errors."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def work() -> None:
        for _ in range(per_client):
            try:
                elapsed, status = client.send(call)
            except urllib3.exceptions.HTTPError:
                elapsed, status = 0.0, 0
            with lock:
                latencies.append(elapsed)
                errors[0] += not _ok(status)

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, errors[0]


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def throughput_run(client: Client, scenario: Scenario, runs: int, per_client: int = 5) -> Result:
    if scenario.floor is None:
        raise ValueError(f"{scenario.name}: a throughput scenario needs a floor")
    totals: dict[str, dict[str, Any]] = {
        side: {"seconds": 0.0, "latencies": [], "errors": 0} for side in ("app", "floor")
    }
    for _run in range(runs):
        for side, call in (("app", scenario.app), ("floor", scenario.floor)):
            seconds, latencies, errors = _burst(client, call, scenario.clients, per_client)
            totals[side]["seconds"] += seconds
            totals[side]["latencies"] += latencies
            totals[side]["errors"] += errors
    rps = {side: len(t["latencies"]) / t["seconds"] for side, t in totals.items()}
    return Result(
        scenario=scenario.name,
        app_ms=statistics.median(totals["app"]["latencies"]),
        floor_ms=statistics.median(totals["floor"]["latencies"]),
        runs=runs,
        errors=totals["app"]["errors"] + totals["floor"]["errors"],
        extra={
            "clients": scenario.clients,
            "app_rps": round(rps["app"], 1),
            "floor_rps": round(rps["floor"], 1),
            "app_p99_ms": round(_p99(totals["app"]["latencies"]), 1),
            "floor_p99_ms": round(_p99(totals["floor"]["latencies"]), 1),
            "app_errors": totals["app"]["errors"],
        },
    )


def provisioning_run(tenants: int, runs: int, database: str) -> Result:
    """The next tenant provisioned at ``tenants`` against the 11th in a database of 10
    tenants (``<database>_10_tenants``, built once), alternately, ``runs`` times each; the
    tenants are dropped again. Alternation puts both under the same load."""
    reference = f"{database}_10_tenants"
    data.database_use(reference, reuse=True)
    data.schema_ensure()
    data.tenants_ensure(10)
    timings: dict[str, list[float]] = {reference: [], database: []}
    positions = {reference: 11, database: tenants + 1}
    for _run in range(runs):
        for name in (database, reference):
            data.database_use(name, reuse=True)
            timings[name].append(data.tenant_provision_timed(positions[name]))
            data.tenant_drop(positions[name])
    data.database_use(database, reuse=True)
    return Result(
        scenario=f"tenant_provisioning_at_{tenants + 1}",
        app_ms=statistics.median(timings[database]) * 1000,
        floor_ms=statistics.median(timings[reference]) * 1000,
        runs=runs,
        note="floor: the 11th tenant of a database with 10, alternately",
    )


def list_api_by_tenants_result(first_page: Result, tenants: int) -> Result:
    """The list API's first page now against the same request when the database held
    10 tenants (measured while it was built)."""
    at_ten = data.figure(LIST_API_AT_10)
    return Result(
        scenario=f"api_list_at_{tenants}_vs_10_tenants",
        app_ms=first_page.app_ms,
        floor_ms=at_ten,
        runs=first_page.runs,
        note="floor: the list API's first page when the database held 10 tenants",
    )


def migrate_noop_run() -> Result:
    started = time.perf_counter()
    call_command("migrate_schemas", executor="pending", interactive=False, verbosity=0)
    return Result(
        scenario=f"migrate_schemas_pending_noop_{data.tenant_count()}_tenants",
        app_ms=(time.perf_counter() - started) * 1000,
        floor_ms=None,
        runs=1,
    )
