"""Error tracking with Sentry, only when ``SENTRY_DSN`` is set (``agencydesk[sentry]``).
Events carry the tenant schema as a tag and no personal data (see scrubbing.py)."""

from __future__ import annotations

from typing import Any

import sentry_sdk
from django.db import connection
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from agencydesk.observability.context import request_id_var
from agencydesk.observability.scrubbing import event_scrub


def event_prepare(event: Any, hint: Any) -> Any:
    tags = event.setdefault("tags", {})
    tags.setdefault("tenant", getattr(connection, "schema_name", "") or "")
    request_id = request_id_var.get()
    if request_id:
        tags.setdefault("request_id", request_id)
    return event_scrub(event, hint)


def sentry_init(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=event_prepare,
        before_send_transaction=event_prepare,
    )
