"""The demo's tickets: opened and assigned through the ticket workflow, like any other."""

from __future__ import annotations

from agencydesk.accounts.models import Role, User
from agencydesk.tickets.models import Source, Visibility
from agencydesk.tickets.portal_access import portal_sites_for, portal_ticket_types_for
from agencydesk.tickets.workflow import ticket_change, ticket_create


def demo_tickets_create(*, users: list[User], staff: list[User]) -> None:
    """A few portal tickets per customer user, through the workflow like any other."""
    for requester in users:
        if requester.role != Role.CUSTOMER:
            continue
        site = portal_sites_for(requester).first()
        if site is None:
            continue
        types = list(portal_ticket_types_for(requester, site=site, purpose="create")[:2])
        for ticket_type in types:
            ticket = ticket_create(
                actor=requester,
                title=ticket_type.display_name + " – " + site.name,
                description=ticket_type.display_name,
                customer=site.customer,  # type: ignore[arg-type]  # demo sites have one
                site=site,
                ticket_type=ticket_type,
                source=Source.PORTAL,
                visibility=Visibility.SITE,
            )
            if ticket.needs_triage or not staff:
                continue
            ticket_change(actor=staff[0], ticket=ticket, assignee=staff[0])
        # One unclassified report, waiting for staff triage.
        ticket_create(
            actor=requester,
            title=site.name,
            description=site.name,
            customer=site.customer,  # type: ignore[arg-type]  # demo sites have one
            site=site,
            ticket_type=None,
            source=Source.PORTAL,
        )
