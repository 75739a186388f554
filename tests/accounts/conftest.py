"""Account tests reuse the real delivery stack of the notification tests (SMTP server on
loopback, Celery worker on Redis)."""

from tests.notifications.conftest import (  # noqa: F401 - fixtures
    celery_worker,
    inbox,
    smtp_server,
    tenant_rows_cleanup,
    worker_tenant,
)
