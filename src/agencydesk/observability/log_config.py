"""The ``LOGGING`` setting. Imported by the settings, so it imports nothing of Django: the
filter and formatter are named by their dotted paths and loaded by ``dictConfig``."""

from __future__ import annotations

from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(tenant)s %(request_id)s] %(message)s"


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """JSON lines (``json``, production) or readable text (``text``, development)."""
    formatter: dict[str, Any] = (
        {"()": "agencydesk.observability.logs.JsonLogFormatter"}
        if log_format == "json"
        else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": "agencydesk.observability.logs.RequestContextFilter"}
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "INFO"}},
    }
