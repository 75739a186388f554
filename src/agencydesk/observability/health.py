"""Liveness and readiness: is the process up; can it reach the database and the broker."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from kombu import Connection as BrokerConnection

logger = logging.getLogger(__name__)


def database_check() -> None:
    """``SELECT 1`` on the default database (raises when it cannot be reached)."""
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        # A broken connection must not be reused by the next request of this thread.
        connection.close_if_unusable_or_obsolete()
        raise


def broker_check() -> None:
    """Connect to the Celery broker once, without retries (raises when unreachable)."""
    timeout = settings.HEALTH_CHECK_TIMEOUT_SECONDS
    transport_options = dict(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {})
    transport_options.setdefault("socket_connect_timeout", timeout)
    transport_options.setdefault("socket_timeout", timeout)
    with BrokerConnection(
        settings.CELERY_BROKER_URL, connect_timeout=timeout, transport_options=transport_options
    ) as broker:
        broker.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=max(1, round(timeout))
        )


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": database_check,
    "broker": broker_check,
}


def readiness_failures() -> list[str]:
    """The names of the checks that failed (empty: ready)."""
    failed = []
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception:
            # Any failure means "not ready"; the reason goes to the log, not to the caller.
            logger.warning("readiness check %s failed", name, exc_info=True)
            failed.append(name)
    return failed


def health_live(request: HttpRequest) -> JsonResponse:
    """The process answers: nothing else is checked (a restart would not help)."""
    return JsonResponse({"status": "ok"})


def health_ready(request: HttpRequest) -> JsonResponse:
    failed = readiness_failures()
    checks = {name: ("failed" if name in failed else "ok") for name in READINESS_CHECKS}
    if failed:
        return JsonResponse({"status": "unavailable", "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})
