"""Prometheus metrics: request latency and responses per view, Celery task outcomes and
durations, work backlogs. Labels are bounded: view name, method, status, task name — never
a tenant or a raw path.

With several processes (gunicorn workers, Celery prefork children) set
``PROMETHEUS_MULTIPROC_DIR`` to an empty directory shared by them: every process writes its
samples there and a scrape reads them all (prometheus-client's multiprocess mode)."""

from __future__ import annotations

import os
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess

from agencydesk.observability.backlog_collector import backlog_registry

# The directory may be a fresh emptyDir (Kubernetes) that nothing created yet; samples are
# written there as soon as a series is first touched.
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

HTTP_REQUEST_DURATION = Histogram(
    "agencydesk_http_request_duration_seconds",
    "Time from the first middleware to the response, per view and method.",
    ["view", "method"],
)
HTTP_RESPONSES = Counter(
    "agencydesk_http_responses",
    "Responses per view, method and status code.",
    ["view", "method", "status"],
)
CELERY_TASKS = Counter(
    "agencydesk_celery_tasks",
    "Celery tasks run, by task name and outcome (SUCCESS, FAILURE, RETRY …).",
    ["task", "outcome"],
)
CELERY_TASK_DURATION = Histogram(
    "agencydesk_celery_task_duration_seconds",
    "Run time of Celery tasks, per task name.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, float("inf")),
)

UNRESOLVED_VIEW = "<unresolved>"


def metrics_exposition(*, include_backlogs: bool = True) -> bytes:
    """Everything in Prometheus' text format: this process's (or, in multiprocess mode, all
    processes') series, then the backlogs counted now (the web's scrape only: one place
    counts them)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)
        process_series = generate_latest(registry)
    else:
        process_series = generate_latest()
    if not include_backlogs:
        return process_series
    return process_series + generate_latest(backlog_registry)
