"""The portal rules: what a customer user may see and do. The ONE place they live.

Pages, the portal API, reports and notifications ask these functions; none of them filters
tickets for customer users on its own. The rules (issue "Customer portal"):

- Sites form a tree (``customers.sites``). A customer user belongs to one
  customer; it uses all of the customer's sites (its own and the agency's shared locations
  serving it) or a chosen subset — *access* — and access to a site includes the sites below
  it. A ``manager`` uses every site of the customer.
- A customer user may also *report* on the sites above their own (a unit holder reports a
  block-wide problem).
- ``site``-visible tickets: of the user's sites and of the sites above them, whichever
  customer opened them (a shared location's notices reach every customer there; a unit's
  ticket stays within the unit and the levels above it). ``private`` ("Management"):
  requester and staff — and the managers of the requester's customer. ``unpublished``:
  staff only.
- Per ticket type the customer's portal settings say ``can_see`` / ``can_create`` (create
  implies see); a customer user may have them narrowed (never widened).
- Visible tickets: of a type the user may see (or the intake type, so an unclassified
  report stays visible until triaged), never ``unpublished``; a member sees their own and
  the ``site``-visible ones, a manager also every ticket of the customer on its sites. A
  ticket without a site is visible to its requester only.
- Each rule is a sub-query on the sites' path arrays, so ``portal_tickets_for`` stays one
  SQL statement served by indexes.
- Anything outside answers 404, so nothing reveals that it exists.
- A *contact* (a customer user with ``portal_access`` off) has no portal at all: no
  profile here, no login (``customers.authentication``); they hear about the tickets they
  requested by email only.
"""

from __future__ import annotations

# The profile and site rules live with the customers (login needs them, below tickets); they
# are re-exported so every door asks this one package.
from agencydesk.customers.portal_profiles import (
    is_contact,
    portal_profile,
    portal_profiles_load,
    portal_report_sites_for,
    portal_requesters_for,
    portal_site_audiences,
    portal_sites_for,
)
from agencydesk.tickets.portal_access.by_email import (
    portal_email_report_site,
    portal_may_follow_up_by_email,
    portal_may_report_by_email,
    portal_may_write_by_email,
)
from agencydesk.tickets.portal_access.fields import portal_custom_fields, portal_custom_values
from agencydesk.tickets.portal_access.reporting import (
    PORTAL_VISIBILITIES,
    portal_report_enabled,
    portal_report_target,
    portal_settings_for,
)
from agencydesk.tickets.portal_access.scope import (
    contact_may_reply_by_email,
    portal_attachment_for_removal,
    portal_attachments_for,
    portal_can_comment,
    portal_can_create_tickets,
    portal_can_see_ticket,
    portal_comment_for_edit,
    portal_comments_for,
    portal_intake_type_for,
    portal_ticket_area_enabled,
    portal_ticket_for,
    portal_ticket_types_for,
    portal_tickets_for,
    portal_users_seeing,
)

__all__ = [
    "PORTAL_VISIBILITIES",
    "contact_may_reply_by_email",
    "is_contact",
    "portal_attachment_for_removal",
    "portal_attachments_for",
    "portal_can_comment",
    "portal_can_create_tickets",
    "portal_can_see_ticket",
    "portal_comment_for_edit",
    "portal_comments_for",
    "portal_custom_fields",
    "portal_custom_values",
    "portal_email_report_site",
    "portal_intake_type_for",
    "portal_may_follow_up_by_email",
    "portal_may_report_by_email",
    "portal_may_write_by_email",
    "portal_profile",
    "portal_profiles_load",
    "portal_report_enabled",
    "portal_report_sites_for",
    "portal_report_target",
    "portal_requesters_for",
    "portal_settings_for",
    "portal_site_audiences",
    "portal_sites_for",
    "portal_ticket_area_enabled",
    "portal_ticket_for",
    "portal_ticket_types_for",
    "portal_tickets_for",
    "portal_users_seeing",
]
