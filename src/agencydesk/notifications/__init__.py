"""Email notifications, in-app notifications (the bell) and inbound email.

In the app: ``inapp_rules.on_ticket_event_in_app`` (a second subscriber of the ticket
events) writes ``InAppNotification`` rows in the change's transaction through
``inapp.in_app_notify_many``; ``inapp.in_app_notify`` is the service other features call.
Both channels honour the users' ``preferences``. See docs/notifications.md.

Outbound: the workflow publishes ticket events; ``subscribers.on_ticket_event`` applies the
rules in ``recipients`` and writes one ``OutboundMessage`` per recipient (rendered once per
language, all rows in one INSERT, so the query count does not grow with the number of
recipients) inside the same transaction, then hands the ids to the Celery task
``tasks.message_deliver`` after commit. The task claims the row (``pending`` → ``sending``,
committed) before talking to the SMTP server, so a redelivered or concurrent task sends
nothing, and retries with backoff; ``tasks.outbox_requeue_all_tenants`` (periodic, from the
public schema) queues rows again that never reached the broker and releases claims older
than ``NOTIFICATION_CLAIM_TIMEOUT_SECONDS`` (a worker killed mid-send: that one message may
arrive twice, under its stable Message-ID). Failed rows: ``selectors.failed_messages``
(Configuration → Email) and ``selectors.failed_messages_for`` (the staff ticket page), both
with "send again".

Inbound: ``agencydesk ingest_email --tenant SLUG < message.eml`` or the periodic IMAP poll
(``MailSettings`` per tenant) feed ``inbound.ingest.email_ingest``: ``inbound.parsing`` reads
the message, ``inbound.trimming`` keeps the sender's new text (mail-parser-reply, de/en/fr),
``inbound.threading`` finds the ticket (token, then In-Reply-To/References, then the subject's
reference). Mail from unknown senders
is refused politely or, per ``MailSettings.unknown_senders``, becomes an intake ticket under
a catch-all customer with the sender's address as requester (no login is created).

Settings: INBOUND_EMAIL_DOMAIN, PUBLIC_URL_SCHEME, PUBLIC_URL_PORT, NOTIFICATION_MAX_ATTEMPTS,
NOTIFICATION_RETRY_BASE_SECONDS, NOTIFICATION_REQUEUE_AFTER_SECONDS,
NOTIFICATION_CLAIM_TIMEOUT_SECONDS (see config/settings.py);
the periodic jobs need a Celery beat (CELERY_BEAT_SCHEDULE).
"""
