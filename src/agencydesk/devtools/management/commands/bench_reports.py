"""agencydesk bench_reports: time the resolution-time report on generated tickets.

    agencydesk bench_reports --tickets 1000000 --runs 5

Works in the tenant ``--tenant`` (default ``bench``, provisioned when missing). Existing
benchmark tickets are kept: ``--tickets`` is how many the tenant should hold at least.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_tenants.utils import tenant_context

from agencydesk.devtools.bench.report_data import Timing, report_timings, tickets_generate
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.tickets.models import Ticket
from tenants.models import Tenant
from tenants.provisioning import TenantRequest, tenant_provision


class Command(BaseCommand):
    help = "Generate tickets in a tenant and time the resolution-time report against its SQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", default="bench", help="Tenant slug (default: bench)")
        parser.add_argument("--tickets", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=5, help="Runs per measurement")
        parser.add_argument("--chunk", type=int, default=100_000, help="Tickets per INSERT")
        parser.add_argument("--days", type=int, default=365, help="Report period, in days")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = self._tenant(options["tenant"])
        with tenant_context(tenant):
            self._run(tenant, options)

    def _run(self, tenant: Tenant, options: dict[str, Any]) -> None:
        missing = options["tickets"] - Ticket.objects.count()
        if missing > 0:
            started = time.perf_counter()
            tickets_generate(
                count=missing,
                now=timezone.now(),
                chunk=options["chunk"],
                progress=lambda done, total: self._progress(done, total, started),
            )
            self.stdout.write("")
        total = Ticket.objects.count()
        self.stdout.write(
            f"Tickets in tenant {tenant.slug}: {total:,}; period {options['days']} days"
        )
        today = timezone.now().astimezone(dt.UTC).date()
        for group_by in (GroupBy.TICKET_TYPE, GroupBy.CUSTOMER, GroupBy.MONTH, GroupBy.WEEK):
            params = ReportParams(
                group_by=group_by,
                date_from=today - dt.timedelta(days=options["days"] - 1),
                date_to=today,
                timezone=tenant.timezone,
                as_of=timezone.now(),
            )
            self._print(report_timings(params, runs=options["runs"], label=group_by.value))

    def _tenant(self, slug: str) -> Tenant:
        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is not None:
            return tenant
        if slug != "bench":
            raise CommandError(f"No tenant with the slug {slug!r}.")
        return tenant_provision(
            TenantRequest(
                slug="bench",
                name="Benchmark",
                domain="bench.localhost",
                language="en",
                admin_email="admin@bench.example",
                admin_password=secrets.token_urlsafe(16),
            )
        )

    def _progress(self, done: int, total: int, started: float) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        elapsed = time.perf_counter() - started
        sys.stdout.write(f"\r[{bar}] {done:,}/{total:,} tickets  {elapsed:.0f} s")
        sys.stdout.flush()

    def _print(self, timing: Timing) -> None:
        self.stdout.write(
            f"group_by={timing.label:<12} rows={timing.rows:<4} "
            f"report={timing.report_seconds * 1000:.0f} ms  "
            f"bare SQL={timing.bare_seconds * 1000:.0f} ms  ratio={timing.ratio:.2f}"
        )
