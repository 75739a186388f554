"""Webhook tests: a real HTTP receiver on loopback recording what it gets, and (for worker
tests) the real Celery worker and SMTP server of the notification tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from agencydesk.integrations.models import WebhookSubscription
from tests.conftest import ensure_test_tenant, in_schema


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: bytes = b'{"ok": true}'
    headers: dict[str, str] = field(default_factory=dict)


class Receiver:
    """What the loopback server received, and the replies it gives (in order; then 200)."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.replies: list[Reply] = []
        self.port = 0
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/agencydesk?source=test"

    def reply_with(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def next_reply(self, request: Received) -> Reply:
        with self._lock:
            self.requests.append(request)
            return self.replies.pop(0) if self.replies else Reply()

    def wait_for(self, count: int, *, timeout: float = 20.0, settle: float = 0.5) -> list[Received]:
        """At least ``count`` requests (then a short pause, so extra ones would show up)."""
        deadline = time.monotonic() + timeout
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(settle)
        return list(self.requests)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = Received(self.path, dict(self.headers.items()), self.rfile.read(length))
            reply = receiver.next_reply(request)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = do_POST

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    received = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(received))
    received.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def allow_loopback(settings: Any) -> None:
    """The receiver lives on 127.0.0.1: allowed here, refused by default."""
    settings.WEBHOOK_ALLOW_PRIVATE = True


@pytest.fixture
def webhook_rows_cleanup(tenant_rows_cleanup: Any) -> Iterator[None]:
    """Worker tests commit: their webhooks (and with them the deliveries) go afterwards."""
    yield
    for slug in ("alpha", "beta"):
        with in_schema(ensure_test_tenant(slug)):
            WebhookSubscription.objects.all().delete()


@pytest.fixture
def webhook_worker(
    worker_tenant: Any,
    webhook_rows_cleanup: None,
    settings: Any,
) -> Any:
    """The alpha tenant with the real worker; retries come at once. The backoff itself is
    tested in test_transport.py: on this embedded worker, after tests/notifications had run,
    a retry with a delay (an ETA task) was seen not to run within a minute."""
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    return worker_tenant


def wait_until(condition: Callable[[], Any], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())
