"""A fresh tenant for tests against a live server (browser tests, the API fuzzing).

Live-server tests are transactional: the flush that ends them empties the public tables but
leaves the tenant's schema, so the schema is dropped here (no test sees another's rows).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from tenants.models import Tenant
from tenants.provisioning import TenantRequest, tenant_provision
from tests.conftest import TEST_PASSWORD


@contextmanager
def live_tenant(*, slug_prefix: str, name: str, language: str) -> Iterator[Tenant]:
    """A brand-new tenant at ``<slug_prefix>-<random>.localhost`` (provisioned the production
    way, template clone), the connection set to it, its schema dropped again afterwards."""
    slug = f"{slug_prefix}-{uuid.uuid4().hex[:10]}"
    tenant = tenant_provision(
        TenantRequest(
            slug=slug,
            name=name,
            domain=f"{slug}.localhost",
            language=language,
            admin_email=f"admin@{slug}.example",
            admin_password=TEST_PASSWORD,
        )
    )
    connection.set_tenant(tenant)
    try:
        yield tenant
    finally:
        connection.set_schema_to_public()
        # Dropping the schema removes every row the test wrote in it; the public rows go
        # with the flush that ends the transactional test.
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
