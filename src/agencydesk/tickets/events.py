"""Domain events of tickets: the one module through which the workflow announces changes.

``publish`` runs every subscriber synchronously, inside the caller's transaction, so a
subscriber can write rows that commit or roll back with the change (e.g. an email outbox);
anything that talks to the outside world (a Celery broker, SMTP) must be deferred by the
subscriber with ``transaction.on_commit``. Subscribers register in their AppConfig.ready().
The registry holds functions only, never tenant data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from agencydesk.accounts.models import User
from agencydesk.tickets.models import Ticket


class EventKind:
    TICKET_CREATED = "ticket_created"
    TICKET_TRIAGED = "ticket_triaged"
    TICKET_ASSIGNED = "ticket_assigned"  # changes: {"assignee": [old_id, new_id]}
    TICKET_UPDATED = "ticket_updated"  # any other field change; changes: {field: [old, new]}
    STATUS_CHANGED = "status_changed"  # changes: {"status": [old, new]}
    TICKET_PUBLISHED = "ticket_published"
    COMMENT_ADDED = "comment_added"  # comment_id set; public reply or internal note
    COMMENT_EDITED = "comment_edited"
    ATTACHMENT_ADDED = "attachment_added"
    # The trash and merging (tickets.workflow.trash / .merge); changes carry the reference.
    TICKET_TRASHED = "ticket_trashed"
    TICKET_RESTORED = "ticket_restored"
    TICKET_PURGED = "ticket_purged"  # published just before the row is deleted
    TICKET_MERGED = "ticket_merged"  # changes: {"merged_into": [None, target number]}
    # The periodic SLA check (sla.notices), once per ticket and target; actor None;
    # changes: {"target": "first_response"|"resolution", "due_at": ISO time}.
    SLA_WARNING = "sla_warning"
    SLA_BREACHED = "sla_breached"


@dataclass(frozen=True)
class TicketEvent:
    kind: str
    ticket_id: int
    actor_id: int | None
    schema_name: str = ""
    comment_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    # The publisher's own instances, when it holds them as they are now (a ticket it just
    # created): subscribers use them instead of reading the rows again. Not part of the
    # event's value.
    ticket: Ticket | None = field(default=None, compare=False, repr=False)
    actor: User | None = field(default=None, compare=False, repr=False)


Subscriber = Callable[[TicketEvent], None]
_subscribers: list[Subscriber] = []
# Per thread / context, never process-wide: one request muting cannot silence another.
_muted: ContextVar[bool] = ContextVar("ticket_events_muted", default=False)


@contextmanager
def events_muted() -> Iterator[None]:
    """Within it, events reach no subscriber (no mail, no webhook). For history that is
    replayed, not happening: the demo's back-dated tickets must not notify anyone about
    months-old changes. The workflow's own writes (activity, SLA times) are unaffected."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def subscribe(subscriber: Subscriber) -> Subscriber:
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)
    return subscriber


def publish(
    kind: str,
    *,
    ticket_id: int,
    actor_id: int | None,
    comment_id: int | None = None,
    changes: dict[str, Any] | None = None,
    ticket: Ticket | None = None,
    actor: User | None = None,
) -> TicketEvent:
    event = TicketEvent(
        kind=kind,
        ticket_id=ticket_id,
        actor_id=actor_id,
        schema_name=getattr(connection, "schema_name", ""),
        comment_id=comment_id,
        changes=changes or {},
        ticket=ticket,
        actor=actor,
    )
    if not _muted.get():
        for subscriber in list(_subscribers):
            subscriber(event)
    return event


def event_ticket(event: TicketEvent, rows: QuerySet[Ticket]) -> Ticket | None:
    """The event's ticket: the publisher's instance when it passed one, else read from
    ``rows`` (the subscriber's joins and manager; None if it is not there)."""
    if event.ticket is not None:
        return event.ticket
    return rows.filter(pk=event.ticket_id).first()


def event_actor(event: TicketEvent) -> User | None:
    """Who acted: the publisher's instance when it passed one, else read by id."""
    if event.actor_id is None:
        return None
    if event.actor is not None:
        return event.actor
    return User.objects.filter(pk=event.actor_id).first()


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber in _subscribers:
        _subscribers.remove(subscriber)
