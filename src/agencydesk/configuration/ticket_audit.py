"""Audit entries for the trash: deleting, restoring and purging tickets are admin actions, and
a purge must leave a trace after the ticket (and its activity) is gone.

Subscribed to ticket events in ``ConfigurationConfig.ready``; runs inside the workflow's
transaction, so the entry commits or rolls back with the change.
"""

from __future__ import annotations

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_record
from agencydesk.configuration.models import AuditAction
from agencydesk.tickets.events import EventKind, TicketEvent
from agencydesk.tickets.models import Ticket

TRASH_ACTIONS = {
    EventKind.TICKET_TRASHED: AuditAction.TRASHED,
    EventKind.TICKET_RESTORED: AuditAction.RESTORED,
    EventKind.TICKET_PURGED: AuditAction.PURGED,  # published while the row still exists
}


def on_ticket_trash_event(event: TicketEvent) -> None:
    action = TRASH_ACTIONS.get(event.kind)
    if action is None:
        return
    reference = next(value for value in event.changes["reference"] if value)
    title = (
        Ticket.with_trashed.filter(pk=event.ticket_id).values_list("title", flat=True).first() or ""
    )
    actor = User.objects.filter(pk=event.actor_id).first() if event.actor_id else None
    audit_record(
        actor=actor,
        action=action,
        target=None,
        object_type="ticket",
        object_id=str(event.ticket_id),
        object_repr=f"{reference} {title}".strip(),
    )
