"""Tenants provisioned for transfer tests (committed: the export reads a snapshot on a
connection of its own), dropped again with their schemas and files afterwards."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.utils import translation
from django_tenants.utils import schema_exists

from tenants.models import Domain, Tenant
from tenants.provisioning import TenantRequest, schema_name_for, tenant_provision
from tenants.transfer.schema import media_dir_for
from tests.conftest import TEST_PASSWORD

TRANSFER_SLUGS = ("xfer-source", "xfer-copy", "xfer-gone")


def _drop(slug: str) -> None:
    schema_name = schema_name_for(slug)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema_name}" CASCADE')
    Domain.objects.filter(tenant__slug=slug).delete()
    Tenant.objects.filter(slug=slug).delete()
    shutil.rmtree(media_dir_for(schema_name), ignore_errors=True)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are matched in English (the catalogs also hold German)."""
    with translation.override("en"):
        yield


@pytest.fixture
def transfer_cleanup(transactional_db: None) -> Iterator[None]:
    for slug in TRANSFER_SLUGS:
        _drop(slug)
    yield
    connection.set_schema_to_public()
    for slug in TRANSFER_SLUGS:
        _drop(slug)
    assert not any(schema_exists(schema_name_for(slug)) for slug in TRANSFER_SLUGS)


@pytest.fixture
def provision(transfer_cleanup: None) -> Callable[[str], Tenant]:
    def make(slug: str) -> Tenant:
        return tenant_provision(
            TenantRequest(
                slug=slug,
                name=f"Tenant {slug}",
                domain=f"{slug}.localhost",
                language="en",
                admin_email=f"admin@{slug}.example",
                admin_password=TEST_PASSWORD,
            )
        )

    return make
