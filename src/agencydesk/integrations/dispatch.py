"""Hand deliveries to the worker once the transaction that wrote them has committed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from uuid import UUID

from django.db import transaction

from agencydesk.integrations.tasks import webhook_deliver

logger = logging.getLogger(__name__)


def deliveries_dispatch_on_commit(delivery_ids: Sequence[UUID]) -> None:
    if delivery_ids:
        ids = [str(delivery_id) for delivery_id in delivery_ids]
        transaction.on_commit(lambda: _dispatch(ids))


def _dispatch(delivery_ids: list[str]) -> None:
    for position, delivery_id in enumerate(delivery_ids):
        try:
            # No publish retries: a broker outage must not hold up the request; the rows are
            # committed and the periodic sweeper sends them later.
            webhook_deliver.apply_async((delivery_id,), retry=False)
        except Exception:
            logger.exception(
                "Broker unreachable; webhook deliveries %s wait for the sweeper",
                delivery_ids[position:],
            )
            return
