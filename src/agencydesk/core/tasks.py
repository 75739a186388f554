"""Periodic jobs over every tenant, and the expired-session cleanup."""

from __future__ import annotations

import random
from importlib import import_module

from celery import Task, shared_task
from django.conf import settings
from django_tenants.utils import get_public_schema_name, get_tenant_model, tenant_context


def tenants_fan_out(task: Task, jitter_seconds: float) -> int:
    """From the public schema: one ``task`` per tenant, spread out a little."""
    tenants = get_tenant_model().objects.exclude(schema_name=get_public_schema_name())
    count = 0
    for tenant in tenants:
        # Sent inside the tenant's schema, so the task runs there.
        with tenant_context(tenant):
            delay = random.uniform(0, jitter_seconds)  # noqa: S311 - spreading load only
            task.apply_async(countdown=delay)
        count += 1
    return count


@shared_task
def sessions_clear() -> None:
    """Delete the expired sessions of the current schema, as ``clearsessions`` does."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@shared_task
def sessions_clear_all_tenants(jitter_seconds: float = 60.0) -> int:
    """Sessions live in every tenant schema and in the public one (operators)."""
    sessions_clear()
    return tenants_fan_out(sessions_clear, jitter_seconds)
