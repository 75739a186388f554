"""JSON log lines: time, level, logger, message, tenant schema, request id, user id."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from pythonjsonlogger.json import JsonFormatter

from agencydesk.observability.context import request_id_var, user_id_known


class RequestContextFilter(logging.Filter):
    """Adds ``tenant``, ``request_id`` and ``user_id`` to every record. The tenant is the
    schema the database connection of this thread is in: whatever set it (the tenant
    middleware, a tenant-aware task, ``schema_context``), the log line says so."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.tenant = getattr(connection, "schema_name", "") or ""
        record.request_id = request_id_var.get()
        record.user_id = user_id_known()
        return True


class JsonLogFormatter(JsonFormatter):
    """One JSON object per line, with an ISO 8601 UTC ``time``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        super().__init__(
            "%(levelname)s %(name)s %(message)s %(tenant)s %(request_id)s %(user_id)s",
            *args,
            **kwargs,
        )
