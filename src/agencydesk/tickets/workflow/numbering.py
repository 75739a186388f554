"""What a new ticket is called and who sees it first: the tenant's numbering and staff default.

Kept apart from ``create`` so the creation path itself stays short: it asks these two.
"""

from __future__ import annotations

from agencydesk.accounts.models import User
from agencydesk.customers.models import Site
from agencydesk.customers.sites import site_number_next
from agencydesk.tickets.models import Visibility
from agencydesk.tickets.search import tenant_numbering
from tenants.current import current_tenant


def site_reference_next(site: Site | None) -> str:
    """With numbering "site": ``<site code>-<n>``, n counting that site's tickets (a row
    counter raised in the creating transaction, see ``site_number_next``). Empty with the
    tenant's numbering, and for a ticket without a site or on a site without a code: that
    ticket is known by the tenant's reference."""
    if site is None or not site.code or tenant_numbering() != "site":
        return ""
    return f"{site.code}-{site_number_next(site)}"


def initial_visibility(actor: User | None) -> str:
    """Who sees a ticket first when the caller did not say: the tenant's
    ``staff_ticket_visibility`` (default unpublished) for staff, requester and staff for
    the customer side (portal, email)."""
    if actor is None or not actor.is_agency_member:
        return Visibility.PRIVATE
    value = current_tenant().staff_ticket_visibility
    return value if value in Visibility.values else Visibility.UNPUBLISHED
