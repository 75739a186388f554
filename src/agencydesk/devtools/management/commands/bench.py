"""agencydesk bench: every scenario of the performance table, application against floor.

    agencydesk bench --tickets 100000 --tenants 50 --runs 5 --json bench.jsonl

Builds its own database ``agencydesk_bench`` (afresh, or with ``--reuse`` topping up the one
there is), serves it with gunicorn in production mode and times each scenario alternately
with its floor.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencydesk.devtools.bench import data, runner
from agencydesk.devtools.bench.report import ProgressBar, json_lines_write, load_average, table
from agencydesk.devtools.bench.scenarios import SPECIAL, Scenario, scenarios
from agencydesk.devtools.bench.server import BenchServer
from tenants.connection import tenant_connection


class Command(BaseCommand):
    help = "Time the application against its floor, scenario by scenario, on generated data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tickets", type=int, default=100_000, help="Tickets in the main tenant"
        )
        parser.add_argument("--tenants", type=int, default=50, help="Tenants in the database")
        parser.add_argument("--runs", type=int, default=5, help="Timed runs per scenario (median)")
        parser.add_argument(
            "--scenario",
            action="append",
            default=[],
            help="Only these scenarios (repeatable or comma-separated; a prefix matches)",
        )
        parser.add_argument("--json", type=Path, help="Write one JSON object per scenario here")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--database", default="agencydesk_bench", help="Database name")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Keep an existing benchmark database and only top it up to --tickets and "
            "--tenants (without it the database is built afresh)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["tenants"] < 1 or options["tickets"] < 1 or options["runs"] < 1:
            raise CommandError("--tickets, --tenants and --runs must be at least 1.")
        wanted = [name for value in options["scenario"] for name in value.split(",") if name]
        _check_names(wanted)
        started = time.perf_counter()
        try:
            database_url = data.database_use(options["database"], reuse=options["reuse"])
        except data.NotABenchmarkDatabase as error:
            raise CommandError(
                f"The database {error} holds data the benchmark did not build; choose "
                "another --database."
            ) from error
        self.stdout.write(f"Database {options['database']}; load average {load_average()}")
        data.schema_ensure()
        # Tickets first, so that the list API can be timed at 10 tenants on the way to --tenants.
        tenant = data.tenants_ensure(1)
        tickets = data.tickets_ensure(tenant, options["tickets"], ProgressBar("tickets"))
        tenants_progress = ProgressBar("tenants")
        tenant = data.tenants_ensure(min(options["tenants"], 10), tenants_progress)
        credentials = data.credentials_ensure(tenant)
        tenant_connection().set_schema_to_public()
        all_scenarios = scenarios(tickets=tickets, credentials=credentials)
        if data.tenant_count() == 10 and data.figure(runner.LIST_API_AT_10) is None:
            list_api = next(s for s in all_scenarios if s.name == "api_list_first_page")
            self._list_api_at_ten(database_url, credentials, list_api, options)
        data.tenants_ensure(options["tenants"], tenants_progress)
        selected = [s for s in all_scenarios if _chosen(s.name, wanted)]
        results: list[runner.Result] = []
        with BenchServer(database_url=database_url, workers=options["workers"]) as server:
            client = runner.Client(server.base_url, credentials, connections=16)
            for scenario in selected:
                self.stdout.write(f"  {scenario.name} …")
                run = runner.throughput_run if scenario.clients else runner.latency_run
                results.append(run(client, scenario, options["runs"]))
        first_page = next((r for r in results if r.scenario == "api_list_first_page"), None)
        if first_page is not None and data.figure(runner.LIST_API_AT_10) is not None:
            results.append(runner.list_api_by_tenants_result(first_page, data.tenant_count()))
        if _chosen(SPECIAL[0], wanted):
            tenants = data.tenant_count()
            results.append(runner.provisioning_run(tenants, options["runs"], options["database"]))
        if _chosen(SPECIAL[1], wanted):
            results.append(runner.migrate_noop_run())
        self.stdout.write(
            f"\n{tickets:,} tickets, {data.tenant_count()} tenants, {options['runs']} runs, "
            f"gunicorn workers {options['workers']}, load average {load_average()}, "
            f"{os.cpu_count()} CPUs, {time.perf_counter() - started:.0f} s in all\n"
        )
        self.stdout.write(table(results))
        if options["json"]:
            json_lines_write(options["json"], results)

    def _list_api_at_ten(
        self,
        database_url: str,
        credentials: data.Credentials,
        first_page: Scenario,
        options: dict[str, Any],
    ) -> None:
        self.stdout.write("  api_list_first_page at 10 tenants …")
        with BenchServer(database_url=database_url, workers=options["workers"]) as server:
            client = runner.Client(server.base_url, credentials, connections=1)
            result = runner.latency_run(client, first_page, options["runs"])
        data.figure_store(runner.LIST_API_AT_10, result.app_ms)


def _scenario_names() -> list[str]:
    placeholder = data.Credentials("", "", "", "", "", customer_id=0, create_customer_id=0)
    return [s.name for s in scenarios(tickets=1, credentials=placeholder)] + list(SPECIAL)


def _check_names(wanted: list[str]) -> None:
    names = _scenario_names()
    unknown = [w for w in wanted if not any(name.startswith(w) for name in names)]
    if unknown:
        raise CommandError(f"No such scenario: {', '.join(unknown)} (known: {', '.join(names)})")


def _chosen(name: str, wanted: list[str]) -> bool:
    """A scenario's full name selects it alone ("inbox": the default view); anything else
    is a prefix ("inbox_view": every other saved view)."""
    if not wanted:
        return True
    exact = set(wanted) & set(_scenario_names())
    return name in exact or any(name.startswith(w) for w in wanted if w not in exact)
