"""An archive moves a tenant to another database: ``tenant_import`` run by a process whose
DATABASE_URL names a different database creates the tenant there."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from agencydesk.accounts.models import User
from agencydesk.tickets.workflow import attachments_add, ticket_create
from tenants.models import Tenant
from tenants.transfer.export import tenant_export
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory
from tests.tickets.conftest import PNG_BYTES, png_upload

pytestmark = pytest.mark.django_db(transaction=True)


def _url(database: str) -> str:
    db = connection.settings_dict
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or "127.0.0.1"
    user, password = db.get("USER") or "postgres", db.get("PASSWORD") or ""
    credentials = f"{user}:{password}" if password else user
    if host.startswith("/"):
        return f"postgresql://{credentials}@/{database}?host={host}"
    return f"postgresql://{credentials}@{host}:{db.get('PORT') or 5432}/{database}"


@pytest.fixture
def other_database() -> Iterator[str]:
    name = f"agencydesk_import_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _manage(*args: str, database: str, media: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": _url(database), "MEDIA_ROOT": str(media)}
    # The real settings (the test settings would put the files under the test media root).
    env.update(AGENCYDESK_DEV="1", DJANGO_SETTINGS_MODULE="agencydesk.config.settings")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "agencydesk.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_given_archive_when_imported_by_a_process_on_another_database_then_tenant_is_there(
    provision, other_database: str, tmp_path: Path
) -> None:
    source: Tenant = provision("xfer-source")
    connection.set_tenant(source)
    staff: User = StaffFactory()
    site = SiteFactory()
    ticket = ticket_create(
        actor=staff,
        title="Lift stuck",
        customer=site.customer,
        site=site,
        ticket_type=TicketTypeFactory(),
        source="staff",
    )
    attachments_add(actor=staff, ticket=ticket, uploads=[png_upload()])[0]
    connection.set_schema_to_public()
    archive = tmp_path / "source.tar.gz"
    tenant_export(slug="xfer-source", out=archive)
    media = tmp_path / "other-media"

    migrated = _manage(
        "migrate_schemas", "--shared", "-v", "0", database=other_database, media=media
    )
    assert migrated.returncode == 0, migrated.stderr
    imported = _manage(
        "tenant_import", str(archive), "--slug", "moved", database=other_database, media=media
    )

    assert imported.returncode == 0, imported.stderr
    with psycopg.connect(_url(other_database)) as conn:
        tickets = conn.execute('SELECT number, title FROM "t_moved".tickets_ticket').fetchall()
        domain = conn.execute("SELECT domain FROM tenants_domain").fetchall()
    assert tickets == [(ticket.number, "Lift stuck")]
    assert domain == [("moved.localhost",)]
    assert [path.read_bytes() for path in (media / "t_moved").rglob("*.png")] == [PNG_BYTES]
