"""The periodic SLA check: warn before a target and tell when it was missed, once each.

For every open ticket of the current tenant whose warning time (``*_warn_at``) or due time
has passed, one ``SlaNotice`` row per ticket, target and level is written, and the
``sla_warning`` / ``sla_breached`` ticket event is published in the same transaction; the
email subscriber (notifications) writes its outbox rows there too, and in-app subscribers
consume the same events. The unique constraint makes a second, concurrent check wait and
then send nothing. A met first response, a stopped resolution clock (waiting, solved) and
closed or trashed tickets are left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from agencydesk.sla.models import NoticeLevel, SlaNotice, SlaTarget
from agencydesk.tickets.events import EventKind, publish
from agencydesk.tickets.models import OPEN_STATUSES, Status, Ticket

# Statuses whose resolution clock runs (waiting and solved stop it).
RUNNING_STATUSES = (Status.NEW, Status.IN_PROGRESS)
BATCH_SIZE = 200


@dataclass(frozen=True)
class _Check:
    target: str
    level: str
    moment_field: str  # when the notice is due
    due_field: str  # the target's due time (named in the notice)
    open_condition: Q


CHECKS = (
    _Check(
        SlaTarget.FIRST_RESPONSE,
        NoticeLevel.WARNING,
        "first_response_warn_at",
        "first_response_due_at",
        Q(status__in=OPEN_STATUSES, first_response_at__isnull=True),
    ),
    _Check(
        SlaTarget.FIRST_RESPONSE,
        NoticeLevel.BREACHED,
        "first_response_due_at",
        "first_response_due_at",
        Q(status__in=OPEN_STATUSES, first_response_at__isnull=True),
    ),
    _Check(
        SlaTarget.RESOLUTION,
        NoticeLevel.WARNING,
        "resolution_warn_at",
        "resolution_due_at",
        Q(status__in=RUNNING_STATUSES),
    ),
    _Check(
        SlaTarget.RESOLUTION,
        NoticeLevel.BREACHED,
        "resolution_due_at",
        "resolution_due_at",
        Q(status__in=RUNNING_STATUSES),
    ),
)
EVENT_OF_LEVEL: dict[str, str] = {
    NoticeLevel.WARNING: EventKind.SLA_WARNING,
    NoticeLevel.BREACHED: EventKind.SLA_BREACHED,
}


def _due(check: _Check, now: dt.datetime) -> QuerySet[Ticket]:
    sent = SlaNotice.objects.filter(ticket=OuterRef("pk"), target=check.target, level=check.level)
    return (
        Ticket.objects.filter(check.open_condition, **{f"{check.moment_field}__lte": now})
        .exclude(Exists(sent))
        .order_by("pk")
    )


def _pending(now: dt.datetime) -> Iterator[tuple[_Check, int, dt.datetime]]:
    for check in CHECKS:
        # Breaches of a target come after its warning; a ticket past both gets both.
        rows = _due(check, now).values_list("pk", check.due_field)[:BATCH_SIZE]
        for ticket_id, due_at in rows:
            yield check, ticket_id, due_at


def _notice_send(check: _Check, ticket_id: int, due_at: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            SlaNotice.objects.create(
                ticket_id=ticket_id, target=check.target, level=check.level, due_at=due_at
            )
            publish(
                EVENT_OF_LEVEL[check.level],
                ticket_id=ticket_id,
                actor_id=None,
                changes={"target": check.target, "due_at": due_at.isoformat()},
            )
    except IntegrityError:
        return False  # a concurrent check sent it first
    return True


def sla_notices_send(*, now: dt.datetime) -> int:
    """Send every warning and breach notice due at ``now``; returns how many were sent.

    Each notice commits on its own, so a failure later in the run never resends earlier
    ones. At most ``BATCH_SIZE`` tickets per kind of notice per run; the next run continues.
    """
    return sum(_notice_send(*pending) for pending in list(_pending(now)))
