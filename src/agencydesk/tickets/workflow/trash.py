"""The trash: tenant admins move tickets there (spam, mistakes), restore them, and the periodic
job purges them after ``TRASH_RETENTION_DAYS``.

A trashed ticket keeps its rows; the default manager (``Ticket.objects``) leaves it out, so
every list, lookup, report and search answers as if it did not exist. Moving a ticket to
the trash is allowed before triage (README "Trash and merging"): spam needs no classification first.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.tickets.events import EventKind, publish
from agencydesk.tickets.models import ActivityVerb, Attachment, Ticket
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.thumbnails import attachment_files_delete
from agencydesk.tickets.workflow._base import activity_record


def require_tenant_admin(actor: User) -> None:
    """Only tenant admins delete and restore; other staff get a 403 (the ticket is visible)."""
    if not actor.is_tenant_admin:
        raise PermissionDenied(_("Only tenant admins may move tickets to the trash."))


def _locked(ticket: Ticket) -> Ticket:
    # ``with_trashed``: a restore must find the row the default manager hides.
    ticket.refresh_from_db(from_queryset=Ticket.with_trashed.select_for_update(of=("self",)))
    return ticket


@transaction.atomic
def ticket_trash(*, actor: User, ticket: Ticket) -> Ticket:
    """Move ``ticket`` to the trash (no triage needed first)."""
    require_tenant_admin(actor)
    _locked(ticket)
    if ticket.deleted_at is not None:
        raise ValidationError({"ticket": [_("This ticket is already in the trash.")]})
    ticket.deleted_at = timezone.now()
    ticket.deleted_by = actor
    ticket.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    activity_record(ticket=ticket, actor=actor, verb=ActivityVerb.TRASHED)
    publish(
        EventKind.TICKET_TRASHED,
        ticket_id=ticket.pk,
        actor_id=actor.pk,
        changes={"reference": [None, ticket_reference(ticket)]},
    )
    return ticket


@transaction.atomic
def ticket_restore(*, actor: User, ticket: Ticket) -> Ticket:
    """Take ``ticket`` out of the trash; it is back wherever it was before."""
    require_tenant_admin(actor)
    _locked(ticket)
    if ticket.deleted_at is None:
        raise ValidationError({"ticket": [_("This ticket is not in the trash.")]})
    ticket.deleted_at = None
    ticket.deleted_by = None
    ticket.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    activity_record(ticket=ticket, actor=actor, verb=ActivityVerb.RESTORED)
    publish(
        EventKind.TICKET_RESTORED,
        ticket_id=ticket.pk,
        actor_id=actor.pk,
        changes={"reference": [None, ticket_reference(ticket)]},
    )
    return ticket


def trash_purge_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.TRASH_RETENTION_DAYS)


@transaction.atomic
def _ticket_purge(ticket_id: int, cutoff: datetime.datetime) -> bool:
    ticket = (
        Ticket.with_trashed.select_for_update(of=("self",))
        .filter(pk=ticket_id, deleted_at__lt=cutoff)
        .first()
    )
    if ticket is None:  # restored (or purged) since the list was read
        return False
    # The activity goes with the ticket: the subscribers write what must outlive it (audit).
    publish(
        EventKind.TICKET_PURGED,
        ticket_id=ticket.pk,
        actor_id=None,
        changes={"reference": [ticket_reference(ticket), None]},
    )
    attachments = list(
        Attachment.objects.filter(ticket_id=ticket.pk).only("id", "ticket_id", "file")
    )
    ticket.delete()

    def files_delete() -> None:
        for attachment in attachments:
            attachment_files_delete(attachment)

    # Storage is not transactional: remove the files only once the rows are gone for good.
    transaction.on_commit(files_delete)
    return True


def tickets_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the current tenant's tickets trashed more than TRASH_RETENTION_DAYS ago, one
    transaction per ticket (a failure leaves the rest to the next run); returns the count."""
    cutoff = trash_purge_cutoff(now)
    ticket_ids = list(
        Ticket.with_trashed.filter(deleted_at__lt=cutoff).values_list("pk", flat=True)
    )
    return sum(_ticket_purge(ticket_id, cutoff) for ticket_id in ticket_ids)
