"""The email outbox backlog for the metrics: messages not sent yet (waiting or being sent)
over all tenants."""

from __future__ import annotations

from agencydesk.core.backlogs import rows_count_in_all_tenants
from agencydesk.notifications.models import MessageStatus, OutboundMessage


def outbox_backlog_count() -> int:
    return rows_count_in_all_tenants(
        table=OutboundMessage._meta.db_table,
        where="status IN (%s, %s)",
        params=[MessageStatus.PENDING, MessageStatus.SENDING],
    )
