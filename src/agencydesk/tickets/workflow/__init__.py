"""The one way in for every change to a ticket (docs/architecture.md, "One way in").

Every action is atomic, validates its input (raising Django's ValidationError with field
errors), writes its Activity rows and publishes domain events through ``tickets.events``.
"""

from agencydesk.tickets.workflow._base import UNSET, ticket_number_next
from agencydesk.tickets.workflow.change import ticket_change, ticket_transfer, ticket_triage
from agencydesk.tickets.workflow.conversation import (
    attachment_remove,
    attachments_add,
    comment_add,
    comment_change,
    removes_files_on_error,
)
from agencydesk.tickets.workflow.create import ticket_create, ticket_follow
from agencydesk.tickets.workflow.gate import triage_gate_check
from agencydesk.tickets.workflow.merge import ticket_merge
from agencydesk.tickets.workflow.reply import STATUSES_AFTER_REPLY, reply_and_set_status
from agencydesk.tickets.workflow.sla import ticket_sla_recompute
from agencydesk.tickets.workflow.status import ALLOWED_TRANSITIONS
from agencydesk.tickets.workflow.trash import ticket_restore, ticket_trash, tickets_purge_expired

__all__ = [
    "ALLOWED_TRANSITIONS",
    "STATUSES_AFTER_REPLY",
    "UNSET",
    "attachment_remove",
    "attachments_add",
    "comment_add",
    "comment_change",
    "removes_files_on_error",
    "reply_and_set_status",
    "ticket_change",
    "ticket_create",
    "ticket_follow",
    "ticket_merge",
    "ticket_number_next",
    "ticket_restore",
    "ticket_sla_recompute",
    "ticket_transfer",
    "ticket_trash",
    "ticket_triage",
    "tickets_purge_expired",
    "triage_gate_check",
]
