"""Operations settings: health checks, metrics, logs, error tracking. Imported by
settings.py. See deploy/README.md."""

from __future__ import annotations

import os

from agencydesk.config.env import debug_mode, development_mode
from agencydesk.observability.log_config import logging_config

# /metrics answers only to "Authorization: Bearer <METRICS_TOKEN>"; unset, it is off (404).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# The backlog gauges count over every tenant; a scrape within this many seconds of the last
# count gets the remembered numbers.
METRICS_BACKLOG_CACHE_SECONDS = float(os.environ.get("METRICS_BACKLOG_CACHE_SECONDS", "30"))
# Readiness: how long the database and broker checks may wait each.
HEALTH_CHECK_TIMEOUT_SECONDS = float(os.environ.get("HEALTH_CHECK_TIMEOUT_SECONDS", "2"))

# JSON lines in production; readable text in development unless LOG_FORMAT says otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if development_mode() else "json").lower()
if LOG_FORMAT not in {"json", "text"}:
    LOG_FORMAT = "json"
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))
# The worker logs through LOGGING too (Celery would otherwise replace the root handler).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Error tracking (pip install "agencydesk[sentry]"): off unless SENTRY_DSN is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "development" if debug_mode() else "")
SENTRY_RELEASE = os.environ.get("SENTRY_RELEASE", "")
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0"))
