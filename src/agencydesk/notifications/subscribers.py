"""Turns ticket events into outbox rows (inside the change's transaction) and hands them to
the worker after commit."""

from __future__ import annotations

from agencydesk.accounts.models import User
from agencydesk.notifications.addresses import inbound_address, thread_id
from agencydesk.notifications.custom_texts import custom_texts_for
from agencydesk.notifications.models import Channel
from agencydesk.notifications.outbox import (
    message_build,
    messages_bulk_create,
    messages_dispatch_on_commit,
)
from agencydesk.notifications.preferences import EMAIL_KIND_PREFERENCE, users_opted_out
from agencydesk.notifications.recipients import (
    Recipient,
    assignee_recipients,
    customer_comment_recipients,
    customer_update_recipients,
    is_customer_comment,
    new_ticket_recipients,
    requester_recipients,
    sla_recipients,
)
from agencydesk.notifications.rendering import Kind, Rendered, render_ticket_message
from agencydesk.tickets.events import EventKind, TicketEvent, event_actor, event_ticket
from agencydesk.tickets.models import Comment, Source, Status, Ticket

NEW_TICKET_SOURCES = (Source.PORTAL, Source.EMAIL)
# Tickets opened by someone else for the requester (a call, a script): the requester is told
# the ticket's reference, as mail senders are.
CONFIRMED_FOR_REQUESTER_SOURCES = (Source.STAFF, Source.API)
SLA_KINDS = {EventKind.SLA_WARNING: Kind.SLA_WARNING, EventKind.SLA_BREACHED: Kind.SLA_BREACHED}


def _planned(
    event: TicketEvent, ticket: Ticket, actor: User | None, comment: Comment | None
) -> list[tuple[str, list[Recipient]]]:
    """(kind, recipients) pairs the outbound rules ask for."""
    if event.kind == EventKind.TICKET_CREATED:
        planned = []
        if ticket.source in NEW_TICKET_SOURCES:
            planned.append((Kind.NEW_TICKET, new_ticket_recipients(ticket, actor=actor)))
        if ticket.source == Source.EMAIL:
            # Mail has no screen that confirms it arrived: tell the sender its number.
            planned.append((Kind.RECEIVED, requester_recipients(ticket)))
        elif ticket.source in CONFIRMED_FOR_REQUESTER_SOURCES:
            planned.append((Kind.RECEIVED, requester_recipients(ticket, actor=actor)))
        if ticket.assignee_id:
            planned.append((Kind.ASSIGNED, assignee_recipients(ticket, actor=actor)))
        return planned
    if event.kind in SLA_KINDS:
        return [(SLA_KINDS[event.kind], sla_recipients(ticket))]
    if event.kind == EventKind.TICKET_ASSIGNED:
        return [(Kind.ASSIGNED, assignee_recipients(ticket, actor=actor))]
    if event.kind == EventKind.STATUS_CHANGED:
        new_status = event.changes.get("status", [None, None])[1]
        kind = {Status.SOLVED: Kind.SOLVED, Status.CLOSED: Kind.CLOSED}.get(new_status)
        return [(kind, customer_update_recipients(ticket, actor=actor))] if kind else []
    if event.kind == EventKind.COMMENT_ADDED and comment is not None and not comment.internal:
        if is_customer_comment(comment):
            return [(Kind.CUSTOMER_COMMENT, customer_comment_recipients(ticket, actor=actor))]
        return [(Kind.STAFF_REPLY, customer_update_recipients(ticket, actor=actor))]
    return []


def _wanted(kind: str, recipients: list[Recipient]) -> list[Recipient]:
    """Leave out those who turned this kind of email off (one query per kind)."""
    preference = EMAIL_KIND_PREFERENCE.get(kind)
    user_ids = [recipient.user.pk for recipient in recipients if recipient.user is not None]
    if preference is None or not user_ids:
        return recipients
    off = users_opted_out(user_ids=user_ids, kind=preference, channel=Channel.EMAIL)
    return [r for r in recipients if r.user is None or r.user.pk not in off]


def on_ticket_event(event: TicketEvent) -> None:
    ticket = event_ticket(
        event,
        Ticket.objects.select_related(
            "ticket_type__default_team",
            "customer",
            "site__manager",
            "assignee",
            "requester",
            "team__lead",
        ),
    )
    if ticket is None:
        return
    actor = event_actor(event)
    comment = (
        Comment.objects.select_related("author").filter(pk=event.comment_id).first()
        if event.comment_id
        else None
    )
    # Kinds nobody is to receive need no texts, no addresses (e.g. a ticket without requester).
    planned = [
        (kind, recipients)
        for kind, recipients in _planned(event, ticket, actor, comment)
        if recipients
    ]
    if not planned:
        return
    reference = thread_id(ticket.number)
    headers = {"In-Reply-To": reference, "References": reference}
    reply_to = inbound_address(ticket_number=ticket.number)
    # The tenant's own wording of these kinds, in one query for all messages.
    custom_texts = custom_texts_for(kinds=[kind for kind, _recipients in planned])
    # Messages differ only by kind, language, formats and audience/link: render each once.
    rendered: dict[tuple[str, str, str, str, str, bool], Rendered] = {}
    messages = []
    for kind, recipients in planned:
        for recipient in _wanted(kind, recipients):
            variant = (
                kind,
                recipient.language,
                recipient.region,
                recipient.timezone,
                recipient.audience,
                recipient.has_link,
            )
            if variant not in rendered:
                rendered[variant] = render_ticket_message(
                    kind=kind,
                    ticket=ticket,
                    recipient=recipient,
                    comment=comment,
                    custom_texts=custom_texts,
                    sla=event.changes if kind in SLA_KINDS.values() else None,
                )
            messages.append(
                message_build(
                    kind=kind,
                    audience=recipient.audience,
                    to_email=recipient.email,
                    language=recipient.language,
                    rendered=rendered[variant],
                    reply_to=reply_to,
                    headers=headers,
                    ticket=ticket,
                    recipient=recipient.user,
                )
            )
    messages_dispatch_on_commit(messages_bulk_create(messages))
