from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "agencydesk.core"
    label = "core"

    def ready(self) -> None:
        # Make the tenant-aware Celery app the default one, so @shared_task binds to it.
        from agencydesk.config import celery  # noqa: F401
