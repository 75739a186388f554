"""The worker's own metrics port answers like the web's ``/metrics``."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from agencydesk.observability.worker_metrics import worker_metrics_serve

TOKEN = "worker-metrics-token"


@pytest.fixture
def worker_metrics_url() -> Iterator[str]:
    server = worker_metrics_serve(0, host="127.0.0.1")
    try:
        yield f"http://127.0.0.1:{server.server_port}/metrics"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str, token: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url)  # noqa: S310 - loopback only
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize(
    ("configured", "offered", "status"),
    [
        ("", TOKEN, 404),
        (TOKEN, None, 401),
        (TOKEN, "wrong", 401),
    ],
)
def test_given_no_or_a_wrong_token_when_the_worker_port_is_scraped_then_refused(
    worker_metrics_url, settings, configured, offered, status
):
    settings.METRICS_TOKEN = configured

    assert fetch(worker_metrics_url, offered)[0] == status


def test_given_the_token_when_the_worker_port_is_scraped_then_task_series_show(
    worker_metrics_url, settings
):
    settings.METRICS_TOKEN = TOKEN

    status, body = fetch(worker_metrics_url, TOKEN)

    assert status == 200
    assert b"agencydesk_celery_task_duration_seconds" in body
    assert b"agencydesk_backlog" not in body  # counted by the web's scrape only
