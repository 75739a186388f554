"""Addresses, links and reply tokens of one tenant's email.

A reply token names a ticket and carries a signature over the tenant's schema and the ticket
number, so a guessed or copied address of another tenant's ticket is refused.
"""

from __future__ import annotations

import re
from email.utils import formataddr

from django.conf import settings
from django.db import connection
from django.utils.crypto import constant_time_compare, salted_hmac

from agencydesk.core.public_urls import public_origin
from agencydesk.notifications.models import MailSettings
from tenants.current import current_tenant

_SALT = "agencydesk.notifications.reply-token"
TOKEN_PATTERN = re.compile(r"\bt(\d{1,18})-([0-9a-f]{12})\b", re.IGNORECASE)


def _schema_name() -> str:
    return str(getattr(connection, "schema_name", ""))


def _signature(number: int) -> str:
    value = f"{_schema_name()}:{number}"
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:12]


def reply_token(number: int) -> str:
    return f"t{number}-{_signature(number)}"


def ticket_number_from_text(text: str) -> int | None:
    """The ticket number of the first valid token in ``text`` (an address, a header)."""
    for match in TOKEN_PATTERN.finditer(text or ""):
        number = int(match.group(1))
        if constant_time_compare(match.group(2).lower(), _signature(number)):
            return number
    return None


def mail_settings() -> MailSettings:
    found = MailSettings.objects.first()
    return found if found is not None else MailSettings()


def inbound_local_part() -> str:
    return mail_settings().inbound_local_part or current_tenant().slug


def inbound_address(*, ticket_number: int | None = None) -> str:
    local = inbound_local_part()
    if ticket_number is not None:
        local = f"{local}+{reply_token(ticket_number)}"
    return f"{local}@{settings.INBOUND_EMAIL_DOMAIN}"


def sender_address() -> str:
    """The agency's sender name (else its name) over the platform's sending address."""
    tenant = current_tenant()
    return formataddr((tenant.email_sender_name or tenant.name, settings.DEFAULT_FROM_EMAIL))


def thread_id(ticket_number: int) -> str:
    """A stable Message-ID-like reference: mail clients thread on it, ingestion matches it."""
    return f"<{reply_token(ticket_number)}@{settings.INBOUND_EMAIL_DOMAIN}>"


def absolute_url(path: str) -> str:
    return public_origin(current_tenant().get_primary_domain().domain) + path
