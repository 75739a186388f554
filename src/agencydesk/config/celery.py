"""The Celery app. Tasks are sent with the current tenant's schema and run inside it."""

import os
import threading
from pathlib import Path
from typing import Any

from celery.signals import task_postrun, task_prerun
from django.utils import translation
from tenant_schemas_celery.app import CeleryApp as TenantAwareCeleryApp

from agencydesk.core.regional import operator_language_activate

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")

app = TenantAwareCeleryApp("agencydesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# The language a task found, given back when it ends: an eager task (CELERY_TASK_ALWAYS_EAGER)
# runs inside a request, whose language must survive it. Per thread, holds no tenant data.
_languages_before_task = threading.local()


@task_prerun.connect
def operator_language_for_task(**_kwargs: Any) -> None:
    """Worker log text in the operator's language; mails choose their recipient's own."""
    stack = getattr(_languages_before_task, "stack", [])
    stack.append(translation.get_language())
    _languages_before_task.stack = stack
    operator_language_activate()


@task_postrun.connect
def language_after_task(**_kwargs: Any) -> None:
    stack = getattr(_languages_before_task, "stack", [])
    previous = stack.pop() if stack else None
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()


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
