"""Provisioning benchmark (not part of ``make test``): provisions N tenants, prints timings.

    DATABASE_URL=postgres://… .venv/bin/python tests/benchmarks/bench_provisioning.py [N]

The template schema is brought up to date first (as on a running system), so the figures
are those of ``provision_tenant`` on a current template. The tenants are dropped again.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")
os.environ.setdefault("AGENCYDESK_DEV", "1")
django.setup()

from django.db import connection  # noqa: E402

from tenants.models import Domain, Tenant  # noqa: E402
from tenants.provisioning import (  # noqa: E402
    TenantRequest,
    public_tenant_ensure,
    template_schema_ensure_current,
    tenant_provision,
)


def provision_one(slug: str) -> float:
    started = time.perf_counter()
    tenant_provision(
        TenantRequest(
            slug=slug,
            name=f"Bench {slug}",
            domain=f"{slug}.localhost",
            language="de",
            admin_email=f"admin@{slug}.example",
            admin_password="bench-password-42",
        )
    )
    return time.perf_counter() - started


def drop(slug: str) -> None:
    tenant = Tenant.objects.get(slug=slug)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
    Domain.objects.filter(tenant=tenant).delete()
    tenant.delete(force_drop=False)


def main(count: int) -> None:
    public_tenant_ensure()
    template_schema_ensure_current()
    run = uuid.uuid4().hex[:6]
    slugs = [f"bench-{run}-{index}" for index in range(count)]
    timings: list[float] = []
    try:
        for slug in slugs:
            timings.append(provision_one(slug))
    finally:
        for slug in slugs[: len(timings)]:
            drop(slug)
    print(
        f"provision_tenant × {count}: median {statistics.median(timings):.3f} s, "
        f"min {min(timings):.3f} s, max {max(timings):.3f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
