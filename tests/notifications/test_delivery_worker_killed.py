"""A worker killed with SIGKILL in the middle of sending: a real ``celery worker`` process on the
real Redis, against the real SMTP test server. Every message still arrives; at most the one
in flight arrives twice, and then under the same Message-ID."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from agencydesk.config.celery import app as celery_app
from agencydesk.devtools.devserver import celery_worker
from agencydesk.notifications.models import MessageStatus, OutboundMessage
from agencydesk.notifications.outbox import message_create
from agencydesk.notifications.rendering import Rendered
from agencydesk.notifications.tasks import message_deliver, outbox_requeue
from tests.conftest import ensure_test_tenant
from tests.worker_fixtures import (
    TEST_REDIS_URL,
    Inbox,
    reset_producers,
    smtp_server_running,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

PROJECT_DIR = Path(__file__).resolve().parents[2]
MESSAGES = 8
# The server records a message, then waits this long before its "250": the worker is then
# in the middle of sending it.
REPLY_DELAY_SECONDS = 0.4


class SlowInbox(Inbox):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(REPLY_DELAY_SECONDS)
        return answer


@pytest.fixture
def slow_smtp() -> Iterator[tuple[SlowInbox, int]]:
    with smtp_server_running(SlowInbox()) as server:
        yield server


@pytest.fixture
def worker_queue() -> Iterator[str]:
    """This process sends to a queue of its own on the test Redis."""
    queue = f"agencydesk-kill-{uuid.uuid4().hex[:12]}"
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_default_queue")}
    celery_app.conf.update(broker_url=TEST_REDIS_URL, task_default_queue=queue)
    reset_producers()
    try:
        yield queue
    finally:
        celery_app.conf.update(saved)
        reset_producers()


@pytest.fixture
def start_worker(
    worker_queue: str, slow_smtp: tuple[SlowInbox, int], tmp_path: Path
) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Start ``celery worker`` processes on the test database, Redis and SMTP server."""
    _inbox, smtp_port = slow_smtp
    database = connection.settings_dict["NAME"]
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_TASK_ALWAYS_EAGER", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"{base_url.rsplit('/', 1)[0]}/{database}",
        DJANGO_SETTINGS_MODULE="agencydesk.config.settings",
        AGENCYDESK_DEV="1",
        AGENCYDESK_DATA_DIR=str(tmp_path / "data"),
        REDIS_URL=TEST_REDIS_URL,
        CELERY_QUEUE=worker_queue,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        PYTHONPATH=os.pathsep.join([str(PROJECT_DIR), env.get("PYTHONPATH", "")]),
    )
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        command = celery_worker(
            "--pool=solo", "--without-mingle", "--without-gossip", "--loglevel=WARNING"
        )
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)  # noqa: S603
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_given_queued_mail_when_the_worker_is_killed_mid_send_then_all_arrive_at_most_one_twice(
    tenant_rows_cleanup: Any,
    slow_smtp: tuple[SlowInbox, int],
    start_worker: Callable[[], subprocess.Popen[bytes]],
    settings: Any,
) -> None:
    inbox, _port = slow_smtp
    alpha = ensure_test_tenant("alpha")
    connection.set_tenant(alpha)
    try:
        messages = [
            message_create(
                kind="test",
                audience="staff",
                to_email=f"agent{number}@example.com",
                language="en",
                rendered=Rendered(subject=f"Message {number}", text="text", html="<p>html</p>"),
                reply_to="",
                headers={},
            )
            for number in range(MESSAGES)
        ]
        for message in messages:
            message_deliver.apply_async((message.pk,))
        first = start_worker()

        assert wait_until(lambda: len(inbox.messages) >= 3, timeout=90), "worker sent nothing"
        os.kill(first.pid, signal.SIGKILL)  # the third message waits for its "250" now
        first.wait(timeout=10)
        in_flight = OutboundMessage.objects.filter(status=MessageStatus.SENDING)
        assert in_flight.count() == 1  # claimed before sending, so it is not sent again blindly

        start_worker()
        assert wait_until(
            lambda: (
                OutboundMessage.objects.filter(status=MessageStatus.SENT).count() == MESSAGES - 1
            ),
            timeout=90,
        )
        # The periodic requeue: the claim of the dead worker is older than the timeout.
        settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS = 1
        time.sleep(1.1)
        outbox_requeue.apply(kwargs={"older_than_seconds": 0})
        assert wait_until(
            lambda: OutboundMessage.objects.filter(status=MessageStatus.SENT).count() == MESSAGES,
            timeout=60,
        )
        received = inbox.wait_for(MESSAGES + 2, timeout=2)
    finally:
        connection.set_schema_to_public()

    per_id = Counter((mail["Message-ID"], mail["Subject"]) for mail in received)
    expected = {(message.headers["Message-ID"], message.subject) for message in messages}
    assert set(per_id) == expected  # every message arrived, each under its own Message-ID
    assert sum(count - 1 for count in per_id.values()) <= 1  # at most one duplicate
