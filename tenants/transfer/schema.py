"""What a tenant schema holds, read from the PostgreSQL catalogs, and where its files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

# Migration bookkeeping is compared, never copied: the importing schema gets its rows from
# the template (or from running the migrations).
MIGRATIONS_TABLE = "django_migrations"


@dataclass(frozen=True)
class TableShape:
    name: str
    columns: tuple[str, ...]


def media_dir_for(schema_name: str) -> Path:
    """The tenant's directory under MEDIA_ROOT, as TenantFileSystemStorage builds it."""
    relative = getattr(settings, "MULTITENANT_RELATIVE_MEDIA_ROOT", "%s") % schema_name
    return Path(settings.MEDIA_ROOT) / relative


def directory_size(directory: Path) -> tuple[int, int]:
    """(number of files, bytes) below ``directory``; (0, 0) when it does not exist."""
    if not directory.is_dir():
        return 0, 0
    files = [path for path in directory.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def table_shapes(cursor: Any, schema_name: str) -> list[TableShape]:
    """Every ordinary table of the schema with its writable columns, by name. Generated
    columns are left out: PostgreSQL computes them again on import."""
    cursor.execute(
        "SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) "
        "FROM information_schema.columns c "
        "JOIN information_schema.tables t "
        "  ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = %s AND t.table_type = 'BASE TABLE' "
        "  AND c.is_generated = 'NEVER' "
        "GROUP BY c.table_name ORDER BY c.table_name",
        [schema_name],
    )
    return [TableShape(name=row[0], columns=tuple(row[1])) for row in cursor.fetchall()]


def sequence_names(cursor: Any, schema_name: str) -> list[str]:
    # pg_class, not the pg_sequences view: that one reads every sequence of every schema.
    cursor.execute(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'S' ORDER BY 1",
        [schema_name],
    )
    return [row[0] for row in cursor.fetchall()]


def applied_migrations(cursor: Any, schema_name: str) -> dict[str, list[str]]:
    """The schema's migration state: applied migration names per app."""
    cursor.execute(
        f'SELECT app, name FROM "{schema_name}"."{MIGRATIONS_TABLE}" ORDER BY app, name'  # noqa: S608
    )
    state: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        state.setdefault(app, []).append(name)
    return state


def table_row_count(cursor: Any, schema_name: str, table: str) -> int:
    """Rows of one table, 0 when the table does not exist in the schema."""
    cursor.execute(
        "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s", [schema_name, table]
    )
    if cursor.fetchone() is None:
        return 0
    cursor.execute(f'SELECT count(*) FROM "{schema_name}"."{table}"')  # noqa: S608
    return int(cursor.fetchone()[0])
