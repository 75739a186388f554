"""What portal pages and the portal API list, with the related rows each list shows.

The scope comes from tickets.portal_access; this module only adds what is displayed, so
every list runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from agencydesk.accounts.models import User
from agencydesk.customers.models import Site
from agencydesk.tickets.models import Attachment, Comment, Ticket, TicketType
from agencydesk.tickets.portal_access import (
    portal_comments_for,
    portal_custom_fields,
    portal_ticket_for,
    portal_ticket_types_for,
    portal_tickets_for,
)
from agencydesk.tickets.selectors import follow_up_of_number

PORTAL_FIELDS = Prefetch("custom_fields", queryset=portal_custom_fields(), to_attr="portal_fields")


def _portal_row_data(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """What a portal list row shows, in a fixed number of queries."""
    return (
        tickets.select_related("ticket_type", "site", "requester")
        .prefetch_related(
            Prefetch(
                "ticket_type__custom_fields",
                queryset=portal_custom_fields(),
                to_attr="portal_fields",
            )
        )
        .annotate(follow_up_of_number=follow_up_of_number())
    )


def portal_ticket_rows_for(user: User) -> QuerySet[Ticket]:
    return _portal_row_data(portal_tickets_for(user)).order_by("-created_at", "-id")


def portal_ticket_rows_by_id(ids: Sequence[int]) -> QuerySet[Ticket]:
    """The rows of a page whose ids were read from ``portal_ticket_rows_for``: the
    visibility rules chose them already. Checking them again cost more than the rows
    (planning the rules' sub-queries: ~2.5 ms at a million tickets). Only for such ids."""
    return _portal_row_data(Ticket.objects.filter(pk__in=ids))


def portal_ticket_detail_for(user: User, number: int | str) -> Ticket:
    """The ticket with its type's portal fields; 404 outside the user's scope."""
    ticket = portal_ticket_for(user, number)
    ticket.ticket_type.portal_fields = list(  # type: ignore[attr-defined]
        portal_custom_fields().filter(ticket_type_id=ticket.ticket_type_id)
    )
    return ticket


def portal_creatable_types_for(user: User, site: Site | int | None) -> QuerySet[TicketType]:
    return portal_ticket_types_for(user, site=site, purpose="create").prefetch_related(
        PORTAL_FIELDS
    )


def portal_conversation_for(user: User, ticket: Ticket) -> QuerySet[Comment]:
    return (
        portal_comments_for(user, ticket)
        .select_related("author")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "id"))
        )
        .order_by("created_at", "id")
    )
