"""``migrate_schemas --executor=pending``: migrate only the schemas that need it.

A no-op ``migrate`` per schema costs a full migration-graph run; over hundreds of tenants that
adds up to minutes. This executor first compares every schema's ``django_migrations`` with the
migrations on disk (one query for a batch of schemas, whatever their number, without switching
the connection's ``search_path``) and hands only the schemas that lag behind to the
multiprocessing executor. With an explicit target (``migrate_schemas app 0003``) it migrates
every schema, as the target may lie behind the head.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors.base import MigrationExecutor
from django_tenants.migration_executors.multiproc import MultiprocessingExecutor
from django_tenants.migration_executors.standard import StandardExecutor


@functools.cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    # The code's migration graph does not change while the process runs.
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


# Schemas checked per statement: a UNION ALL of this many branches plans in milliseconds.
HEAD_CHECK_BATCH = 500


def schemas_at_head(schema_names: Sequence[str]) -> set[str]:
    """The schemas among ``schema_names`` in which every migration on disk is recorded as
    applied: one catalog query and one counting query per batch of schemas."""
    names = list(dict.fromkeys(schema_names))
    if not names:
        return set()
    on_disk = sorted(migrations_on_disk())
    apps = [app for app, _name in on_disk]
    migration_names = [name for _app, name in on_disk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_catalog.pg_namespace n "
            "JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid "
            "AND c.relname = 'django_migrations' AND c.relkind IN ('r', 'p') "
            "WHERE n.nspname = ANY(%s)",
            [names],
        )
        with_table = sorted(row[0] for row in cursor.fetchall())
        at_head: set[str] = set()
        for start in range(0, len(with_table), HEAD_CHECK_BATCH):
            batch = with_table[start : start + HEAD_CHECK_BATCH]
            cursor.execute(_applied_counts_sql(batch), [apps, migration_names, *batch])
            at_head.update(
                schema for schema, applied in cursor.fetchall() if applied >= len(on_disk)
            )
    return at_head


def _applied_counts_sql(schemas: Sequence[str]) -> str:
    """One row per schema: its name and how many of the migrations on disk it has applied.
    Schema names come from the catalog and are quoted as identifiers; values are parameters."""
    branches = " UNION ALL ".join(
        f"SELECT %s, count(DISTINCT (m.app, m.name))"  # noqa: S608
        f" FROM {connection.ops.quote_name(schema)}.django_migrations m"
        " WHERE (m.app, m.name) IN (SELECT * FROM on_disk)"
        for schema in schemas
    )
    return f"WITH on_disk AS (SELECT * FROM unnest(%s::text[], %s::text[])) {branches}"  # noqa: S608


def schema_is_at_head(schema_name: str) -> bool:
    """Every migration on disk is recorded as applied in ``schema_name``."""
    return schema_name in schemas_at_head([schema_name])


class PendingOnlyExecutor(MigrationExecutor):
    codename = "pending"

    def run_migrations(self, tenants: Any = None) -> None:
        schemas = list(tenants or [])
        if not self.args:
            current = schemas_at_head(schemas)
            pending = [schema for schema in schemas if schema not in current]
            if int(self.options.get("verbosity", 1)) >= 1 and len(pending) < len(schemas):
                skipped = len(schemas) - len(pending)
                sys.stdout.write(f"{skipped} schema(s) already at the latest migration.\n")
            schemas = pending
        if not schemas:
            return
        executor = StandardExecutor if len(schemas) == 1 else MultiprocessingExecutor
        executor(self.args, self.options).run_migrations(tenants=schemas)

    def run_multi_type_migrations(self, tenants: Any) -> None:
        raise NotImplementedError("agencydesk has one tenant type")
