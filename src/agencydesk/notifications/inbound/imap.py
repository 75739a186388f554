"""Polling the tenant's IMAP mailbox: every unseen message goes through ``email_ingest``."""

from __future__ import annotations

import imaplib
import logging

from agencydesk.notifications.addresses import mail_settings
from agencydesk.notifications.inbound.ingest import email_ingest
from agencydesk.notifications.models import MailSettings

logger = logging.getLogger(__name__)


def _connect(config: MailSettings) -> imaplib.IMAP4:
    client_class = imaplib.IMAP4_SSL if config.imap_use_ssl else imaplib.IMAP4
    client = client_class(config.imap_host, config.imap_port, timeout=30)
    client.login(config.imap_user, config.imap_password or "")
    return client


def imap_poll(*, limit: int = 50) -> int:
    """Ingest up to ``limit`` unseen messages; returns how many were processed. A message is
    marked seen only after it was ingested, so a failure leaves it for the next poll."""
    config = mail_settings()
    if not (config.imap_enabled and config.imap_host):
        return 0
    client = _connect(config)
    processed = 0
    try:
        client.select(config.imap_folder)
        _status, data = client.uid("SEARCH", "UNSEEN")
        for uid in (data[0] or b"").decode().split()[:limit]:
            _status, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), None)
            if not isinstance(raw, bytes):
                continue
            try:
                email_ingest(raw=raw)
            except Exception:
                logger.exception("Inbound IMAP message %s could not be ingested", uid)
                continue
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            processed += 1
    finally:
        client.logout()
    return processed
