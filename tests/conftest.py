"""Test fixtures: real PostgreSQL, two real tenant schemas, clients bound to tenant hosts.

How it works
- pytest-django creates the test database and migrates the public schema (never SQLite,
  nothing mocked). Once per session, ``django_db_setup`` provisions two tenants, "alpha"
  and "beta", with the production code path (template clone + fake migrations), so their
  schemas exist for the whole run. Their rows and schemas are committed; everything a test
  writes inside them is rolled back with the test's transaction.
- Transactional tests (``transaction=True``, live server) end with a flush of the public
  tables; ``ensure_test_tenant`` re-creates the alpha/beta rows for the schemas, which
  survive. Such tests must clean up what they write inside tenant schemas themselves.
- ``tenant`` (= alpha) and ``other_tenant`` (= beta) are function fixtures that switch the
  connection into the schema, so factories write there. ``in_schema(tenant)`` switches
  temporarily.
- ``client``/``api_client`` talk to the alpha host (``alpha.localhost``); ``client_for``
  builds one for any tenant. Each request runs in the schema of the host it is sent to, and
  the client puts the connection back into the schema the test was in afterwards.
- Query counts: ``django_assert_max_num_queries`` / ``assert_num_queries`` print the SQL on
  failure.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists
from rest_framework.test import APIClient

from tenants.models import Domain, Tenant
from tenants.provisioning import (
    TenantRequest,
    public_tenant_ensure,
    schema_name_for,
    tenant_provision,
)

pytest_plugins = ["tests.workflow_fixtures", "tests.worker_fixtures"]

TEST_PASSWORD = "correct-horse-battery"
TENANT_SPECS = {
    "alpha": {"language": "de", "name": "Alpha Gebäudeservice"},
    "beta": {"language": "en", "name": "Beta Property Management"},
}


def tenant_host(slug: str) -> str:
    return f"{slug}.localhost"


def ensure_test_tenant(slug: str) -> Tenant:
    """The test tenant ``slug``; provisioned once, its rows re-made after a transactional
    test's flush (a flush empties the public tables but leaves the tenant schemas). The rows
    live in the public schema, whichever schema the test works in (``other_tenant`` after
    ``tenant``): the connection returns to that schema afterwards."""
    previous = getattr(connection, "tenant", None)
    connection.set_schema_to_public()
    try:
        return _test_tenant_ensure(slug)
    finally:
        if previous is not None:
            connection.set_tenant(previous)


def _test_tenant_ensure(slug: str) -> Tenant:
    tenant = Tenant.objects.filter(slug=slug).first()
    spec = TENANT_SPECS[slug]
    if tenant is None and schema_exists(schema_name_for(slug)):
        tenant = Tenant.objects.create(
            schema_name=schema_name_for(slug),
            slug=slug,
            name=spec["name"],
            language=spec["language"],
            enabled_languages=["de", "en"],
            ticket_prefix=slug[:3].upper() + "-",
        )
        Domain.objects.create(domain=tenant_host(slug), tenant=tenant, is_primary=True)
    elif tenant is None:
        tenant = tenant_provision(
            TenantRequest(
                slug=slug,
                name=spec["name"],
                domain=tenant_host(slug),
                language=spec["language"],
                admin_email=f"admin@{slug}.example",
                admin_password=TEST_PASSWORD,
            )
        )
    return tenant


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    # Files from an earlier run would outlive its rolled-back rows: start with no media.
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.name == "test-media":
        shutil.rmtree(media_root, ignore_errors=True)
    with django_db_blocker.unblock():
        public_tenant_ensure()
        for slug in TENANT_SPECS:
            ensure_test_tenant(slug)


@contextmanager
def in_schema(tenant: Tenant) -> Iterator[Tenant]:
    previous = getattr(connection, "tenant", None)
    connection.set_tenant(tenant)
    try:
        yield tenant
    finally:
        if previous is not None:
            connection.set_tenant(previous)
        else:
            connection.set_schema_to_public()


@pytest.fixture
def tenant(db: None) -> Iterator[Tenant]:
    alpha = ensure_test_tenant("alpha")
    connection.set_tenant(alpha)
    yield alpha
    connection.set_schema_to_public()


@pytest.fixture
def other_tenant(db: None) -> Tenant:
    """The second tenant, for isolation tests (the connection stays where it is)."""
    return ensure_test_tenant("beta")


class _SchemaRestoringMixin:
    """After each request, return the connection to the schema the test was working in."""

    def request(self, **request: Any) -> Any:
        previous = getattr(connection, "tenant", None)
        try:
            return super().request(**request)  # type: ignore[misc]
        finally:
            if previous is not None:
                connection.set_tenant(previous)


class TenantClient(_SchemaRestoringMixin, Client):
    def __init__(self, tenant: Tenant, **defaults: Any) -> None:
        super().__init__(HTTP_HOST=tenant_host(tenant.slug), **defaults)
        self.tenant = tenant

    def force_login(self, user: Any, backend: str | None = None) -> None:
        # Sessions live in the tenant schema: create it there.
        with in_schema(self.tenant):
            super().force_login(user, backend)


class TenantAPIClient(_SchemaRestoringMixin, APIClient):
    def __init__(self, tenant: Tenant, **defaults: Any) -> None:
        super().__init__(HTTP_HOST=tenant_host(tenant.slug), **defaults)
        self.tenant = tenant

    def force_login(self, user: Any, backend: str | None = None) -> None:
        with in_schema(self.tenant):
            super().force_login(user, backend)


@pytest.fixture
def client_for(db: None) -> Any:
    def make(tenant: Tenant, *, api: bool = False) -> TenantClient | TenantAPIClient:
        return TenantAPIClient(tenant) if api else TenantClient(tenant)

    return make


@pytest.fixture
def client(tenant: Tenant) -> TenantClient:
    return TenantClient(tenant)


@pytest.fixture
def api_client(tenant: Tenant) -> TenantAPIClient:
    return TenantAPIClient(tenant)


@pytest.fixture
def public_client(db: None) -> Client:
    public_tenant_ensure()
    return Client(HTTP_HOST="localhost")


@pytest.fixture(autouse=True)
def report_cache_of_its_own(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """Report tables are cached per tenant and version; rows written by factories (past the
    workflow) and rolled back after each test would otherwise meet a table cached by an
    earlier test."""
    from agencydesk.reports import cache as report_cache

    monkeypatch.setattr(report_cache, "KEY_PREFIX", f"reports:{request.node.nodeid}")


@pytest.fixture(autouse=True)
def webhook_cache_of_its_own(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """Subscription lists are cached per tenant and version; a list cached by an earlier
    test would name subscriptions its rollback removed."""
    from agencydesk.integrations import subscription_cache

    monkeypatch.setattr(subscription_cache, "KEY_PREFIX", f"webhooks:{request.node.nodeid}")
