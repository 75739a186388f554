"""Periodic SLA jobs: thin tasks in the tenant's schema."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from agencydesk.core.tasks import tenants_fan_out
from agencydesk.sla.notices import sla_notices_send
from agencydesk.sla.recompute import RECOMPUTE_BATCH_SIZE, open_tickets_of_policy_recompute


@shared_task
def sla_check() -> int:
    """Send the SLA warnings and breach notices due now in the current tenant."""
    return sla_notices_send(now=timezone.now())


@shared_task
def sla_check_all_tenants(jitter_seconds: float = 30.0) -> int:
    return tenants_fan_out(sla_check, jitter_seconds)


@shared_task
def sla_policy_recompute(policy_id: int, after_id: int = 0) -> int:
    """Recompute the due times of one batch of open tickets under the policy, then queue
    the next batch (one batch per task, so a large tenant never holds a worker long)."""
    last_id, count = open_tickets_of_policy_recompute(policy_id=policy_id, after_id=after_id)
    if count == RECOMPUTE_BATCH_SIZE:
        sla_policy_recompute.delay(policy_id, last_id)
    return count
