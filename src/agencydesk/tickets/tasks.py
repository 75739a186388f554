"""Periodic ticket jobs: thin tasks that call the workflow in the tenant's schema."""

from __future__ import annotations

from agencydesk.config.celery import app, fan_out_over_tenants
from agencydesk.tickets.workflow import tickets_purge_expired


@app.task
def trash_purge() -> int:
    """Purge the current tenant's tickets that have been in the trash long enough."""
    return tickets_purge_expired()


@app.task
def trash_purge_all_tenants(jitter_seconds: float = 60.0) -> int:
    return fan_out_over_tenants(trash_purge, jitter_seconds)
