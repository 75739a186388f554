"""``migrate_schemas --executor=pending``: migrate only the schemas that need it.

A no-op ``migrate`` per schema costs a full migration-graph run; over hundreds of tenants that
adds up to minutes. This executor first compares each schema's ``django_migrations`` with the
migrations on disk (one query per schema) and hands only the schemas that lag behind to the
multiprocessing executor. With an explicit target (``migrate_schemas app 0003``) it migrates
every schema, as the target may lie behind the head.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django_tenants.migration_executors.base import MigrationExecutor
from django_tenants.migration_executors.multiproc import MultiprocessingExecutor
from django_tenants.migration_executors.standard import StandardExecutor
from django_tenants.utils import schema_context


@functools.cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    # The code's migration graph does not change while the process runs.
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def schema_is_at_head(schema_name: str) -> bool:
    """Every migration on disk is recorded as applied in ``schema_name``."""
    with schema_context(schema_name):
        recorder = MigrationRecorder(connection)
        if not recorder.has_table():
            return False
        applied = set(recorder.applied_migrations())
    return migrations_on_disk() <= applied


class PendingOnlyExecutor(MigrationExecutor):
    codename = "pending"

    def run_migrations(self, tenants: Any = None) -> None:
        schemas = list(tenants or [])
        if not self.args:
            pending = [schema for schema in schemas if not schema_is_at_head(schema)]
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
