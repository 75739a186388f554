"""The webhook backlog for the metrics: deliveries not made yet (waiting, retrying or being
sent) over all tenants."""

from __future__ import annotations

from agencydesk.core.backlogs import rows_count_in_all_tenants
from agencydesk.integrations.models import DeliveryStatus, WebhookDelivery


def webhook_backlog_count() -> int:
    return rows_count_in_all_tenants(
        table=WebhookDelivery._meta.db_table,
        where="status IN (%s, %s)",
        params=[DeliveryStatus.PENDING, DeliveryStatus.SENDING],
    )
