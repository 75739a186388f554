"""The composition root: settings, URL configurations and the Celery app.

The settings live in this package, so importing them creates the tenant-aware Celery app
first: it becomes the current app, and every ``@shared_task`` of the apps binds to it
(tasks are then sent with the current tenant's schema and run inside it).
"""

from agencydesk.config.celery import app as celery_app

__all__ = ["celery_app"]
