"""The Celery app. Tasks are sent with the current tenant's schema and run inside it."""

import os

from tenant_schemas_celery.app import CeleryApp as TenantAwareCeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")

app = TenantAwareCeleryApp("agencydesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
