"""The Celery app. Tasks are sent with the current tenant's schema and run inside it."""

import os
import random
from pathlib import Path

from celery import Task
from tenant_schemas_celery.app import CeleryApp as TenantAwareCeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")

app = TenantAwareCeleryApp("agencydesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def fan_out_over_tenants(task: Task, jitter_seconds: float) -> int:
    """From the public schema: one ``task`` per tenant, spread out a little (periodic jobs)."""
    # Imported here: this module is loaded before Django's settings and apps are ready.
    from django_tenants.utils import get_public_schema_name, get_tenant_model, tenant_context

    tenants = get_tenant_model().objects.exclude(schema_name=get_public_schema_name())
    count = 0
    for tenant in tenants:
        # Sent inside the tenant's schema, so the task runs there.
        with tenant_context(tenant):
            delay = random.uniform(0, jitter_seconds)  # noqa: S311 - spreading load only
            task.apply_async(countdown=delay)
        count += 1
    return count


def filesystem_broker_folders_ensure() -> None:
    """Without Redis the broker is kombu's filesystem transport, which expects its folders
    to exist (the worker would stop with FileNotFoundError)."""
    if not str(app.conf.broker_url).startswith("filesystem://"):
        return
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


filesystem_broker_folders_ensure()
