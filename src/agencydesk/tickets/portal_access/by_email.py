"""The portal rules at the email door: a customer's mail reaches no further than the portal."""

from __future__ import annotations

from agencydesk.accounts.models import User
from agencydesk.customers.models import Site
from agencydesk.customers.portal_profiles import portal_sites_for
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.portal_access.scope import (
    contact_may_reply_by_email,
    portal_can_comment,
    portal_intake_type_for,
)


def portal_may_write_by_email(user: User, ticket: Ticket) -> bool:
    """Email intake: may this customer's person add a reply to ``ticket`` by email — on every
    ticket they see in the portal, and a contact on the tickets they requested."""
    return contact_may_reply_by_email(user, ticket) or portal_can_comment(user, ticket)


def portal_may_report_by_email(user: User) -> bool:
    """Email intake: a new message becomes an unclassified report only from a user who may
    make one in the portal (so the email door is no wider than the portal)."""
    return portal_intake_type_for(user) is not None


def portal_may_follow_up_by_email(user: User, closed: Ticket) -> bool:
    """A reply to a closed ticket opens a follow-up, a new report: only from a user who may
    report in the portal, or from the contact who requested the closed ticket."""
    return contact_may_reply_by_email(user, closed) or portal_may_report_by_email(user)


def portal_email_report_site(user: User) -> Site | None:
    """Where a report by email goes: the user's only site; with several, staff choose."""
    sites = list(portal_sites_for(user)[:2])
    return sites[0] if len(sites) == 1 else None
