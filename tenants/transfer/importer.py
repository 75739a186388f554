"""``tenant_import``: an archive into a fresh schema of this database, under a new slug.

All or nothing: the Tenant and Domain rows, the schema (at the archive's migration state,
see ``migration_state``) and every row are written in one transaction; the files are
copied before it commits and removed again if anything fails. Foreign keys are checked at
commit (Django creates them ``DEFERRABLE``), so tables load in any order. Sequences, the
ticket number sequence among them, continue where the source was.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists
from psycopg import sql

from tenants.connection import tenant_connection
from tenants.models import SLUG_PATTERN, Domain, OperatorAuditEntry, Tenant
from tenants.provisioning import (
    HOSTNAME_PATTERN,
    RESERVED_SLUGS,
    schema_name_for,
    template_schema_ensure_current,
)
from tenants.transfer.archive import DATA_PREFIX, MEDIA_PREFIX, ArchiveError, archive_extract
from tenants.transfer.export import TENANT_FIELDS
from tenants.transfer.migration_state import (
    archive_state_check,
    schema_migrate_forward,
    schema_provision_at,
)
from tenants.transfer.schema import media_dir_for, table_shapes

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    tenant: Tenant
    domain: str
    rows: int
    files: int


def _target_check(slug: str, domain: str) -> None:
    if not re.match(SLUG_PATTERN, slug) or slug in RESERVED_SLUGS:
        raise ArchiveError(
            _(
                "The slug “%(slug)s” is not allowed: use 2–40 lower-case letters, digits or "
                "hyphens, starting with a letter."
            )
            % {"slug": slug}
        )
    if Tenant.objects.filter(slug=slug).exists() or schema_exists(schema_name_for(slug)):
        raise ArchiveError(_("A tenant with the slug “%(slug)s” already exists.") % {"slug": slug})
    if not HOSTNAME_PATTERN.match(domain) or domain == settings.BASE_DOMAIN:
        raise ArchiveError(_("“%(domain)s” is not a valid tenant host name.") % {"domain": domain})
    if Domain.objects.filter(domain=domain).exists():
        raise ArchiveError(_("The domain “%(domain)s” is already in use.") % {"domain": domain})
    media_dir = media_dir_for(schema_name_for(slug))
    if media_dir.exists() and any(media_dir.iterdir()):
        raise ArchiveError(
            _("The media directory %(path)s already holds files.") % {"path": media_dir}
        )


def tenant_import(
    *, archive: Path, slug: str, domain: str | None = None, actor: str = "system"
) -> ImportResult:
    """Create tenant ``slug`` from ``archive``; raise ArchiveError and create nothing if it
    cannot be done."""
    slug = slug.strip().lower()
    domain = (domain or f"{slug}.{settings.BASE_DOMAIN}").strip().lower()
    _target_check(slug, domain)
    template_schema_ensure_current()
    with tempfile.TemporaryDirectory(prefix="tenant-import-") as workdir:
        unpacked = Path(workdir)
        manifest = archive_extract(Path(archive), unpacked)
        state = archive_state_check(manifest["migrations"])
        schema_name = schema_name_for(slug)
        media_dir = media_dir_for(schema_name)
        try:
            with transaction.atomic():
                tenant = Tenant.objects.create(
                    schema_name=schema_name,
                    slug=slug,
                    **{name: manifest["tenant"][name] for name in TENANT_FIELDS},
                )
                Domain.objects.create(domain=domain, tenant=tenant, is_primary=True)
                schema_provision_at(schema_name, state, manifest["migrations"])
                files = _media_copy(unpacked / MEDIA_PREFIX, media_dir)
                rows = _rows_load(schema_name, manifest, unpacked)
                schema_migrate_forward(schema_name, state)
                OperatorAuditEntry.objects.create(
                    action=OperatorAuditEntry.Action.IMPORTED,
                    tenant_slug=slug,
                    schema_name=schema_name,
                    actor=actor,
                    details={
                        "archive": Path(archive).name,
                        "source": manifest["source"],
                        "rows": rows,
                        "files": files,
                    },
                )
        except BaseException:
            shutil.rmtree(media_dir, ignore_errors=True)
            raise
        finally:
            tenant_connection().set_schema_to_public()
    logger.info("tenant %s imported from %s (%s rows, %s files)", slug, archive, rows, files)
    return ImportResult(tenant=tenant, domain=domain, rows=rows, files=files)


def _rows_load(schema_name: str, manifest: dict[str, Any], unpacked: Path) -> int:
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        shapes = {shape.name: shape for shape in table_shapes(cursor, schema_name)}
        archived = {table["name"]: table for table in manifest["tables"]}
        unknown = sorted(set(archived) - set(shapes))
        if unknown:
            raise ArchiveError(
                _("The archive has tables this schema lacks: %(names)s")
                % {"names": ", ".join(unknown)}
            )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # The clone brought the template's bookkeeping rows (content types, permissions);
        # the archive's own rows replace them, keeping the ids its rows point at.
        cursor.execute(
            sql.SQL("TRUNCATE {}").format(
                sql.SQL(", ").join(sql.Identifier(schema_name, name) for name in sorted(archived))
            )
        )
        total = 0
        for name, table in sorted(archived.items()):
            total += _table_load(
                cursor, schema_name, table, unpacked / DATA_PREFIX / f"{name}.copy"
            )
        for sequence, (last_value, is_called) in manifest["sequences"].items():
            cursor.execute(
                "SELECT setval(%s, %s, %s)",
                [sql.Identifier(schema_name, sequence).as_string(cursor), last_value, is_called],
            )
        # Check the deferred foreign keys now: a migration run next (an older archive) may
        # ALTER these tables, which PostgreSQL refuses while trigger events are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        return total


def _table_load(cursor: Any, schema_name: str, table: dict[str, Any], path: Path) -> int:
    statement = sql.SQL("COPY {}.{} ({}) FROM STDIN").format(
        sql.Identifier(schema_name),
        sql.Identifier(table["name"]),
        sql.SQL(", ").join(sql.Identifier(column) for column in table["columns"]),
    )
    with path.open("rb") as source, cursor.copy(statement) as copy:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            copy.write(chunk)
    if cursor.rowcount != table["rows"]:
        raise ArchiveError(
            _("Table %(table)s: %(loaded)s rows loaded, the archive lists %(expected)s.")
            % {"table": table["name"], "loaded": cursor.rowcount, "expected": table["rows"]}
        )
    return int(table["rows"])


def _media_copy(source: Path, target: Path) -> int:
    if not source.is_dir():
        return 0
    shutil.copytree(source, target, dirs_exist_ok=True)
    return sum(1 for path in target.rglob("*") if path.is_file())
