"""The outbox claim: a message is taken (``sending``) before it goes to the SMTP server, so a
redelivered task never sends it again, and a claim left by a dead worker is released by the
requeue after the claim timeout. Every message keeps one Message-ID, set when it is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from agencydesk.notifications.models import MessageStatus, OutboundMessage
from agencydesk.notifications.outbox import (
    message_create,
    message_send,
    outbox_stale_claims_release,
)
from agencydesk.notifications.rendering import Rendered
from agencydesk.notifications.tasks import outbox_requeue

pytestmark = pytest.mark.django_db


def queued_message(number: int = 1) -> OutboundMessage:
    return message_create(
        kind="test",
        audience="staff",
        to_email=f"agent{number}@example.com",
        language="en",
        rendered=Rendered(subject=f"Message {number}", text="text", html="<p>html</p>"),
        reply_to="",
        headers={},
    )


def claim_as_a_dead_worker(message: OutboundMessage, *, seconds_ago: int) -> None:
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING,
        claimed_at=timezone.now() - timedelta(seconds=seconds_ago),
        attempts=1,
    )


def test_given_a_message_when_written_then_its_message_id_is_set_once_from_its_key(tenant):
    message = queued_message()
    message_id = message.headers["Message-ID"]

    message.refresh_from_db()

    assert message_id == message.headers["Message-ID"]
    assert message_id.startswith(f"<{message.idempotency_key}@")


def test_given_a_message_when_sent_then_the_mail_carries_its_message_id(tenant, inbox):
    message = queued_message()

    message_send(message_id=message.pk)

    mails = inbox.wait_for(1, settle=0.1)
    assert [mail["Message-ID"] for mail in mails] == [message.headers["Message-ID"]]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.claimed_at) == (MessageStatus.SENT, 1, None)


def test_given_a_message_claimed_by_a_working_worker_when_delivered_again_then_it_is_not_sent(
    tenant, inbox
):
    message = queued_message()
    claim_as_a_dead_worker(message, seconds_ago=0)  # as if another worker were sending it now

    returned = message_send(message_id=message.pk)

    assert returned is not None and returned.status == MessageStatus.SENDING
    assert inbox.wait_for(1, timeout=0.3, settle=0) == []


def test_given_a_fresh_claim_when_the_requeue_runs_then_the_claim_stays(tenant, settings):
    settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS = 300
    message = queued_message()
    claim_as_a_dead_worker(message, seconds_ago=10)

    released = outbox_stale_claims_release(older_than_seconds=300)

    message.refresh_from_db()
    assert (released, message.status) == (0, MessageStatus.SENDING)


def test_given_a_stale_claim_when_released_then_the_message_is_sent_once_more_with_its_id(
    tenant, inbox
):
    message = queued_message()
    claim_as_a_dead_worker(message, seconds_ago=301)

    released = outbox_stale_claims_release(older_than_seconds=300)
    message_send(message_id=message.pk)

    mails = inbox.wait_for(1, settle=0.1)
    message.refresh_from_db()
    assert released == 1
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)
    assert [mail["Message-ID"] for mail in mails] == [message.headers["Message-ID"]]


def test_given_a_stale_claim_without_attempts_left_when_released_then_it_is_failed(
    tenant, settings
):
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    message = queued_message()
    claim_as_a_dead_worker(message, seconds_ago=301)

    outbox_stale_claims_release(older_than_seconds=300)

    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "WorkerLost" in message.last_error


def test_given_a_stale_claim_when_the_periodic_requeue_runs_then_it_is_pending_again(
    tenant, settings
):
    settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS = 60
    settings.NOTIFICATION_REQUEUE_AFTER_SECONDS = 3600  # so nothing is dispatched from here
    message = queued_message()
    claim_as_a_dead_worker(message, seconds_ago=61)

    outbox_requeue.apply()

    message.refresh_from_db()
    assert (message.status, message.claimed_at) == (MessageStatus.PENDING, None)
