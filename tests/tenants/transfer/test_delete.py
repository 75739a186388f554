"""Deleting a tenant: a dry run first, then nothing left (schema, domains, files), audited;
the operator admin's delete runs the same service."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from agencydesk.accounts.models import User
from agencydesk.tickets.workflow import attachments_add, ticket_create
from tenants.models import Domain, OperatorAuditEntry, Tenant
from tenants.transfer.deletion import tenant_delete
from tenants.transfer.schema import media_dir_for
from tests.conftest import TEST_PASSWORD
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def doomed(provision: Callable[[str], Tenant]) -> Tenant:
    """A tenant with a ticket and an attachment on disk."""
    tenant = provision("xfer-gone")
    connection.set_tenant(tenant)
    staff = StaffFactory()
    site = SiteFactory()
    ticket = ticket_create(
        actor=staff,
        title="Window cracked",
        customer=site.customer,
        site=site,
        ticket_type=TicketTypeFactory(),
        source="staff",
    )
    attachments_add(actor=staff, ticket=ticket, uploads=[png_upload()])[0]
    connection.set_schema_to_public()
    return tenant


def _schema_present(schema_name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [schema_name]
        )
        return cursor.fetchone() is not None


def _nothing_left(schema_name: str) -> bool:
    return (
        not _schema_present(schema_name)
        and not Domain.objects.filter(domain="xfer-gone.localhost").exists()
        and not Tenant.objects.filter(slug="xfer-gone").exists()
        and not media_dir_for(schema_name).exists()
    )


def test_given_no_confirmation_when_deleting_then_plan_is_shown_and_nothing_changes(doomed):
    plan = tenant_delete(slug="xfer-gone", confirm=False)

    assert (plan.tickets, plan.domains, plan.media_files) == (1, ["xfer-gone.localhost"], 1)
    assert plan.media_bytes > 0 and not plan.deleted
    assert _schema_present(doomed.schema_name)
    assert media_dir_for(doomed.schema_name).is_dir()
    assert not OperatorAuditEntry.objects.exists()


def test_given_confirmation_when_deleting_then_schema_domains_and_media_are_gone(doomed):
    plan = tenant_delete(slug="xfer-gone", confirm=True, actor="ops@example.com")

    assert plan.deleted
    assert _nothing_left(doomed.schema_name)
    entry = OperatorAuditEntry.objects.get(action=OperatorAuditEntry.Action.DELETED)
    assert (entry.tenant_slug, entry.actor, entry.details["tickets"]) == (
        "xfer-gone",
        "ops@example.com",
        1,
    )


def test_given_command_without_confirm_then_dry_run_and_with_yes_then_deleted(doomed, capsys):
    call_command("tenant_delete", "xfer-gone")
    assert "--confirm" in capsys.readouterr().out
    assert _schema_present(doomed.schema_name)

    call_command("tenant_delete", "xfer-gone", "--yes")

    assert _nothing_left(doomed.schema_name)
    with pytest.raises(CommandError, match="xfer-gone"):
        call_command("tenant_delete", "xfer-gone")


def test_given_public_tenant_when_deleting_then_refused(transfer_cleanup, public_client):
    with pytest.raises(CommandError, match="public tenant"):
        call_command("tenant_delete", "public", "--confirm")

    assert Tenant.objects.filter(slug="public").exists()
    assert _schema_present("public")


def test_given_operator_when_deleting_in_admin_then_the_service_removes_everything(
    doomed, public_client, monkeypatch
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", TEST_PASSWORD)
    call_command("createsuperuser", email="ops@agencydesk.example", interactive=False, verbosity=0)
    public_client.force_login(User.objects.get(email="ops@agencydesk.example"))
    url = f"/operator/tenants/tenant/{doomed.pk}/delete/"

    confirmation = public_client.get(url)
    assert confirmation.status_code == 200
    assert "xfer-gone.localhost" in confirmation.content.decode()
    response = public_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert _nothing_left(doomed.schema_name)
    assert OperatorAuditEntry.objects.get().actor == "ops@agencydesk.example"
    audit = public_client.get("/operator/tenants/operatorauditentry/")
    assert audit.status_code == 200 and "xfer-gone" in audit.content.decode()
    entry = OperatorAuditEntry.objects.get()
    assert (
        public_client.post(f"/operator/tenants/operatorauditentry/{entry.pk}/delete/").status_code
        == 403
    )
