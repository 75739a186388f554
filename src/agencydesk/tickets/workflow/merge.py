"""Merging a duplicate into another ticket: its conversation, files and followers move over,
the duplicate is closed with a link to the ticket it went into.

Allowed before triage (README "Trash and merging"): a duplicate report needs no classification
first. Nothing is announced again: moved comments keep their rows (no new "commented" event, so no
notification is sent a second time), and a follower of both tickets stays one follower row.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.tickets.events import EventKind, publish
from agencydesk.tickets.models import (
    ActivityVerb,
    Attachment,
    Comment,
    Status,
    Ticket,
    TicketFollower,
)
from agencydesk.tickets.search import ticket_reference, ticket_search_vector_recompute
from agencydesk.tickets.workflow._base import activity_record, require_staff
from agencydesk.tickets.workflow.status import STATUS_FIELDS, status_apply


def _lock_both(source: Ticket, target: Ticket) -> None:
    """Row locks in id order, so two merges of the same pair cannot deadlock."""
    locked = {
        ticket.pk: ticket
        for ticket in Ticket.objects.select_for_update(of=("self",))
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    for ticket in (source, target):
        if ticket.pk not in locked:  # moved to the trash meanwhile
            raise ValidationError({"into": [_("This ticket no longer exists.")]})
        ticket.refresh_from_db(from_queryset=Ticket.objects.filter(pk=ticket.pk))


def _check(source: Ticket, target: Ticket) -> None:
    if source.pk == target.pk:
        raise ValidationError({"into": [_("A ticket cannot be merged into itself.")]})
    if source.merged_into_id is not None:
        raise ValidationError(
            {"into": [_("This ticket has already been merged into another ticket.")]}
        )
    if target.status == Status.CLOSED:
        raise ValidationError(
            {
                "into": [
                    _("%(reference)s is closed; merge into an open or solved ticket.")
                    % {"reference": ticket_reference(target)}
                ]
            }
        )


def _followers_move(source: Ticket, target: Ticket) -> None:
    already = TicketFollower.objects.filter(ticket=target).values("user_id")
    TicketFollower.objects.filter(ticket=source).exclude(user_id__in=already).update(ticket=target)
    # Those who follow both keep their row (and their notify choice) on the target only.
    TicketFollower.objects.filter(ticket=source).delete()


@transaction.atomic
def ticket_merge(*, actor: User, ticket: Ticket, into: Ticket) -> Ticket:
    """Merge ``ticket`` into ``into``; returns the target."""
    require_staff(actor, "into")
    source, target = ticket, into
    _lock_both(source, target)
    _check(source, target)
    Comment.objects.filter(ticket=source).update(ticket=target)
    Attachment.objects.filter(ticket=source).update(ticket=target)
    _followers_move(source, target)

    old_status = source.status
    if source.status != Status.CLOSED:
        status_apply(source, Status.CLOSED)
        source.solved_at = source.solved_at or source.closed_at
    source.merged_into = target
    source.needs_triage = False  # a duplicate is done with; nobody needs to classify it
    source.save(update_fields=sorted({*STATUS_FIELDS, "merged_into", "needs_triage", "updated_at"}))
    if old_status != Status.CLOSED:
        # Reports read the status history from these rows.
        activity_record(
            ticket=source,
            actor=actor,
            verb=ActivityVerb.STATUS_CHANGED,
            field="status",
            old=old_status,
            new=Status.CLOSED,
        )
    activity_record(
        ticket=source,
        actor=actor,
        verb=ActivityVerb.MERGED_INTO,
        field="merged_into",
        new=target.number,
    )
    activity_record(
        ticket=target,
        actor=actor,
        verb=ActivityVerb.MERGED_FROM,
        field="merged_from",
        new=source.number,
    )
    Ticket.objects.filter(pk=target.pk).update(updated_at=timezone.now())
    for moved in (source, target):
        ticket_search_vector_recompute(ticket_id=moved.pk)
    publish(
        EventKind.TICKET_MERGED,
        ticket_id=source.pk,
        actor_id=actor.pk,
        changes={"merged_into": [None, target.number], "status": [old_status, source.status]},
    )
    return target
