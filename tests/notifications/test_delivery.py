"""Delivery guarantees with the real worker, Redis and SMTP server: right schema, exactly once,
nothing lost while the broker or the SMTP server is down, failures visible to staff."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from agencydesk.notifications.models import MessageStatus, OutboundMessage
from agencydesk.notifications.outbox import message_retry
from agencydesk.notifications.selectors import failed_messages
from agencydesk.notifications.tasks import (
    message_deliver,
    outbox_requeue,
    outbox_requeue_all_tenants,
)
from tests.conftest import ensure_test_tenant, in_schema
from tests.notifications.factories import build_scene
from tests.worker_fixtures import (
    free_port,
    set_write_broker,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def wait_until(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_given_a_ticket_in_the_second_tenant_when_mailed_then_the_worker_uses_its_schema(
    worker_tenant, inbox
):
    beta = ensure_test_tenant("beta")
    with in_schema(beta):
        scene = build_scene(manager_language="")
        scene.portal_ticket()

        mails = inbox.wait_for(3)
        sent = set(OutboundMessage.objects.values_list("status", flat=True))

    assert sent == {MessageStatus.SENT}
    to_manager = inbox.to(scene.manager.email)[0]
    # The manager has no language of their own: the tenant's (English) applies.
    assert "A new problem has been reported" in to_manager["Subject"]
    assert "Beta Property Management" in to_manager["From"]
    assert len(mails) == 3
    assert not OutboundMessage.objects.exists()  # nothing leaked into alpha's outbox


def test_given_the_broker_is_down_when_a_ticket_is_created_then_mail_goes_out_once_it_is_back(
    worker_tenant, inbox, settings
):
    settings.NOTIFICATION_REQUEUE_AFTER_SECONDS = 0
    scene = build_scene()
    set_write_broker(f"redis://127.0.0.1:{free_port()}/0")
    try:
        ticket = scene.portal_ticket()  # the request succeeds although the broker is down
    finally:
        set_write_broker(None)
    assert inbox.wait_for(1, timeout=1.5) == []
    assert OutboundMessage.objects.filter(ticket=ticket, status=MessageStatus.PENDING).count() == 3

    connection.set_schema_to_public()
    assert outbox_requeue_all_tenants.apply(kwargs={"jitter_seconds": 0}).get() >= 2
    connection.set_tenant(worker_tenant)

    mails = inbox.wait_for(3)
    assert len(mails) == 3
    assert outbox_requeue.apply(kwargs={"older_than_seconds": 0}).get() == 0
    assert len(inbox.wait_for(4, timeout=1.5)) == 3  # exactly once


def test_given_a_sent_message_when_delivered_again_then_it_is_not_sent_twice(worker_tenant, inbox):
    scene = build_scene()
    ticket = scene.portal_ticket()
    inbox.wait_for(3)
    message = OutboundMessage.objects.filter(ticket=ticket).first()

    message_deliver.delay(message.pk)
    message_deliver.delay(message.pk)

    assert len(inbox.wait_for(4, timeout=2)) == 3


def test_given_smtp_is_down_when_attempts_run_out_then_the_message_is_failed_and_listed(
    worker_tenant, inbox, settings
):
    settings.EMAIL_PORT, smtp_port = free_port(), settings.EMAIL_PORT
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 0
    scene = build_scene()
    scene.portal_ticket()

    assert wait_until(lambda: failed_messages().count() == 3)
    failed = failed_messages().first()
    assert failed.attempts == 2
    assert "Connection refused" in failed.last_error or "Errno" in failed.last_error

    settings.EMAIL_PORT = smtp_port
    message_retry(message=failed)

    mails = inbox.wait_for(1)
    assert [m["X-Envelope-To"] for m in mails] == [failed.to_email]
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT
