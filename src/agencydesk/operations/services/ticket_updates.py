"""What a work order tells its linked tickets: an internal note for staff, and — when staff
chose it at dispatch — a public update for the ticket's followers. Written through the
tickets workflow (``comment_add``), so the tickets' rules and notifications apply."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.operations.models import WorkOrder
from agencydesk.tickets.models import Source, Status, Visibility
from agencydesk.tickets.workflow import comment_add
from tenants.current import current_tenant


class TicketUpdate(StrEnum):
    DISPATCHED = "dispatched"
    COMPLETED = "completed"


def _note(work_order: WorkOrder, update: TicketUpdate) -> str:
    contractor = work_order.contractor.name if work_order.contractor else ""
    if update == TicketUpdate.DISPATCHED:
        text = _("Work order %(reference)s “%(title)s” was dispatched to %(contractor)s.") % {
            "reference": work_order.reference,
            "title": work_order.title,
            "contractor": contractor,
        }
        if work_order.attend_by:
            text += " " + _("Attend by: %(date)s.") % {
                "date": date_format(work_order.attend_by, "SHORT_DATE_FORMAT")
            }
        return text
    text = _("Work order %(reference)s “%(title)s” was completed by %(contractor)s.") % {
        "reference": work_order.reference,
        "title": work_order.title,
        "contractor": contractor,
    }
    if work_order.completion_note:
        text += "\n\n" + work_order.completion_note
    return text


def _public_text(work_order: WorkOrder, update: TicketUpdate) -> str:
    if update == TicketUpdate.DISPATCHED:
        text = _("We have commissioned a contractor to do the work.")
        if work_order.attend_by:
            text += " " + _("They will attend by %(date)s.") % {
                "date": date_format(work_order.attend_by, "SHORT_DATE_FORMAT")
            }
        return text
    return _("The contractor has completed the work.")


def _takes_public_reply(status: str, visibility: str) -> bool:
    # The tickets workflow refuses public replies to closed or unpublished tickets.
    return status != Status.CLOSED and visibility != Visibility.UNPUBLISHED


def linked_tickets_tell(*, work_order: WorkOrder, update: TicketUpdate, actor: User | None) -> None:
    """One internal note (and maybe one public update) per linked ticket, written as
    ``actor`` (the contractor has no login: their updates are written as the staff member
    who dispatched the work order). Tickets still waiting for triage take no notes yet."""
    author = actor if actor is not None and actor.is_agency_member else work_order.dispatched_by
    if not work_order.notify_tickets or author is None or not author.is_active:
        return
    tickets = list(work_order.tickets.filter(needs_triage=False).order_by("number"))
    if not tickets:
        return
    # Stored texts on the ticket: in the agency's language, whoever triggered them (the
    # contractor's page runs in the contractor's language).
    with translation.override(current_tenant().language or settings.LANGUAGE_CODE):
        note = _note(work_order, update)
        public = _public_text(work_order, update)
    for ticket in tickets:
        comment_add(actor=author, ticket=ticket, body=note, internal=True, source=Source.STAFF)
        if work_order.public_updates and _takes_public_reply(ticket.status, ticket.visibility):
            comment_add(actor=author, ticket=ticket, body=public, source=Source.STAFF)
