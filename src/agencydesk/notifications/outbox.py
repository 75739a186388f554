"""Outbox services: write messages with the change, send them once, queue lost ones again."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agencydesk.accounts.models import User
from agencydesk.notifications.addresses import sender_address
from agencydesk.notifications.models import MessageStatus, OutboundMessage
from agencydesk.notifications.rendering import Rendered
from agencydesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

# The delivery task by its registered name: ``notifications.tasks`` calls these services,
# so the services send the task by name instead of importing the tasks module back.
MESSAGE_DELIVER_TASK = "agencydesk.notifications.tasks.message_deliver"


def message_build(
    *,
    kind: str,
    audience: str,
    to_email: str,
    language: str,
    rendered: Rendered,
    reply_to: str,
    headers: dict[str, str],
    ticket: Ticket | None = None,
    recipient: User | None = None,
) -> OutboundMessage:
    """One message for sending, not saved yet (``messages_bulk_create`` stores many at once)."""
    message = OutboundMessage(
        kind=kind,
        audience=audience,
        ticket=ticket,
        recipient=recipient,
        to_email=to_email,
        language=language,
        from_email=sender_address(),
        reply_to=reply_to,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
    )
    # Other mailers' automatic replies must not answer a notification (mail loops).
    message.headers = {
        "Message-ID": f"<{message.idempotency_key}@{settings.INBOUND_EMAIL_DOMAIN}>",
        "Auto-Submitted": "auto-generated",
        **headers,
    }
    return message


def message_create(**fields: Any) -> OutboundMessage:
    """Store one message for sending; the caller's transaction decides whether it exists."""
    message = message_build(**fields)
    message.save()
    return message


def messages_bulk_create(messages: Sequence[OutboundMessage]) -> list[int]:
    """Store built messages in one INSERT (a fan-out to many followers); returns their ids."""
    if not messages:
        return []
    return [message.pk for message in OutboundMessage.objects.bulk_create(messages)]


def messages_dispatch_on_commit(message_ids: Sequence[int]) -> None:
    """Hand the messages to the worker once the transaction has committed."""
    if message_ids:
        ids = list(message_ids)
        transaction.on_commit(lambda: _dispatch(ids))


def _dispatch(message_ids: list[int]) -> None:
    for position, message_id in enumerate(message_ids):
        try:
            # No publish retries: a broker outage must not hold up the request; the rows are
            # committed and the periodic requeue sends them later.
            current_app.tasks[MESSAGE_DELIVER_TASK].apply_async((message_id,), retry=False)
        except Exception:
            logger.exception(
                "Broker unreachable; outbound messages %s wait for the requeue",
                message_ids[position:],
            )
            return  # the next sends would only wait for the same outage


def retry_delay(attempts: int) -> int:
    """Exponential backoff: base, twice the base, four times … capped at one hour."""
    return int(min(settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600))


def message_send(*, message_id: int) -> OutboundMessage | None:
    """Send one message at most once per claim. Returns the message, None if unknown.

    The row is claimed (``pending`` → ``sending``) in a committed UPDATE before anything
    goes to the SMTP server, and marked ``sent`` after. A second, concurrent or redelivered
    task finds the claim and does nothing; a worker killed mid-send leaves only its one
    claimed message behind, which ``outbox_stale_claims_release`` puts back after
    ``NOTIFICATION_CLAIM_TIMEOUT_SECONDS`` (the one message that may then arrive twice,
    under the same Message-ID).
    """
    claimed, message = _message_claim(message_id)
    if not claimed or message is None:
        return message
    try:
        _email_for(message).send()
    except Exception as error:
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.claimed_at = None
        if message.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            message.status = MessageStatus.FAILED
            message.next_attempt_at = None
        else:
            message.status = MessageStatus.PENDING
            delay = retry_delay(message.attempts)
            message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        logger.warning("Sending outbound message %s failed: %s", message.pk, error)
    else:
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.claimed_at = None
        message.next_attempt_at = None
        message.last_error = ""
    # Only our own claim is finished: a claim released meanwhile (and taken by another
    # worker) stays theirs.
    OutboundMessage.objects.filter(
        pk=message.pk, status=MessageStatus.SENDING, attempts=message.attempts
    ).update(
        status=message.status,
        sent_at=message.sent_at,
        claimed_at=message.claimed_at,
        next_attempt_at=message.next_attempt_at,
        last_error=message.last_error,
    )
    return message


def _message_claim(message_id: int) -> tuple[bool, OutboundMessage | None]:
    """Take the message for sending, committed before the SMTP conversation starts.
    Returns whether this call claimed it, and the message (None if it does not exist)."""
    # One UPDATE is atomic on its own: of two workers racing for the row, one wins.
    claimed = OutboundMessage.objects.filter(pk=message_id, status=MessageStatus.PENDING).update(
        status=MessageStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    return bool(claimed), OutboundMessage.objects.filter(pk=message_id).first()


def outbox_stale_claims_release(*, older_than_seconds: int) -> int:
    """Claims of workers that died mid-send go back to ``pending`` (or ``failed`` when the
    attempts are used up), so the requeue sends them again."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    stale = OutboundMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lte=cutoff)
    lost = "WorkerLost: the worker stopped while sending; sent again"
    with transaction.atomic():
        failed = stale.filter(attempts__gte=settings.NOTIFICATION_MAX_ATTEMPTS).update(
            status=MessageStatus.FAILED, claimed_at=None, next_attempt_at=None, last_error=lost
        )
        released = stale.update(
            status=MessageStatus.PENDING, claimed_at=None, next_attempt_at=None, last_error=lost
        )
    if failed or released:
        logger.warning("Released %s stale outbox claims (%s failed)", released + failed, failed)
    return released + failed


def _email_for(message: OutboundMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email,
        to=[message.to_email],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=message.headers,
    )
    email.attach_alternative(message.body_html, "text/html")
    return email


def outbox_due_ids(*, older_than_seconds: int, limit: int = 500) -> list[int]:
    """Pending messages the worker should have sent by now: never dispatched (broker was
    down) or waiting for their next attempt."""
    now = timezone.now()
    due = OutboundMessage.objects.filter(
        status=MessageStatus.PENDING,
        created_at__lte=now - timedelta(seconds=older_than_seconds),
    ).exclude(next_attempt_at__gt=now)
    return list(due.order_by("created_at").values_list("pk", flat=True)[:limit])


def message_retry(*, message: OutboundMessage) -> OutboundMessage:
    """Give a failed message another round of attempts (staff action)."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message.pk)
        if message.status == MessageStatus.FAILED:
            message.status = MessageStatus.PENDING
            message.attempts = 0
            message.next_attempt_at = None
            message.save(update_fields=["status", "attempts", "next_attempt_at"])
            messages_dispatch_on_commit([message.pk])
    return message
