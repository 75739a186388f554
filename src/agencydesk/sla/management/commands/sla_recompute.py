"""``agencydesk sla_recompute [--tenant SLUG]``: queue the background recomputation of the
due and warning times of every policy's open tickets (after an upgrade, e.g. to give tickets
opened before the SLA warnings existed their warning times)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import get_public_schema_name, tenant_context

from agencydesk.sla.models import SlaPolicy
from agencydesk.sla.tasks import sla_policy_recompute
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Queue the recomputation of SLA due and warning times of open tickets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Only this tenant (its slug); default: all.")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = Tenant.objects.exclude(schema_name=get_public_schema_name())
        if options.get("tenant"):
            tenants = tenants.filter(slug=options["tenant"])
            if not tenants.exists():
                raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        queued = 0
        for tenant in tenants:
            with tenant_context(tenant):  # the task is sent with, and runs in, this schema
                for policy_id in SlaPolicy.objects.values_list("pk", flat=True):
                    sla_policy_recompute.delay(policy_id)
                    queued += 1
        self.stdout.write(f"{queued} policies queued")
