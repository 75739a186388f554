"""Real delivery for notification tests: an SMTP server on loopback (aiosmtpd) and a Celery
worker thread consuming a queue of its own on the real Redis.

Worker tests are transactional (the worker has its own database connection), so
``tenant_rows_cleanup`` deletes what they wrote in the tenant schema afterwards.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from typing import Any, TypeVar

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from agencydesk.accounts.models import Team, User
from agencydesk.config.celery import app as celery_app
from agencydesk.customers.models import Customer, CustomerUser, Site
from agencydesk.notifications.models import InboundMessage, MailSettings, OutboundMessage
from agencydesk.tickets.models import Ticket, TicketType
from tests.conftest import ensure_test_tenant, in_schema

TEST_REDIS_URL = "redis://127.0.0.1:6379/11"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            raw = envelope.original_content or envelope.content
            message = email.message_from_bytes(raw, policy=email.policy.default)
            message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def wait_for(self, count: int, *, timeout: float = 20.0, settle: float = 0.5) -> list[Message]:
        """At least ``count`` messages (then a short pause, so extra ones would show up)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(settle)
        return list(self.messages)

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in m["X-Envelope-To"]]


InboxT = TypeVar("InboxT", bound=Inbox)


@contextmanager
def smtp_server_running(inbox: InboxT) -> Iterator[tuple[InboxT, int]]:
    """An SMTP server on a free loopback port delivering to ``inbox``: (inbox, port)."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with smtp_server_running(Inbox()) as server:
        yield server


@pytest.fixture
def inbox(smtp_server: tuple[Inbox, int], settings: Any) -> Inbox:
    """Django sends through the test SMTP server; the inbox starts empty."""
    received, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    received.clear()
    return received


def _close_worker_connections(**kwargs: Any) -> None:
    # The embedded worker thread skips Celery's Django worker fixup; without this its
    # connection would keep the test database open. A task applied eagerly by a test runs
    # in the main thread, on the test's own connection: that one stays open.
    if threading.current_thread() is threading.main_thread():
        return
    connections.close_all()


@pytest.fixture(scope="session")
def celery_worker(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """A real worker on Redis, on a queue unique to this test session."""
    queue = f"agencydesk-test-{uuid.uuid4().hex[:12]}"
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_default_queue")}
    celery_app.conf.update(
        broker_url=TEST_REDIS_URL,
        broker_write_url=None,
        task_default_queue=queue,
        task_always_eager=False,
        broker_connection_retry_on_startup=True,
    )
    reset_producers()
    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with (
            django_db_blocker.unblock(),
            start_worker(
                celery_app,
                pool="solo",
                perform_ping_check=False,
                queues=[queue],
                loglevel="WARNING",
                # A task still retrying at the end of the run gets time to finish.
                shutdown_timeout=60,
            ) as worker,
        ):
            yield worker
    finally:
        task_postrun.disconnect(_close_worker_connections)
        celery_app.conf.update(saved)  # later tests send where the settings say again
        reset_producers()


def reset_producers() -> None:
    """Drop cached broker connections so a changed broker URL is used for the next send."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def set_write_broker(url: str | None) -> None:
    celery_app.conf.broker_write_url = url
    reset_producers()


CLEANED_MODELS: tuple[type, ...] = (
    InboundMessage,
    OutboundMessage,
    MailSettings,
    Ticket,
    TicketType,
    CustomerUser,
    Site,
    Customer,
    Team,
    User,
)


@pytest.fixture
def tenant_rows_cleanup(transactional_db: None) -> Iterator[Callable[[], None]]:
    """Remember the highest ids in both test tenants; delete newer rows afterwards."""
    tenants = [ensure_test_tenant("alpha"), ensure_test_tenant("beta")]
    marks: dict[str, dict[type, int]] = {}
    for tenant in tenants:
        with in_schema(tenant):
            marks[tenant.schema_name] = {
                model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
                for model in CLEANED_MODELS
            }
    yield lambda: None
    for tenant in [ensure_test_tenant("alpha"), ensure_test_tenant("beta")]:
        with in_schema(tenant):
            for model, mark in marks[tenant.schema_name].items():
                model.objects.filter(pk__gt=mark).delete()


@pytest.fixture
def worker_tenant(celery_worker: Any, tenant_rows_cleanup: Any, inbox: Inbox) -> Iterator[Any]:
    """The alpha tenant, for a transactional test with the real worker and SMTP server."""
    from django.db import connection

    alpha = ensure_test_tenant("alpha")
    connection.set_tenant(alpha)
    yield alpha
    connection.set_schema_to_public()
