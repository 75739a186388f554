"""An importing schema at the archive's migration state, and from there to the head.

An archive made at the head of this code is loaded into a clone of the template (which is
at the head). One made by an older version is loaded into a schema migrated exactly to the
archive's state, then migrated forward with its rows in place, as ``migrate_schemas``
would have done to the source tenant. One made by a newer version is refused.
"""

from __future__ import annotations

from enum import Enum

from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _
from psycopg import sql

from tenants.connection import tenant_connection
from tenants.provisioning import TEMPLATE_SCHEMA, schema_clone_from_template
from tenants.transfer.archive import ArchiveError
from tenants.transfer.schema import applied_migrations

Node = tuple[str, str]


class ArchiveState(Enum):
    AT_HEAD = "at_head"
    BEHIND = "behind"


def _nodes(state: dict[str, list[str]]) -> set[Node]:
    return {(app, name) for app, names in state.items() for name in names}


def archive_state_check(archived: dict[str, list[str]]) -> ArchiveState:
    """Compare the archive's migrations with the template's (the head of this code)."""
    with connection.cursor() as cursor:
        current = _nodes(applied_migrations(cursor, TEMPLATE_SCHEMA))
    archived_nodes = _nodes(archived)
    ahead = sorted(archived_nodes - current)
    if ahead:
        raise ArchiveError(
            _(
                "The archive was made by a newer version (migrations unknown here: %(names)s); "
                "upgrade this installation first."
            )
            % {"names": ", ".join(f"{app}.{name}" for app, name in ahead[:5])}
        )
    return ArchiveState.AT_HEAD if archived_nodes == current else ArchiveState.BEHIND


def _targets(graph: MigrationGraph, archived: set[Node]) -> list[tuple[str, str | None]]:
    """Per app of the code, the last migration the archive had applied (None: none)."""
    targets: list[tuple[str, str | None]] = []
    for app in sorted({app for app, _name in graph.leaf_nodes()}):
        applied = [node for node in archived if node[0] == app and node in graph.nodes]
        # The latest applied migration of an app has all its earlier ones as ancestors.
        latest = max(applied, key=lambda node: len(graph.forwards_plan(node)), default=None)
        targets.append((app, latest[1] if latest else None))
    return targets


def _migrate_schema(schema_name: str, targets: list[tuple[str, str | None]] | None) -> None:
    """Run migrations inside ``schema_name`` (to ``targets``, or to the head)."""
    # As django-tenants' migrate_schemas: the schema's own django_migrations table first
    # (with public on the path, public's would be found instead), then migrate.
    tenant_connection().set_schema(schema_name, include_public=False)
    MigrationRecorder(connection).ensure_schema()
    tenant_connection().set_schema(schema_name)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.check_consistent_history(connection)
        goal = targets if targets is not None else executor.loader.graph.leaf_nodes()
        executor.migrate(goal)
    finally:
        tenant_connection().set_schema_to_public()


def schema_provision_at(
    schema_name: str, state: ArchiveState, archived: dict[str, list[str]]
) -> None:
    """Create ``schema_name`` with the tables of the archive's migration state."""
    if state is ArchiveState.AT_HEAD:
        schema_clone_from_template(schema_name)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema_name)).as_string(cursor.cursor)
        )
    executor = MigrationExecutor(connection)
    _migrate_schema(schema_name, _targets(executor.loader.graph, _nodes(archived)))


def schema_migrate_forward(schema_name: str, state: ArchiveState) -> None:
    """After the rows are in: the remaining migrations, then what a migrate adds after
    them (content types and permissions of new models)."""
    if state is ArchiveState.AT_HEAD:
        return
    _migrate_schema(schema_name, None)
    tenant_connection().set_schema(schema_name)
    try:
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    finally:
        tenant_connection().set_schema_to_public()
