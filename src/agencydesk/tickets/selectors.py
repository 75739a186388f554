"""The one way in for every read of tickets a user may see (docs/architecture.md, "One way in")."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from agencydesk.accounts.models import User
from agencydesk.tickets.models import OPEN_STATUSES, Activity, Attachment, Comment, Ticket
from agencydesk.tickets.portal_access import portal_tickets_for

LIST_RELATED = ("ticket_type", "customer", "site", "requester", "assignee", "team")


def follow_up_of_number() -> Subquery:
    """What ``follow_up_of`` shows (the number), without loading the other ticket. A
    sub-query rather than ``F("follow_up_of__number")``: that joins the tickets table to
    itself, and planning a list's row query with that second copy of the table and its
    indexes took ~10 ms at a million tickets (2 ms without), more than running it."""
    return Subquery(
        Ticket.with_trashed.filter(pk=OuterRef("follow_up_of_id")).order_by().values("number")[:1]
    )


def tickets_for(user: User) -> QuerySet[Ticket]:
    """Every ticket ``user`` may see. Staff: all of the tenant (teams may narrow it later).
    Trashed tickets are never part of it: ``Ticket.objects`` leaves them out."""
    if not user.is_authenticated or not user.is_active:
        return Ticket.objects.none()
    if user.is_agency_member:
        return Ticket.objects.all()
    return portal_tickets_for(user)  # customer users: the portal rules decide


def ticket_rows_for(user: User) -> QuerySet[Ticket]:
    """The visible tickets with what a list row shows, in a fixed number of queries."""
    # The search vector is only ever used inside SQL; no need to ship it to Python.
    return (
        tickets_for(user)
        .select_related(*LIST_RELATED)
        .defer("search_vector")
        .annotate(follow_up_of_number=follow_up_of_number())
    )


def ticket_api_rows_for(user: User) -> QuerySet[Ticket]:
    """The visible tickets as the API lists them: its serializer outputs ids for every
    relation but ``merged_into`` (a number), so no other join is dragged through the list."""
    return (
        tickets_for(user)
        .select_related("merged_into")
        .defer("search_vector", "merged_into__search_vector")
        .annotate(follow_up_of_number=follow_up_of_number())
    )


def ticket_api_row_for(user: User, number: int) -> Ticket:
    """One visible ticket as the API shows it (``ticket_api_rows_for``: no joins the
    serializer does not read), with its work orders; a 404 outside the user's scope."""
    ticket = ticket_api_rows_for(user).prefetch_related("work_orders").filter(number=number).first()
    if ticket is None:
        raise Http404
    return ticket


def open_tickets_for(user: User) -> QuerySet[Ticket]:
    """The default staff inbox: open tickets, newest first (index ``ticket_open_created``)."""
    return ticket_rows_for(user).filter(status__in=OPEN_STATUSES).order_by("-created_at")


def ticket_for(user: User, number: int | str) -> Ticket:
    """Fetch and authorise in one call: a ticket outside the user's scope is a 404."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    ticket = ticket_rows_for(user).filter(number=number).first()
    if ticket is None:
        raise Http404
    return ticket


def trashed_tickets_for(user: User) -> QuerySet[Ticket]:
    """The trash, for tenant admins only; most recently trashed first."""
    if not user.is_authenticated or not user.is_active or not user.is_tenant_admin:
        return Ticket.objects.none()
    return (
        Ticket.with_trashed.filter(deleted_at__isnull=False)
        .select_related(*LIST_RELATED, "deleted_by")
        .defer("search_vector")
        .order_by("-deleted_at", "-id")
    )


def trashed_ticket_for(user: User, number: int | str) -> Ticket:
    """A ticket in the trash, for a tenant admin; anything else is a 404."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    ticket = trashed_tickets_for(user).filter(number=number).first()
    if ticket is None:
        raise Http404
    return ticket


def comments_for(user: User, ticket: Ticket) -> QuerySet[Comment]:
    """The ticket's conversation; internal notes only for agency staff."""
    comments = ticket.comments.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "id"))
    )
    if not user.is_agency_member:
        comments = comments.filter(internal=False)
    return comments


def activities_for(ticket: Ticket) -> QuerySet[Activity]:
    return ticket.activities.select_related("actor", "comment")


def attachment_for(user: User, attachment_id: int) -> Attachment:
    """An attachment of a visible ticket; one on an internal note only for agency staff."""
    attachment = (
        Attachment.objects.select_related("comment")
        .filter(pk=attachment_id, ticket__in=tickets_for(user))
        .first()
    )
    if attachment is None:
        raise Http404
    on_internal_note = attachment.comment is not None and attachment.comment.internal
    if on_internal_note and not user.is_agency_member:
        raise Http404
    return attachment
