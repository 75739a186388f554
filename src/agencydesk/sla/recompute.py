"""Due times of open tickets after their SLA policy changed (run in the background)."""

from __future__ import annotations

from django.db.models import Q

from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow import ticket_sla_recompute

RECOMPUTE_BATCH_SIZE = 200


def open_tickets_of_policy_recompute(*, policy_id: int, after_id: int = 0) -> tuple[int, int]:
    """Recompute up to ``RECOMPUTE_BATCH_SIZE`` open tickets (by id, after ``after_id``) whose
    type uses the policy, or has no policy while this one is the default.
    Returns (last ticket id seen, tickets in the batch)."""
    policy = SlaPolicy.objects.filter(pk=policy_id).first()
    uses = Q(ticket_type__sla_policy_id=policy_id)
    if policy is not None and policy.is_default:
        uses |= Q(ticket_type__sla_policy__isnull=True)
    batch = list(
        Ticket.objects.filter(uses, pk__gt=after_id)
        .exclude(status=Status.CLOSED)
        .select_related("ticket_type__sla_policy")
        .order_by("pk")[:RECOMPUTE_BATCH_SIZE]
    )
    for ticket in batch:
        ticket_sla_recompute(ticket=ticket)
    return (batch[-1].pk if batch else after_id), len(batch)
