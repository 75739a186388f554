"""Configuration emails. Sending stays in one function so it can move to the outbox."""

from __future__ import annotations

from email.utils import formataddr

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import translation

from agencydesk.accounts.models import User


def sender_address() -> str:
    tenant = getattr(connection, "tenant", None)
    sender_name = getattr(tenant, "email_sender_name", "") or getattr(tenant, "name", "")
    return (
        formataddr((sender_name, settings.DEFAULT_FROM_EMAIL))
        if sender_name
        else (settings.DEFAULT_FROM_EMAIL)
    )


def invitation_email_send(*, user: User, url: str) -> None:
    """Send the invitation with its one-time link, in the invitee's language."""
    tenant = getattr(connection, "tenant", None)
    language = user.language or getattr(tenant, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"user": user, "url": url, "tenant": tenant}
        subject = render_to_string("configuration/email/invitation_subject.txt", context)
        body = render_to_string("configuration/email/invitation_body.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=sender_address(),
        recipient_list=[user.email],
    )


def invitation_email_schedule(*, user: User, url: str) -> None:
    # Only a committed invitation may reach the invitee.
    transaction.on_commit(lambda: invitation_email_send(user=user, url=url))
