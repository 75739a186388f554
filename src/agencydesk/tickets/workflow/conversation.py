"""The conversation on a ticket: public replies, internal notes, edits, attachments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import body_clean
from agencydesk.tickets.attachments import CheckedUpload, upload_check
from agencydesk.tickets.events import EventKind, publish
from agencydesk.tickets.models import (
    ActivityVerb,
    Attachment,
    Comment,
    CommentRevision,
    Source,
    Status,
    Ticket,
    Visibility,
)
from agencydesk.tickets.search import ticket_search_vector_recompute
from agencydesk.tickets.thumbnails import attachment_files_delete
from agencydesk.tickets.workflow._base import activity_record, clean_choice, ticket_lock
from agencydesk.tickets.workflow.durations import RESPONSE_FIELDS, response_durations_set
from agencydesk.tickets.workflow.gate import triage_gate_check
from agencydesk.tickets.workflow.status import STATUS_FIELDS, is_reopen, status_apply

P = ParamSpec("P")
R = TypeVar("R")


# Files written during the current workflow call, so a failure can remove them again.
_written: ContextVar[list[Attachment] | None] = ContextVar("written_attachments", default=None)


def removes_files_on_error(action: Callable[P, R]) -> Callable[P, R]:
    """Delete the files an action wrote when it fails: their rows roll back with it, and
    storage is not transactional. (Put it outside ``transaction.atomic``.)"""

    @wraps(action)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        if _written.get() is not None:  # an outer action already keeps the list
            return action(*args, **kwargs)
        token = _written.set([])
        try:
            return action(*args, **kwargs)
        except BaseException:
            for attachment in _written.get() or []:
                attachment.file.delete(save=False)
            raise
        finally:
            _written.reset(token)

    return wrapped


CLOSED_NO_REPLIES = "closed_no_replies"
# A customer's public reply to a ticket in one of these statuses puts it back in progress.
BACK_IN_PROGRESS_ON_REPLY = frozenset({Status.WAITING, Status.SOLVED})


def _public_reply_check(ticket: Ticket) -> None:
    """A closed ticket takes no more replies (a follow-up ticket does), and a public reply on
    a ticket the customer cannot see would reach nobody."""
    if ticket.status == Status.CLOSED:
        message = _("This ticket is closed and takes no more replies; report a follow-up instead.")
        raise ValidationError({"status": [message]}, code=CLOSED_NO_REPLIES)
    if ticket.visibility == Visibility.UNPUBLISHED:
        raise ValidationError(
            {
                "internal": [
                    _(
                        "This ticket is not published, so nobody outside the agency would see a "
                        "reply; publish it first or write an internal note."
                    )
                ]
            }
        )


def _clean_body(body: str) -> str:
    return body_clean("body", body, required=True)


def attachment_store(
    *, actor: User | None, ticket: Ticket, checked: CheckedUpload, comment: Comment | None = None
) -> Attachment:
    """Write a checked upload to the tenant's storage and record it (no activity row)."""
    attachment = Attachment(
        ticket=ticket,
        comment=comment,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
    attachment.file.save(checked.name, checked.upload, save=False)
    written = _written.get()
    if written is not None:
        written.append(attachment)
    attachment.save()
    return attachment


@removes_files_on_error
@transaction.atomic
def comment_add(
    *,
    actor: User | None,
    ticket: Ticket,
    body: str,
    internal: bool = False,
    source: str = Source.STAFF,
    attachments: Sequence[UploadedFile] = (),
    author_email: str = "",
) -> Comment:
    """A public reply or an internal note. The first public staff reply sets
    ``first_response_at``; a customer's reply to a waiting ticket puts it back in progress.

    ``actor`` None: an email sender without a login, named by ``author_email`` (the caller
    has checked that they may write on this ticket).
    """
    body = _clean_body(body)
    source = clean_choice("source", source, Source)
    author_email = actor.email if actor is not None else (author_email or "").strip()
    if actor is None and not author_email:
        raise ValidationError({"author_email": [_("Enter the sender's email address.")]})
    from_staff = actor is not None and actor.is_agency_member
    if internal and not from_staff:
        raise ValidationError({"internal": [_("Only agency staff can write internal notes.")]})
    checked = [upload_check(upload) for upload in attachments]
    ticket_lock(ticket)
    triage_gate_check(ticket, action="note" if internal else "comment")
    if not internal:
        _public_reply_check(ticket)

    comment = Comment.objects.create(
        ticket=ticket,
        author=actor,
        author_email=author_email,
        body=body,
        internal=internal,
        source=source,
    )
    for upload in checked:
        attachment_store(actor=actor, ticket=ticket, checked=upload, comment=comment)
    verb = ActivityVerb.NOTE_ADDED if internal else ActivityVerb.COMMENTED
    activity_record(ticket=ticket, actor=actor, verb=verb, comment=comment)

    update_fields = ["updated_at"]
    status_change: list[str] = []
    if not internal and from_staff and ticket.first_response_at is None:
        ticket.first_response_at = comment.created_at
        response_durations_set(ticket)
        update_fields.extend(("first_response_at", *RESPONSE_FIELDS))
    if not internal and not from_staff and ticket.status in BACK_IN_PROGRESS_ON_REPLY:
        # The customer answered (waiting) or says the solution did not help (solved).
        status_change = [ticket.status, Status.IN_PROGRESS]
        verb = (
            ActivityVerb.REOPENED
            if is_reopen(ticket.status, Status.IN_PROGRESS)
            else ActivityVerb.STATUS_CHANGED
        )
        status_apply(ticket, Status.IN_PROGRESS)
        update_fields.extend(STATUS_FIELDS)
        activity_record(
            ticket=ticket,
            actor=actor,
            verb=verb,
            field="status",
            old=status_change[0],
            new=status_change[1],
        )
    ticket.save(update_fields=update_fields)
    ticket_search_vector_recompute(ticket_id=ticket.pk)
    publish(
        EventKind.COMMENT_ADDED,
        ticket_id=ticket.pk,
        actor_id=actor.pk if actor else None,
        comment_id=comment.pk,
        changes={"internal": internal},
    )
    if status_change:
        publish(
            EventKind.STATUS_CHANGED,
            ticket_id=ticket.pk,
            actor_id=actor.pk if actor else None,
            changes={"status": status_change},
        )
    return comment


@transaction.atomic
def comment_change(*, actor: User, comment: Comment, body: str) -> Comment:
    """Change a comment's text; the previous text is kept as a revision."""
    body = _clean_body(body)
    triage_gate_check(comment.ticket, action="comment_change")
    if comment.author_id != actor.pk and not actor.is_tenant_admin:
        raise ValidationError({"body": [_("Only the author can edit this comment.")]})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.body == body:
        return comment
    CommentRevision.objects.create(comment=comment, body=comment.body, edited_by=actor)
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    activity_record(
        ticket=comment.ticket, actor=actor, verb=ActivityVerb.COMMENT_EDITED, comment=comment
    )
    ticket_search_vector_recompute(ticket_id=comment.ticket_id)
    publish(
        EventKind.COMMENT_EDITED,
        ticket_id=comment.ticket_id,
        actor_id=actor.pk,
        comment_id=comment.pk,
    )
    return comment


@removes_files_on_error
@transaction.atomic
def attachments_add(
    *,
    actor: User,
    ticket: Ticket,
    uploads: Sequence[UploadedFile],
    comment: Comment | None = None,
) -> list[Attachment]:
    """Attach files to a ticket (or to one of its comments): all of them or none.

    Every upload is checked for size and content type before the first one is written, and
    the files already written are deleted again if anything later fails (their rows roll
    back with the transaction; storage does not).
    """
    checked = [upload_check(upload) for upload in uploads]
    if not checked:
        return []
    if comment is not None and comment.ticket_id != ticket.pk:
        raise ValidationError({"comment": [_("The comment belongs to another ticket.")]})
    triage_gate_check(ticket, action="attachment")
    if ticket.status == Status.CLOSED and not actor.is_agency_member:
        _public_reply_check(ticket)
    attachments = [
        attachment_store(actor=actor, ticket=ticket, checked=item, comment=comment)
        for item in checked
    ]
    for attachment in attachments:
        activity_record(
            ticket=ticket,
            actor=actor,
            verb=ActivityVerb.ATTACHMENT_ADDED,
            new=attachment.original_name,
            comment=comment,
        )
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now())
    for attachment in attachments:
        publish(
            EventKind.ATTACHMENT_ADDED,
            ticket_id=ticket.pk,
            actor_id=actor.pk,
            comment_id=comment.pk if comment else None,
            changes={"attachment": attachment.pk},
        )
    return attachments


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment) -> None:
    """Remove a file from a ticket (the caller has checked that the actor may: for the
    portal ``portal_attachment_for_removal``). The activity keeps its name, who and when;
    the stored file and its thumbnail go once the transaction commits."""
    ticket = attachment.ticket
    ticket_lock(ticket)
    if ticket.status == Status.CLOSED and not actor.is_agency_member:
        _public_reply_check(ticket)
    activity_record(
        ticket=ticket,
        actor=actor,
        verb=ActivityVerb.ATTACHMENT_REMOVED,
        old=attachment.original_name,
        comment=attachment.comment,
    )
    removed = Attachment(pk=attachment.pk, ticket_id=ticket.pk, file=attachment.file.name)
    removed.file.storage = attachment.file.storage
    attachment.delete()
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now())
    transaction.on_commit(lambda: attachment_files_delete(removed))
