"""Observability of Celery tasks with the real worker (this directory's ``celery_worker``;
one worker per test session): the request id travels into the task, its outcome and
duration show in ``/metrics``."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from celery.signals import task_success
from django.test import Client

from agencydesk.core.tasks import sessions_clear
from agencydesk.observability.context import request_id_var
from tests.observability.scraping import TOKEN, sample, scrape


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_given_a_task_run_by_the_worker_when_scraped_then_its_outcome_and_duration_show(
    celery_worker: Any,
    settings: Any,
):
    settings.METRICS_TOKEN = TOKEN
    client = Client(HTTP_HOST="10.1.2.3")
    task = "agencydesk.core.tasks.sessions_clear"
    before = sample(scrape(client), "agencydesk_celery_tasks_total", task=task) or 0

    sessions_clear.delay()

    deadline = time.monotonic() + 10
    text = scrape(client)
    while (sample(text, "agencydesk_celery_tasks_total", task=task) or 0) == before:
        assert time.monotonic() < deadline, "the task's outcome never showed"
        time.sleep(0.1)
        text = scrape(client)
    assert sample(text, "agencydesk_celery_tasks_total", task=task, outcome="SUCCESS") == (
        before + 1
    )
    assert sample(text, "agencydesk_celery_task_duration_seconds_count", task=task)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_given_a_task_sent_during_a_request_when_the_worker_runs_it_then_it_has_the_id(
    celery_worker: Any,
):
    seen: list[str] = []
    done = threading.Event()

    def remember(sender: Any = None, **kwargs: Any) -> None:
        if sender is not None and sender.name == sessions_clear.name:
            seen.append(request_id_var.get())
            done.set()

    task_success.connect(remember, weak=False)
    token = request_id_var.set("req-from-web-1")
    try:
        sessions_clear.delay()
    finally:
        request_id_var.reset(token)
    try:
        assert done.wait(20), "the worker never ran the task"
    finally:
        task_success.disconnect(remember)

    assert seen == ["req-from-web-1"]
