"""Export → import of a tenant with tickets, comments and attachments: the copy answers
the API exactly as the original does, and goes on numbering where it left off."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_exists

from agencydesk.accounts.models import User
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.workflow import attachments_add, comment_add
from tenants.models import Domain, OperatorAuditEntry, Tenant
from tenants.provisioning import TEMPLATE_SCHEMA, public_tenant_ensure
from tenants.transfer.archive import MANIFEST_NAME, ArchiveError
from tenants.transfer.export import tenant_export
from tenants.transfer.importer import tenant_import
from tenants.transfer.schema import applied_migrations, media_dir_for
from tests.tickets.conftest import PNG_BYTES, png_upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tenant(provision: Callable[[str], Tenant]) -> Iterator[Tenant]:
    """The source tenant; the shared workflow fixtures (staff, make_ticket…) write into it."""
    source = provision("xfer-source")
    connection.set_tenant(source)
    yield source
    connection.set_schema_to_public()


@pytest.fixture
def source_with_tickets(tenant: Tenant, make_ticket: Callable[..., Ticket], staff: User) -> Tenant:
    first = make_ticket(title="Lift stuck on floor 3")
    note = comment_add(actor=staff, ticket=first, body="Engineer booked for Monday.", internal=True)
    attachments_add(actor=staff, ticket=first, uploads=[png_upload("lift.png")], comment=note)[0]
    second = make_ticket(title="Bins not collected")
    comment_add(actor=staff, ticket=second, body="Called the council.", internal=True)
    connection.set_schema_to_public()
    return tenant


def _api_answers(client_for: Any, tenant: Tenant, staff: User) -> dict[str, Any]:
    client = client_for(tenant, api=True)
    client.force_login(staff)  # the copy has the same user under the same id
    answers: dict[str, Any] = {"list": client.get("/api/v1/tickets/?ordering=number").json()}
    for ticket in answers["list"]["results"]:
        number = ticket["number"]
        detail = client.get(f"/api/v1/tickets/{number}/").json()
        answers[f"{number}/detail"] = detail
        comments = client.get(f"/api/v1/tickets/{number}/comments/").json()
        answers[f"{number}/comments"] = comments
        answers[f"{number}/activity"] = client.get(f"/api/v1/tickets/{number}/activity/").json()
        for comment in comments["results"]:
            for attachment in comment["attachments"]:
                download = client.get(attachment["url"])
                answers[attachment["url"]] = b"".join(download.streaming_content)
    return answers


def test_given_tenant_with_tickets_when_exported_and_imported_then_api_answers_are_identical(
    source_with_tickets: Tenant, staff: User, client_for: Any, tmp_path: Path
) -> None:
    archive = tmp_path / "source.tar.gz"

    tenant_export(slug="xfer-source", out=archive)
    copy = tenant_import(archive=archive, slug="xfer-copy").tenant

    original = _api_answers(client_for, source_with_tickets, staff)
    copied = _api_answers(client_for, copy, staff)
    assert original["list"]["count"] == 2
    assert any(value == PNG_BYTES for value in original.values())
    assert copied == original
    assert Domain.objects.get(tenant=copy).domain == "xfer-copy.localhost"
    assert copy.ticket_prefix == source_with_tickets.ticket_prefix
    assert OperatorAuditEntry.objects.filter(
        action=OperatorAuditEntry.Action.IMPORTED, tenant_slug="xfer-copy"
    ).exists()


def test_given_imported_copy_when_a_ticket_is_opened_then_numbering_continues(
    source_with_tickets: Tenant, make_ticket: Callable[..., Ticket], tmp_path: Path
) -> None:
    archive = tmp_path / "source.tar.gz"
    tenant_export(slug="xfer-source", out=archive)
    copy = tenant_import(archive=archive, slug="xfer-copy").tenant

    connection.set_tenant(copy)
    numbers = sorted(Ticket.objects.values_list("number", flat=True))
    ticket = make_ticket(title="Third one")

    assert ticket.number == numbers[-1] + 1


def _manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile(MANIFEST_NAME)
        assert member is not None
        return dict(json.load(member))


def test_given_archive_of_an_older_version_when_imported_then_migrated_forward_with_its_rows(
    source_with_tickets: Tenant, staff: User, client_for: Any, tmp_path: Path
) -> None:
    # The source as the previous release left it: its latest accounts migration not applied.
    schema = source_with_tickets.schema_name
    older = ("accounts", "0002_api_token_name_expiry")
    call_command("migrate_schemas", *older, schema_name=schema, interactive=False, verbosity=0)
    archive = tmp_path / "older.tar.gz"
    tenant_export(slug="xfer-source", out=archive)
    assert "0003_user_erased_at" not in _manifest(archive)["migrations"]["accounts"]
    # ...and the source upgraded in place, as migrate_schemas does it, for comparison.
    call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
    connection.set_schema_to_public()

    copy = tenant_import(archive=archive, slug="xfer-copy").tenant

    with connection.cursor() as cursor:
        assert applied_migrations(cursor, copy.schema_name) == applied_migrations(
            cursor, TEMPLATE_SCHEMA
        )
    assert _api_answers(client_for, copy, staff) == _api_answers(
        client_for, source_with_tickets, staff
    )


def _rewrite_manifest(archive: Path, change: Callable[[dict[str, Any]], None], out: Path) -> None:
    unpacked = out.parent / "unpacked"
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(unpacked, filter="data")
    manifest = json.loads((unpacked / MANIFEST_NAME).read_text())
    change(manifest)
    (unpacked / MANIFEST_NAME).write_text(json.dumps(manifest))
    with tarfile.open(out, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())


def _ahead(manifest: dict[str, Any]) -> None:
    manifest["migrations"]["tickets"].append("9999_from_the_future")


def _damaged(manifest: dict[str, Any]) -> None:
    manifest["tables"][0]["sha256"] = "0" * 64


@pytest.mark.parametrize(("change", "message"), [(_ahead, "newer version"), (_damaged, "damaged")])
def test_given_unfit_archive_when_imported_then_refused_and_nothing_created(
    source_with_tickets: Tenant, tmp_path: Path, change: Any, message: str
) -> None:
    archive = tmp_path / "source.tar.gz"
    tenant_export(slug="xfer-source", out=archive)
    unfit = tmp_path / "unfit.tar.gz"
    _rewrite_manifest(archive, change, unfit)

    with pytest.raises(ArchiveError, match=message):
        tenant_import(archive=unfit, slug="xfer-copy")

    assert not Tenant.objects.filter(slug="xfer-copy").exists()
    assert not schema_exists("t_xfer_copy")
    assert not media_dir_for("t_xfer_copy").exists()


def test_given_load_fails_midway_when_importing_then_schema_and_files_are_gone(
    source_with_tickets: Tenant, tmp_path: Path
) -> None:
    archive = tmp_path / "source.tar.gz"
    tenant_export(slug="xfer-source", out=archive)
    wrong_count = tmp_path / "wrong.tar.gz"

    def _count_off(manifest: dict[str, Any]) -> None:
        last = max(manifest["tables"], key=lambda table: table["name"])
        last["rows"] += 1

    _rewrite_manifest(archive, _count_off, wrong_count)

    with pytest.raises(ArchiveError, match="rows loaded"):
        tenant_import(archive=wrong_count, slug="xfer-copy")

    assert not Tenant.objects.filter(slug="xfer-copy").exists()
    assert not schema_exists("t_xfer_copy")
    assert not media_dir_for("t_xfer_copy").exists()


def test_given_commands_when_round_tripping_then_they_report_and_refuse_taken_slugs(
    source_with_tickets: Tenant, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "source.tar.gz"

    call_command("tenant_export", "xfer-source", "--out", str(archive))
    call_command("tenant_import", str(archive), "--slug", "xfer-copy")

    out = capsys.readouterr().out
    assert "Exported" in out and "http://xfer-copy.localhost" in out
    with pytest.raises(CommandError, match="xfer-copy"):
        call_command("tenant_import", str(archive), "--slug", "xfer-copy")
    with pytest.raises(CommandError, match="no tenant"):
        call_command("tenant_export", "xfer-nothing", "--out", str(tmp_path / "none.tar.gz"))
    public_tenant_ensure()
    with pytest.raises(CommandError, match="public schema"):
        call_command("tenant_export", "public", "--out", str(tmp_path / "public.tar.gz"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["source.tar.gz"]
