"""Celery: the request id travels with a task (a message header) into the worker's log
lines, and every run counts in the task metrics."""

from __future__ import annotations

import time
from contextvars import Token
from typing import Any

from celery import signals

from agencydesk.observability.context import request_id_choose, request_id_var
from agencydesk.observability.metrics import CELERY_TASK_DURATION, CELERY_TASKS
from agencydesk.observability.worker_metrics import on_worker_init

REQUEST_ID_HEADER = "agencydesk_request_id"

# Per task id: when it started and the context token to restore afterwards. A worker runs
# a task's prerun and postrun in the same thread, one task at a time per thread.
_running: dict[str, tuple[float, Token[str]]] = {}


def request_id_header_add(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    request_id = request_id_var.get()
    if headers is not None and request_id and REQUEST_ID_HEADER not in headers:
        headers[REQUEST_ID_HEADER] = request_id


def task_started(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    if task_id is None:
        return
    offered = getattr(task.request, REQUEST_ID_HEADER, None) if task is not None else None
    # Called directly or eagerly, the caller's id is already in this context.
    request_id = request_id_choose(offered) if offered else request_id_var.get()
    _running[task_id] = (time.perf_counter(), request_id_var.set(request_id))


def task_finished(
    task_id: str | None = None, task: Any = None, state: str | None = None, **kwargs: Any
) -> None:
    started = _running.pop(task_id, None) if task_id is not None else None
    name = getattr(task, "name", None) or "unknown"
    CELERY_TASKS.labels(task=name, outcome=state or "UNKNOWN").inc()
    if started is None:
        return
    started_at, token = started
    CELERY_TASK_DURATION.labels(task=name).observe(time.perf_counter() - started_at)
    try:
        request_id_var.reset(token)
    except ValueError:  # set in another context (should not happen): leave it
        request_id_var.set("")


def connect() -> None:
    signals.before_task_publish.connect(request_id_header_add, weak=False)
    signals.task_prerun.connect(task_started, weak=False)
    signals.task_postrun.connect(task_finished, weak=False)
    signals.worker_init.connect(on_worker_init, weak=False)
