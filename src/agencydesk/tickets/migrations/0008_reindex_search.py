"""Re-index every ticket: vectors written under ``schema_context`` (demo loader, email intake
in a task, imports) used the ``simple`` configuration while searches use the tenant's
language, so stemmed words were never found. One statement per schema, built by the same
function the workflow uses."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def reindex(apps: Any, schema_editor: Any) -> None:
    from agencydesk.tickets.search import ticket_search_vectors_recompute

    ticket_search_vectors_recompute(connection=schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0007_ticket_trash_and_merge")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True)]
