"""The purge runs as the periodic jobs do: fanned out from the public schema over tenants,
each task on a real worker in its tenant's schema."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from agencydesk.configuration.models import AuditAction, AuditEntry
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.tasks import trash_purge_all_tenants
from agencydesk.tickets.workflow import ticket_trash
from tests.conftest import ensure_test_tenant, in_schema
from tests.factories import TenantAdminFactory, TicketFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def _wait_until(condition: Any, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


@pytest.fixture
def expired_trash(celery_worker: Any, tenant_rows_cleanup: Any) -> Iterator[dict[str, int]]:
    """One ticket trashed 31 days ago in each test tenant (and the audit rows cleaned up)."""
    ticket_ids: dict[str, int] = {}
    audit_marks: dict[str, int] = {}
    for slug in ("alpha", "beta"):
        with in_schema(ensure_test_tenant(slug)):
            audit_marks[slug] = (
                AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            )
            ticket = TicketFactory()
            with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
                ticket_trash(actor=TenantAdminFactory(), ticket=ticket)
            ticket_ids[slug] = ticket.pk
    yield ticket_ids
    for slug, mark in audit_marks.items():
        with in_schema(ensure_test_tenant(slug)):
            Ticket.with_trashed.filter(pk=ticket_ids[slug]).delete()
            AuditEntry.objects.filter(pk__gt=mark).delete()


def test_given_expired_trash_in_two_tenants_when_the_periodic_job_runs_then_both_are_purged(
    expired_trash,
):
    connection.set_schema_to_public()

    assert trash_purge_all_tenants.apply(kwargs={"jitter_seconds": 0}).get() >= 2

    for slug, ticket_id in expired_trash.items():
        with in_schema(ensure_test_tenant(slug)):
            purged = Ticket.with_trashed.filter(pk=ticket_id)
            assert _wait_until(lambda purged=purged: not purged.exists())
            assert AuditEntry.objects.filter(
                action=AuditAction.PURGED, object_id=str(ticket_id)
            ).exists()
