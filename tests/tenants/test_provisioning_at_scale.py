"""Provisioning and the migration check stay flat in the number of tenants."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import get_public_schema_name, schema_context

from agencydesk.tickets.models import Ticket
from tenants.migration_executor import schemas_at_head
from tenants.models import Domain, Tenant
from tenants.provisioning import TEMPLATE_SCHEMA, TenantRequest, tenant_provision
from tenants.schema_clone import UnsupportedTemplateObject, clone_script, schema_clone
from tests.factories import StaffFactory, TicketFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cleanup_epsilon():
    yield
    with schema_context(get_public_schema_name()):
        for tenant in Tenant.objects.filter(slug="epsilon"):
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
            Domain.objects.filter(tenant=tenant).delete()
            tenant.delete(force_drop=False)


def _schema_shape(schema: str) -> dict[str, set[tuple]]:
    """What a schema is made of, with its own name taken out of every definition."""
    queries = {
        "columns": (
            # Positions, not attnum: the template has the gaps of dropped columns.
            "SELECT c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),"
            " a.attname, pg_catalog.format_type(a.atttypid,"
            " a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated, a.attcollation,"
            " pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attstorage"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
            " WHERE n.nspname = %(schema)s AND c.relkind = 'r'"
        ),
        "constraints": (
            "SELECT t.relname, k.conname, k.contype, k.condeferrable, k.condeferred,"
            " replace(pg_get_constraintdef(k.oid), n.nspname || '.', '') FROM pg_constraint k"
            " JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n"
            " ON n.oid = t.relnamespace WHERE n.nspname = %(schema)s"
        ),
        "indexes": (
            "SELECT t.relname, i.relname, replace(pg_get_indexdef(i.oid), n.nspname || '.', '')"
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
            " WHERE n.nspname = %(schema)s"
        ),
        "sequences": (
            "SELECT c.relname, s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
            " s.seqcache, s.seqcycle, pg_sequence_last_value(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s"
            " ON s.seqrelid = c.oid WHERE n.nspname = %(schema)s"
        ),
        "sequence owners": (
            "SELECT s.relname, d.deptype, t.relname, a.attname FROM pg_class s"
            " JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_depend d"
            " ON d.objid = s.oid AND d.classid = 'pg_class'::regclass"
            " AND d.refclassid = 'pg_class'::regclass JOIN pg_class t ON t.oid = d.refobjid"
            " LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
            " WHERE n.nspname = %(schema)s AND s.relkind = 'S'"
        ),
        "comments": (
            "SELECT c.relname, d.objsubid, d.description FROM pg_description d"
            " JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %(schema)s"
        ),
    }
    shape: dict[str, set[tuple]] = {}
    with connection.cursor() as cursor:
        for part, query in queries.items():
            cursor.execute(query, {"schema": schema})
            shape[part] = set(cursor.fetchall())
        # An index predicate read back as text and parsed again carries its casts in other
        # places ('new'::character varying)::text vs (ARRAY['new'::character varying])::text[]:
        # the same predicate, as after a dump and restore. Compared without casts and brackets.
        shape["indexes"] = {
            (table, name, re.sub(r"::(character varying|text)(\[\])?|[()]", "", definition))
            for table, name, definition in shape["indexes"]
        }
        cursor.execute(
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND relkind = 'r'",
            [schema],
        )
        tables = [row[0] for row in cursor.fetchall()]
        shape["rows"] = set()
        for table in tables:
            cursor.execute(f'SELECT * FROM "{schema}"."{table}"')  # noqa: S608
            shape["rows"] |= {(table, *row) for row in cursor.fetchall()}
    return shape


EPSILON = TenantRequest(
    slug="epsilon",
    name="Epsilon Facility",
    domain="epsilon.localhost",
    language="en",
    admin_email="admin@epsilon.example",
    admin_password="a-long-secret-42",
)


@pytest.fixture
def epsilon(cleanup_epsilon) -> Tenant:
    return tenant_provision(EPSILON)


def test_given_the_template_when_copied_then_the_copy_has_its_every_column_key_index_and_row():
    schema = "t_clone_probe"
    try:
        with transaction.atomic():
            schema_clone(TEMPLATE_SCHEMA, schema)

        copy, template = _schema_shape(schema), _schema_shape(TEMPLATE_SCHEMA)
        for part in template:
            assert copy[part] == template[part], part
        assert template["indexes"] and template["rows"] and template["sequences"]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_given_a_copy_then_its_sequences_are_its_own_and_the_search_path_is_unchanged():
    schema = "t_clone_probe"
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        before = cursor.fetchone()[0]
    try:
        with transaction.atomic():
            schema_clone(TEMPLATE_SCHEMA, schema)
            with connection.cursor() as cursor:
                cursor.execute("SHOW search_path")
                assert cursor.fetchone()[0] == before
                cursor.execute(f"SELECT nextval('\"{schema}\".tickets_ticket_number_seq')")
                assert cursor.fetchone()[0] == 1
                cursor.execute(
                    f'INSERT INTO "{schema}".django_migrations (app, name, applied)'  # noqa: S608
                    " VALUES ('probe', 'probe', now()) RETURNING id"
                )
                new_id = cursor.fetchone()[0]
                cursor.execute(f'SELECT max(id) FROM "{TEMPLATE_SCHEMA}".django_migrations')  # noqa: S608
                assert new_id == cursor.fetchone()[0] + 1
                cursor.execute(
                    f"SELECT pg_get_serial_sequence('\"{schema}\".django_migrations', 'id')"
                )
                assert cursor.fetchone()[0].startswith(f"{schema}.")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_given_a_migration_added_a_kind_of_object_the_copy_does_not_make_then_it_refuses():
    clone_script(TEMPLATE_SCHEMA)  # cached before the migration

    with (
        pytest.raises(UnsupportedTemplateObject, match="probe_view"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f'CREATE VIEW "{TEMPLATE_SCHEMA}".probe_view AS SELECT 1 AS one')
        cursor.execute(
            f'INSERT INTO "{TEMPLATE_SCHEMA}".django_migrations (app, name, applied)'  # noqa: S608
            " VALUES ('probe', '0001_view', now())"
        )
        clone_script(TEMPLATE_SCHEMA)
    # Rolled back: the template is as it was, and copies work again.
    assert clone_script(TEMPLATE_SCHEMA).statements


def test_given_a_provisioned_tenant_then_it_starts_afresh(epsilon):
    with schema_context(epsilon.schema_name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval('tickets_ticket_number_seq')")
            assert cursor.fetchone()[0] == 1
        assert not Ticket.objects.exists()


def test_given_a_second_copy_then_the_template_is_read_from_the_cache_in_one_query():
    clone_script(TEMPLATE_SCHEMA)
    with CaptureQueriesContext(connection) as queries:
        clone_script(TEMPLATE_SCHEMA)
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "search_path" not in q["sql"] and q["sql"] not in {"BEGIN", "COMMIT"}
    ]
    assert len(reads) == 2, reads  # the fingerprint: the namespace, the migrations


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


def _statements_of(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_given_more_tenants_when_a_tenant_lists_tickets_then_its_queries_are_the_same(
    tenant, client, api_client, cleanup_epsilon
):
    with schema_context(tenant.schema_name):
        staff = StaffFactory()
        TicketFactory.create_batch(3)
    client.force_login(staff)
    api_client.force_login(staff)
    paths = {"/": client, "/api/v1/tickets/": api_client}
    for path, path_client in paths.items():
        _statements_of(path_client, path)  # warm: first-request lookups are cached after
    before = {path: _statements_of(path_client, path) for path, path_client in paths.items()}

    with schema_context(get_public_schema_name()):
        tenant_provision(EPSILON)

    after = {path: _statements_of(path_client, path) for path, path_client in paths.items()}
    assert after == before
