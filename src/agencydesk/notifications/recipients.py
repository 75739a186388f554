"""Who is told about a ticket event (the outbound rules). Staff and customers are separate
audiences: each recipient later gets a message of their own, in their own language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agencydesk.accounts.models import User
from agencydesk.notifications.models import Audience
from agencydesk.tickets.models import Comment, Ticket, Visibility
from agencydesk.tickets.portal_access import (
    portal_can_see_ticket,
    portal_profile,
    portal_users_seeing,
)
from tenants.current import current_tenant


@dataclass(frozen=True)
class Recipient:
    email: str
    audience: str
    language: str
    user: User | None = None
    # Whether the mail may link to the ticket (staff UI, or the portal for those who see it
    # there); contacts and email senders have no login and answer by email instead.
    has_link: bool = False
    # Regional formats (``en-GB``) and timezone of dates in the mail; "" = the tenant's.
    region: str = ""
    timezone: str = ""


def _for_user(user: User, audience: str, *, has_link: bool = True) -> Recipient:
    return Recipient(
        email=user.email,
        audience=audience,
        language=user.language or current_tenant().language,
        user=user,
        has_link=has_link,
        region=user.locale,
        timezone=user.timezone,
    )


def _unique(recipients: Iterable[Recipient], *, exclude: User | None) -> list[Recipient]:
    """One message per address; never to the person who made the change."""
    seen: set[str] = set()
    if exclude is not None:
        seen.add(exclude.email.lower())
    unique = []
    for recipient in recipients:
        key = recipient.email.lower()
        if recipient.email and key not in seen:
            seen.add(key)
            unique.append(recipient)
    return unique


def _staff(users: Iterable[User | None]) -> list[Recipient]:
    return [
        _for_user(user, Audience.STAFF)
        for user in users
        if user is not None and user.is_active and user.is_agency_member
    ]


def site_manager(ticket: Ticket) -> User | None:
    return ticket.site.manager if ticket.site_id and ticket.site else None


def new_ticket_recipients(ticket: Ticket, *, actor: User | None) -> list[Recipient]:
    """The site manager, and the default team of the ticket's type (members and address)."""
    recipients = _staff([site_manager(ticket)])
    team = ticket.ticket_type.default_team
    if team is not None:
        recipients += _staff(team.members.all())
        if team.email:
            language = current_tenant().language
            recipients.append(Recipient(team.email, Audience.STAFF, language))
    return _unique(recipients, exclude=actor)


def sla_recipients(ticket: Ticket) -> list[Recipient]:
    """An SLA warning or breach: the assignee, the team's lead and the site manager."""
    lead = ticket.team.lead if ticket.team_id and ticket.team else None
    return _unique(_staff([ticket.assignee, lead, site_manager(ticket)]), exclude=None)


def assignee_recipients(ticket: Ticket, *, actor: User | None) -> list[Recipient]:
    return _unique(_staff([ticket.assignee]), exclude=actor)


def customer_comment_recipients(ticket: Ticket, *, actor: User | None) -> list[Recipient]:
    """The assignee, or the site manager while nobody is assigned."""
    responsible = ticket.assignee if ticket.assignee_id else site_manager(ticket)
    return _unique(_staff([responsible]), exclude=actor)


def customer_update_recipients(ticket: Ticket, *, actor: User | None) -> list[Recipient]:
    """Customer users following the ticket with "notify me" on.

    The requester follows from the start; others follow from the portal. A follower who
    can no longer see the ticket in the portal (site access or portal settings changed) is
    not told about it. Staff-only tickets reach no customer.
    """
    if ticket.visibility == Visibility.UNPUBLISHED:
        return []
    followers = [
        follower.user
        for follower in ticket.followers.filter(notify=True).select_related("user")
        if follower.user.is_active and follower.user.is_customer_user
    ]
    # One batched portal check for all followers: the write path's queries stay constant.
    seeing = portal_users_seeing(ticket, followers)
    recipients = [_for_user(user, Audience.CUSTOMER) for user in followers if user.pk in seeing]
    requester = next((user for user in followers if user.pk == ticket.requester_id), None)
    if requester is not None and portal_profile(requester) is None:
        # A contact (no portal access) hears about the ticket they requested by email.
        recipients.append(_for_user(requester, Audience.CUSTOMER, has_link=False))
    if ticket.requester_id is None and ticket.requester_email:
        # A ticket from an email sender without a login: answer to that address.
        recipients.append(
            Recipient(ticket.requester_email, Audience.CUSTOMER, current_tenant().language)
        )
    return _unique(recipients, exclude=actor)


def requester_recipients(ticket: Ticket, *, actor: User | None = None) -> list[Recipient]:
    """The requester of a ticket opened by email or by staff for them: a customer user, a
    contact, or just an address. The mail links to the portal only if they see it there."""
    if ticket.requester is not None:
        requester = ticket.requester
        if requester.is_active and requester.is_customer_user:
            has_link = portal_can_see_ticket(requester, ticket)
            return _unique(
                [_for_user(requester, Audience.CUSTOMER, has_link=has_link)], exclude=actor
            )
        return []
    if ticket.requester_email:
        return [Recipient(ticket.requester_email, Audience.CUSTOMER, current_tenant().language)]
    return []


def is_customer_comment(comment: Comment) -> bool:
    author = comment.author
    return author is None or author.is_customer_user
