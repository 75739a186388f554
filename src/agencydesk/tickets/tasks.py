"""Periodic ticket jobs: thin tasks that call the workflow in the tenant's schema."""

from __future__ import annotations

from celery import shared_task

from agencydesk.core.tasks import tenants_fan_out
from agencydesk.tickets.workflow import tickets_purge_expired


@shared_task
def trash_purge() -> int:
    """Purge the current tenant's tickets that have been in the trash long enough."""
    return tickets_purge_expired()


@shared_task
def trash_purge_all_tenants(jitter_seconds: float = 60.0) -> int:
    return tenants_fan_out(trash_purge, jitter_seconds)
