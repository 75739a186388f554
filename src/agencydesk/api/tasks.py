"""Periodic API plumbing jobs: thin tasks, fanned out over the tenants."""

from __future__ import annotations

from celery import shared_task

from agencydesk.api.idempotency import idempotency_keys_purge_expired
from agencydesk.core.tasks import tenants_fan_out


@shared_task
def idempotency_keys_purge() -> int:
    """Delete the current tenant's Idempotency-Key rows older than their 24 hours."""
    return idempotency_keys_purge_expired()


@shared_task
def idempotency_keys_purge_all_tenants(jitter_seconds: float = 60.0) -> int:
    return tenants_fan_out(idempotency_keys_purge, jitter_seconds)
