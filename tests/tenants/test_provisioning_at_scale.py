"""Provisioning and the migration check stay flat in the number of tenants."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from agencydesk.tickets.models import Ticket
from tenants.migration_executor import schemas_at_head
from tenants.models import Domain, Tenant
from tenants.provisioning import (
    TEMPLATE_SCHEMA,
    TenantRequest,
    clone_function_sql,
    tenant_provision,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cleanup_epsilon():
    yield
    for tenant in Tenant.objects.filter(slug="epsilon"):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)


def test_given_the_clone_function_then_it_reads_no_sequences_of_other_schemas():
    sql = clone_function_sql()

    assert "pg_sequences" not in sql
    assert sql.count("agencydesk_schema_sequences(") == 3


def test_given_the_clone_function_then_it_renames_indexes_from_the_two_schemas_only():
    sql = clone_function_sql()

    assert "FROM pg_indexes old, pg_indexes new" not in sql
    # The function renames indexes in two places, each reading both schemas.
    assert sql.count("agencydesk_table_indexes(") == 4


def test_given_a_provisioned_tenant_then_its_plain_indexes_have_the_template_names(cleanup_epsilon):
    tenant = tenant_provision(
        TenantRequest(
            slug="epsilon",
            name="Epsilon Facility",
            domain="epsilon.localhost",
            language="en",
            admin_email="admin@epsilon.example",
            admin_password="a-long-secret-42",
        )
    )

    def index_names(schema: str) -> set[tuple[str, str]]:
        with connection.cursor() as cursor:
            # Indexes behind a constraint are named with the constraint (the clone's own).
            cursor.execute(
                "SELECT t.relname, i.relname FROM pg_index x"
                " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = %s"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
                [schema],
            )
            return set(cursor.fetchall())

    template = index_names(settings.TENANT_BASE_SCHEMA)
    assert template and index_names(tenant.schema_name) == template


def test_given_a_provisioned_tenant_then_the_installed_clone_reads_no_pg_sequences(
    cleanup_epsilon,
):
    tenant = tenant_provision(
        TenantRequest(
            slug="epsilon",
            name="Epsilon Facility",
            domain="epsilon.localhost",
            language="en",
            admin_email="admin@epsilon.example",
            admin_password="a-long-secret-42",
        )
    )

    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'clone_schema'")
        sources = [row[0] for row in cursor.fetchall()]
    assert sources and all("pg_sequences" not in source for source in sources)
    # The clone's sequences work on their own: the ticket numbers start afresh.
    with schema_context(tenant.schema_name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval('tickets_ticket_number_seq')")
            assert cursor.fetchone()[0] == 1
        assert not Ticket.objects.exists()


def test_given_many_schemas_when_checking_for_pending_migrations_then_two_queries_for_all(
    other_tenant, tenant
):
    schemas = [tenant.schema_name, other_tenant.schema_name, TEMPLATE_SCHEMA, "no_such_schema"]

    statements: list[str] = []

    def record(execute, sql, params, many, context):
        if not sql.startswith("SET search_path"):  # django-tenants' own, per cursor
            statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        current = schemas_at_head(schemas)

    assert len(statements) == 2, statements

    assert {tenant.schema_name, other_tenant.schema_name} <= current
    assert "no_such_schema" not in current
