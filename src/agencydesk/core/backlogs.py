"""Named work backlogs (unsent emails, undelivered webhooks …) that metrics expose.

A feature registers a function counting its backlog over all tenants from its AppConfig;
the metrics endpoint calls them at scrape time. Kept here, in the lowest layer, so features
register without importing each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django_tenants.utils import get_public_schema_name, get_tenant_model

BacklogCounter = Callable[[], int]

_counters: dict[str, BacklogCounter] = {}


def backlog_register(name: str, counter: BacklogCounter) -> None:
    """``name`` becomes the ``backlog`` label, e.g. ``outbox`` or ``webhook_deliveries``."""
    _counters[name] = counter


def backlog_counters() -> dict[str, BacklogCounter]:
    return dict(_counters)


# One statement counts this many tenant schemas (a UNION ALL); 1,000 tenants take 5.
SCHEMAS_PER_STATEMENT = 200


def rows_count_in_all_tenants(*, table: str, where: str, params: Sequence[Any] = ()) -> int:
    """Rows of ``table`` matching ``where`` (trusted SQL from code, with ``%s`` params) summed
    over every tenant schema that has the table. Counted in SQL, a few statements for any
    number of tenants; a partial index on the condition keeps each count cheap."""
    tenant_table = connection.ops.quote_name(get_tenant_model()._meta.db_table)
    public = get_public_schema_name()
    with connection.cursor() as cursor:
        # Only schemas that belong to a tenant and have the table (a tenant being
        # provisioned may have neither yet); names come from the catalog, quoted below.
        cursor.execute(
            f"SELECT n.nspname FROM pg_catalog.pg_class c"  # noqa: S608 - quoted identifier
            f" JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            f" JOIN {connection.ops.quote_name(public)}.{tenant_table} t"
            f" ON t.schema_name = n.nspname"
            f" WHERE c.relname = %s AND c.relkind IN ('r', 'p') AND n.nspname <> %s"
            f" ORDER BY n.nspname",
            [table, public],
        )
        schemas = [row[0] for row in cursor.fetchall()]
        total = 0
        quoted_table = connection.ops.quote_name(table)
        for start in range(0, len(schemas), SCHEMAS_PER_STATEMENT):
            batch = schemas[start : start + SCHEMAS_PER_STATEMENT]
            counts = " UNION ALL ".join(
                # Quoted identifiers from the catalog; ``where`` is code, not input.
                f"SELECT count(*) AS n FROM {connection.ops.quote_name(schema)}.{quoted_table}"  # noqa: S608
                f" WHERE {where}"
                for schema in batch
            )
            cursor.execute(
                f"SELECT coalesce(sum(n), 0) FROM ({counts}) AS counts",  # noqa: S608
                list(params) * len(batch),
            )
            total += int(cursor.fetchone()[0])
    return total
