"""``tenant_export``: a tenant's schema, settings and files in one consistent archive.

All tables are read in one ``REPEATABLE READ READ ONLY`` transaction on a connection of its
own, so the archive is one snapshot of the tenant even while it keeps working (its files are
copied while that snapshot is held; a file added meanwhile may come along without its row,
which is harmless). Rows travel as PostgreSQL's COPY text format: exact for every type.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name
from psycopg import sql

from tenants.models import Domain, OperatorAuditEntry, Tenant
from tenants.transfer.archive import (
    DATA_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MEDIA_PREFIX,
    ArchiveError,
    ArchiveWriter,
    sha256_file,
)
from tenants.transfer.schema import (
    MIGRATIONS_TABLE,
    applied_migrations,
    media_dir_for,
    sequence_names,
    table_shapes,
)

logger = logging.getLogger(__name__)

# Tenant fields that describe the tenant itself; its identity (slug, schema, id) is the
# importer's to choose.
TENANT_FIELDS = (
    "name",
    "language",
    "enabled_languages",
    "timezone",
    "ticket_prefix",
    "accent_color",
    "email_sender_name",
    "require_two_factor",
    "logo",
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


def snapshot_connection() -> psycopg.Connection[Any]:
    """A connection of its own to the database Django uses, for one read-only snapshot."""
    db = settings.DATABASES["default"]
    options = {key: value for key, value in db.get("OPTIONS", {}).items() if key != "pool"}
    params = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        **options,
    }
    conn = psycopg.connect(**{key: value for key, value in params.items() if value is not None})
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    return conn


def _tenant_fields(tenant: Tenant) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in TENANT_FIELDS:
        value = getattr(tenant, name)
        values[name] = value.name if name == "logo" else value
    return values


def tenant_export(*, slug: str, out: Path, actor: str = "system") -> ExportResult:
    """Write the tenant ``slug`` to ``out`` (``tar.gz``); the file appears only when complete."""
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        raise ArchiveError(_("There is no tenant with the slug “%(slug)s”.") % {"slug": slug})
    if tenant.schema_name == get_public_schema_name():
        raise ArchiveError(_("The public schema is not a tenant and cannot be exported."))
    schema_name = tenant.schema_name
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(prefix=".export-", suffix=".part", dir=out.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        with snapshot_connection() as conn, conn.transaction(), conn.cursor() as cursor:
            manifest = _manifest_start(cursor, tenant)
            with tarfile.open(partial, "w:gz") as tar:
                writer = ArchiveWriter(tar)
                manifest["tables"] = _tables_write(cursor, schema_name, writer)
                manifest["sequences"] = _sequences_read(cursor, schema_name)
                manifest["media"] = _media_write(media_dir_for(schema_name), writer)
                writer.add_manifest(manifest)
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    result = ExportResult(
        path=out,
        tables=len(manifest["tables"]),
        rows=sum(table["rows"] for table in manifest["tables"]),
        files=len(manifest["media"]),
        bytes=sum(media["size"] for media in manifest["media"]),
    )
    OperatorAuditEntry.objects.create(
        action=OperatorAuditEntry.Action.EXPORTED,
        tenant_slug=slug,
        schema_name=schema_name,
        actor=actor,
        details={"file": out.name, "rows": result.rows, "files": result.files},
    )
    logger.info("tenant %s exported to %s (%s rows)", slug, out, result.rows)
    return result


def _manifest_start(cursor: psycopg.Cursor[Any], tenant: Tenant) -> dict[str, Any]:
    # The domains as of the snapshot, read on its connection.
    cursor.execute(
        sql.SQL(
            "SELECT domain FROM {} WHERE tenant_id = %s ORDER BY is_primary DESC, domain"
        ).format(sql.Identifier(Domain._meta.db_table)),
        [tenant.pk],
    )
    domains = [row[0] for row in cursor.fetchall()]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "source": {"slug": tenant.slug, "schema_name": tenant.schema_name, "domains": domains},
        "tenant": _tenant_fields(tenant),
        "migrations": applied_migrations(cursor, tenant.schema_name),
    }


def _tables_write(
    cursor: psycopg.Cursor[Any], schema_name: str, writer: ArchiveWriter
) -> list[dict[str, Any]]:
    tables = []
    for shape in table_shapes(cursor, schema_name):
        if shape.name == MIGRATIONS_TABLE:
            continue
        statement = sql.SQL("COPY {}.{} ({}) TO STDOUT").format(
            sql.Identifier(schema_name),
            sql.Identifier(shape.name),
            sql.SQL(", ").join(sql.Identifier(column) for column in shape.columns),
        )
        digest = hashlib.sha256()
        with tempfile.TemporaryFile() as spool:
            with cursor.copy(statement) as copy:
                for chunk in copy:
                    spool.write(chunk)
                    digest.update(chunk)
            rows = cursor.rowcount
            size = spool.tell()
            spool.seek(0)
            writer.add_stream(DATA_PREFIX + shape.name + ".copy", spool, size)
        tables.append(
            {
                "name": shape.name,
                "columns": list(shape.columns),
                "rows": rows,
                "sha256": digest.hexdigest(),
            }
        )
    return tables


def _sequences_read(cursor: psycopg.Cursor[Any], schema_name: str) -> dict[str, list[Any]]:
    positions: dict[str, list[Any]] = {}
    for name in sequence_names(cursor, schema_name):
        cursor.execute(
            sql.SQL("SELECT last_value, is_called FROM {}.{}").format(
                sql.Identifier(schema_name), sql.Identifier(name)
            )
        )
        last_value, is_called = cursor.fetchone()  # type: ignore[misc]
        positions[name] = [int(last_value), bool(is_called)]
    return positions


def _media_write(media_dir: Path, writer: ArchiveWriter) -> list[dict[str, Any]]:
    files = []
    if media_dir.is_dir():
        for path in sorted(media_dir.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            relative = path.relative_to(media_dir).as_posix()
            writer.add_file(MEDIA_PREFIX + relative, path)
            files.append(
                {"path": relative, "size": path.stat().st_size, "sha256": sha256_file(path)}
            )
    return files
