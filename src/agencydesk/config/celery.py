"""The Celery app. Tasks are sent with the current tenant's schema and run inside it."""

import os
from pathlib import Path
from typing import Any

from celery.signals import task_prerun
from tenant_schemas_celery.app import CeleryApp as TenantAwareCeleryApp

from agencydesk.core.regional import operator_language_activate

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")

app = TenantAwareCeleryApp("agencydesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def operator_language_for_task(**_kwargs: Any) -> None:
    """Worker log text in the operator's language; mails choose their recipient's own."""
    operator_language_activate()


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
