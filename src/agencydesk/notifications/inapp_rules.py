"""Turns ticket events into in-app notifications (inside the change's transaction).

Who is told follows the email rules (``recipients``) where they exist; ``inapp`` then
applies the portal rules and the users' preferences. Mentions: ``@`` followed by the part
of a staff member's email address before the ``@`` (``@jana.becker``) in an internal note.
"""

from __future__ import annotations

import re

from agencydesk.accounts.models import Role, User
from agencydesk.notifications.inapp import in_app_notify_many
from agencydesk.notifications.models import NotificationKind
from agencydesk.notifications.recipients import (
    is_customer_comment,
    new_ticket_recipients,
    site_manager,
)
from agencydesk.tickets.events import EventKind, TicketEvent, event_actor, event_ticket
from agencydesk.tickets.models import Comment, Source, Ticket

NEW_TICKET_SOURCES = (Source.PORTAL, Source.EMAIL)
# Announced by the SLA checks through ``tickets.events`` (they may also call
# ``in_app_notify`` directly).
SLA_EVENT_KINDS = {
    "sla_warning": NotificationKind.SLA_WARNING,
    "sla_breached": NotificationKind.SLA_BREACHED,
}
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9][A-Za-z0-9._+-]{0,63})")


def _followers(ticket: Ticket) -> list[User]:
    """Customer users following the ticket with "notify me" on (the portal rules come later)."""
    return [
        follower.user
        for follower in ticket.followers.filter(
            notify=True, user__role=Role.CUSTOMER, user__is_active=True
        ).select_related("user")
    ]


def mentioned_users(text: str) -> list[User]:
    """Staff people named ``@local-part`` in ``text`` (one query, none without a mention)."""
    names = {name.rstrip(".").lower() for name in _MENTION.findall(text)}
    if not names:
        return []
    candidates = User.objects.filter(
        role__in=[Role.STAFF, Role.TENANT_ADMIN], is_active=True, erased_at__isnull=True
    )
    # The email is stored lower-case; the local part is what precedes the "@".
    patterns = "|".join(re.escape(name) for name in sorted(names))
    return list(candidates.filter(email__regex=rf"^({patterns})@"))


def _planned(
    event: TicketEvent, ticket: Ticket, comment: Comment | None
) -> list[tuple[str, list[User | None]]]:
    kind = event.kind
    if kind == EventKind.TICKET_CREATED:
        planned: list[tuple[str, list[User | None]]] = []
        if ticket.source in NEW_TICKET_SOURCES:
            staff = [r.user for r in new_ticket_recipients(ticket, actor=None)]
            planned.append((NotificationKind.NEW_TICKET, staff))
        if ticket.assignee_id:
            planned.append((NotificationKind.ASSIGNED, [ticket.assignee]))
        return planned
    if kind == EventKind.TICKET_ASSIGNED:
        return [(NotificationKind.ASSIGNED, [ticket.assignee])]
    if kind == EventKind.STATUS_CHANGED:
        return [(NotificationKind.STATUS_CHANGED, [ticket.assignee, *_followers(ticket)])]
    if kind == EventKind.COMMENT_ADDED and comment is not None:
        if comment.internal:
            return [(NotificationKind.MENTION, list(mentioned_users(comment.body)))]
        if is_customer_comment(comment):
            responsible = ticket.assignee if ticket.assignee_id else site_manager(ticket)
            return [(NotificationKind.PUBLIC_REPLY, [responsible, *_followers(ticket)])]
        return [(NotificationKind.PUBLIC_REPLY, [*_followers(ticket)])]
    if kind in SLA_EVENT_KINDS:
        # The same people as the SLA mail: the assignee, the team's lead, the site manager.
        lead = ticket.team.lead if ticket.team_id and ticket.team else None
        return [(SLA_EVENT_KINDS[kind], [ticket.assignee, lead, site_manager(ticket)])]
    return []


def on_ticket_event_in_app(event: TicketEvent) -> None:
    if event.kind not in {
        EventKind.TICKET_CREATED,
        EventKind.TICKET_ASSIGNED,
        EventKind.STATUS_CHANGED,
        EventKind.COMMENT_ADDED,
        *SLA_EVENT_KINDS,
    }:
        return
    ticket = event_ticket(
        event,
        Ticket.objects.select_related(
            "ticket_type__default_team", "site__manager", "assignee", "team__lead"
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
    for kind, users in _planned(event, ticket, comment):
        in_app_notify_many(users=users, kind=kind, ticket=ticket, actor=actor)
