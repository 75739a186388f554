"""Settings of the features' background work: the email outbox, webhooks, the trash, links
for contractors and the periodic jobs (Celery beat). Star-imported by ``settings``."""

from __future__ import annotations

import os

from agencydesk.config.env import env_bool

NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATION_MAX_ATTEMPTS", "6"))
NOTIFICATION_RETRY_BASE_SECONDS = int(os.environ.get("NOTIFICATION_RETRY_BASE_SECONDS", "30"))
# Unsent outbox rows older than this are queued again by the periodic job (lost broker sends).
NOTIFICATION_REQUEUE_AFTER_SECONDS = int(
    os.environ.get("NOTIFICATION_REQUEUE_AFTER_SECONDS", "120")
)
# A message claimed for sending longer ago than this is taken to be lost with its worker
# (killed mid-send) and sent again: well above the SMTP timeout of one send.
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = int(
    os.environ.get("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", "300")
)
# The bell in the top bar asks for its unread count this often (htmx polling; WSGI-friendly).
NOTIFICATION_POLL_SECONDS = int(os.environ.get("NOTIFICATION_POLL_SECONDS", "20"))
# Tickets in the trash are purged (rows and files) this many days after they were moved there.
TRASH_RETENTION_DAYS = int(os.environ.get("TRASH_RETENTION_DAYS", "30"))
# --- Webhooks (integrations) ----------------------------------------------------------------
# Destinations resolving to private, loopback, link-local … addresses are refused unless set.
WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE", default=False)
WEBHOOK_CONNECT_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_CONNECT_TIMEOUT_SECONDS", "5"))
WEBHOOK_READ_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_READ_TIMEOUT_SECONDS", "10"))
# Attempts of one delivery: 30 s * 2^n between them (with jitter) spans about an hour for 8.
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "8"))
WEBHOOK_RETRY_BASE_SECONDS = float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "30"))
# Deliveries in a row that failed after every attempt before the subscription is switched off.
WEBHOOK_DISABLE_AFTER = int(os.environ.get("WEBHOOK_DISABLE_AFTER", "15"))
# A delivery claimed longer ago than this lost its worker and is sent again by the sweeper.
WEBHOOK_CLAIM_TIMEOUT_SECONDS = int(os.environ.get("WEBHOOK_CLAIM_TIMEOUT_SECONDS", "120"))
# Links mailed to contractors (site operations) open their one work order this long.
CONTRACTOR_LINK_MAX_AGE_DAYS = int(os.environ.get("CONTRACTOR_LINK_MAX_AGE_DAYS", "30"))
CELERY_BEAT_SCHEDULE = {
    "webhooks-requeue": {
        "task": "agencydesk.integrations.tasks.webhooks_requeue_all_tenants",
        "schedule": 60.0,
    },
    "notifications-requeue": {
        "task": "agencydesk.notifications.tasks.outbox_requeue_all_tenants",
        "schedule": 60.0,
    },
    "notifications-imap-poll": {
        "task": "agencydesk.notifications.tasks.imap_poll_all_tenants",
        "schedule": 60.0,
    },
    "sessions-clear": {
        "task": "agencydesk.core.tasks.sessions_clear_all_tenants",
        "schedule": 6 * 3600.0,
    },
    "tickets-trash-purge": {
        "task": "agencydesk.tickets.tasks.trash_purge_all_tenants",
        "schedule": 3600.0,
    },
    "api-idempotency-keys-purge": {
        "task": "agencydesk.api.tasks.idempotency_keys_purge_all_tenants",
        "schedule": 3600.0,
    },
    # SLA warnings and breach notices; minutes matter, so every minute (with jitter).
    "sla-check": {
        "task": "agencydesk.sla.tasks.sla_check_all_tenants",
        "schedule": 60.0,
    },
}
