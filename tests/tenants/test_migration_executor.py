"""``migrate_schemas --executor=pending`` migrates only schemas that lag behind."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tenants.migration_executor import schema_is_at_head
from tenants.provisioning import TEMPLATE_SCHEMA, template_schema_ensure_current

pytestmark = pytest.mark.django_db(transaction=True)


def test_given_schema_at_head_when_migrating_pending_then_it_is_skipped(tenant, capsys):
    call_command("migrate_schemas", executor="pending", schema_name=tenant.schema_name)

    out = capsys.readouterr().out
    assert "1 schema(s) already at the latest migration." in out
    assert "Starting migration" not in out


def test_given_lagging_schema_when_migrating_pending_then_it_is_migrated(capsys):
    template_schema_ensure_current()
    call_command("migrate_schemas", "tickets", "zero", schema_name=TEMPLATE_SCHEMA, verbosity=0)
    assert not schema_is_at_head(TEMPLATE_SCHEMA)

    call_command("migrate_schemas", executor="pending", schema_name=TEMPLATE_SCHEMA)

    assert "Applying tickets.0001_initial" in capsys.readouterr().out
    assert schema_is_at_head(TEMPLATE_SCHEMA)
