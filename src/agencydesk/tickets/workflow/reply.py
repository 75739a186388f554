"""Staff's one-step reply: send a public reply and set the status in the same action."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.tickets.models import Comment, Source, Status, Ticket
from agencydesk.tickets.workflow._base import require_staff
from agencydesk.tickets.workflow.change import ticket_change
from agencydesk.tickets.workflow.conversation import comment_add, removes_files_on_error

# "Send and mark solved" / "Send and mark waiting" (waiting: the answer asks the customer).
STATUSES_AFTER_REPLY = frozenset({Status.SOLVED, Status.WAITING})


@removes_files_on_error
@transaction.atomic
def reply_and_set_status(
    *,
    actor: User,
    ticket: Ticket,
    body: str,
    status: str,
    attachments: Sequence[UploadedFile] = (),
    source: str = Source.STAFF,
) -> Comment:
    """A public reply, then ``status`` (solved or waiting): both or neither."""
    require_staff(actor)
    if status not in STATUSES_AFTER_REPLY:
        raise ValidationError(
            {"status": [_("After a reply a ticket can be marked solved or waiting.")]}
        )
    comment = comment_add(
        actor=actor, ticket=ticket, body=body, source=source, attachments=attachments
    )
    if ticket.status != status:
        ticket_change(actor=actor, ticket=ticket, status=status)
    return comment
