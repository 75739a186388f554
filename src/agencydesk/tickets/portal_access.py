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

import re
from collections.abc import Sequence
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.customers.models import (
    CustomerRole,
    CustomerUserTicketTypeRule,
    PortalSettings,
    PortalTicketTypeRule,
    Site,
)
from agencydesk.customers.portal_profiles import (
    is_contact,
    portal_access_roots,
    portal_profile,
    portal_profiles_load,
    portal_report_sites_for,
    portal_site_audiences,
    portal_sites_for,
)
from agencydesk.customers.sites import sites_above, sites_below
from agencydesk.tickets.models import Attachment, Comment, Status, Ticket, TicketType, Visibility

# The profile and site rules live with the customers (login needs them, below tickets); they
# are re-exported so every door asks this one module.
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
    "portal_intake_type_for",
    "portal_profile",
    "portal_profiles_load",
    "portal_report_enabled",
    "portal_report_sites_for",
    "portal_report_target",
    "portal_settings_for",
    "portal_site_audiences",
    "portal_sites_for",
    "portal_ticket_area_enabled",
    "portal_ticket_for",
    "portal_ticket_types_for",
    "portal_tickets_for",
    "portal_users_seeing",
]

Purpose = Literal["see", "create"]
# What a customer may choose when reporting: staff-only ("unpublished") is not theirs to pick.
PORTAL_VISIBILITIES = (Visibility.PRIVATE, Visibility.SITE)


def portal_ticket_types_for(
    user: User, site: Site | int | None = None, purpose: Purpose = "see"
) -> QuerySet[TicketType]:
    """Ticket types ``user`` may see or create; with ``site``, only if that site is theirs.

    The intake type is not listed for "create" unless enabled: picking no type is a separate
    choice (see ``portal_intake_type_for``).
    """
    profile = portal_profile(user)
    if profile is None:
        return TicketType.objects.none()
    if site is not None:
        site_id = site.pk if isinstance(site, Site) else site
        if not portal_report_sites_for(user).filter(pk=site_id).exists():
            return TicketType.objects.none()
    flag = "can_create" if purpose == "create" else "can_see"
    types = TicketType.objects.filter(
        Exists(
            PortalTicketTypeRule.objects.filter(
                customer_id=profile.customer_id, ticket_type=OuterRef("pk"), **{flag: True}
            )
        )
    )
    if profile.narrow_ticket_types:
        types = types.filter(
            Exists(
                CustomerUserTicketTypeRule.objects.filter(
                    customer_user=profile, ticket_type=OuterRef("pk"), **{flag: True}
                )
            )
        )
    if purpose == "create":
        types = types.filter(is_active=True)
    return types.order_by("order", "id")


def portal_ticket_area_enabled(user: User) -> bool:
    """With no type the user may see, the portal's ticket area is hidden."""
    return portal_ticket_types_for(user, purpose="see").exists()


def portal_can_create_tickets(user: User) -> bool:
    return (
        portal_ticket_types_for(user, purpose="create").exists() and portal_sites_for(user).exists()
    )


def portal_intake_type_for(user: User) -> TicketType | None:
    """The type an unclassified report gets, when the user may report at all."""
    if not portal_can_create_tickets(user):
        return None
    return TicketType.objects.filter(is_intake=True, is_active=True).first()


def portal_tickets_for(user: User) -> QuerySet[Ticket]:
    """Every ticket ``user`` may see in the portal, as one SQL query (no rows in Python)."""
    profile = portal_profile(user)
    if profile is None:
        return Ticket.objects.none()
    visible_types = portal_ticket_types_for(user, purpose="see").values("pk")
    roots = portal_access_roots(profile)
    # Their sites (with the ones below) and the sites above them: where notices reach them.
    notice_sites = Q(site__in=sites_below(roots).values("pk")) | Q(
        site__in=sites_above(roots).values("pk")
    )
    of_customer = Q(customer_id=profile.customer_id)
    own = of_customer & Q(requester=user) & (notice_sites | Q(site__isnull=True))
    scope = own | (Q(visibility=Visibility.SITE) & notice_sites)
    if profile.role == CustomerRole.MANAGER:
        scope |= of_customer & notice_sites
    return (
        Ticket.objects.exclude(visibility=Visibility.UNPUBLISHED)
        .filter(Q(ticket_type__in=visible_types) | Q(ticket_type__is_intake=True))
        .filter(scope)
    )


def portal_can_see_ticket(user: User, ticket: Ticket) -> bool:
    """For notifications: may ``user`` be told about ``ticket`` at all."""
    return portal_tickets_for(user).filter(pk=ticket.pk).exists()


def contact_may_reply_by_email(user: User, ticket: Ticket) -> bool:
    """A contact has no portal, but may answer by email on a ticket they requested."""
    return ticket.requester_id == user.pk and is_contact(user)


def portal_users_seeing(ticket: Ticket, users: Sequence[User]) -> set[int]:
    """The ids of those ``users`` who see ``ticket`` in the portal, in two queries whatever
    their number: their profiles, then one UNION of each user's own visibility rule (the
    same ``portal_tickets_for``, so the rules stay in one place)."""
    portal_profiles_load(users)
    branches = [
        portal_tickets_for(user)
        .filter(pk=ticket.pk)
        .order_by()
        .annotate(viewer=Value(user.pk, output_field=IntegerField()))
        .values_list("viewer", flat=True)
        for user in users
        if portal_profile(user) is not None
    ]
    if not branches:
        return set()
    return set(branches[0].union(*branches[1:], all=True))


def portal_ticket_for(user: User, number: int | str) -> Ticket:
    """Fetch and authorise in one call; 404 for anything outside the user's scope."""
    try:
        number = int(number)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    ticket = (
        portal_tickets_for(user)
        .select_related("ticket_type", "site", "requester")
        .filter(number=number)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


def portal_comments_for(user: User, ticket: Ticket) -> QuerySet[Comment]:
    """The public conversation of a ticket the user may see (never internal notes)."""
    if not portal_can_see_ticket(user, ticket):
        return Comment.objects.none()
    return Comment.objects.filter(ticket=ticket, internal=False)


def portal_attachments_for(user: User, ticket: Ticket) -> QuerySet[Attachment]:
    """Attachments of the ticket and of its public replies (never of internal notes)."""
    if not portal_can_see_ticket(user, ticket):
        return Attachment.objects.none()
    return Attachment.objects.filter(ticket=ticket).filter(
        Q(comment__isnull=True) | Q(comment__internal=False)
    )


def portal_can_comment(user: User, ticket: Ticket) -> bool:
    """Comment and attach on every ticket the user may see."""
    return portal_can_see_ticket(user, ticket)


def portal_comment_for_edit(user: User, ticket: Ticket, comment_id: int | str) -> Comment:
    """The user's own public comment on a visible ticket, else 404."""
    try:
        comment_id = int(comment_id)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    comment = (
        portal_comments_for(user, ticket).filter(pk=comment_id, author=user).first()
        if portal_profile(user) is not None
        else None
    )
    if comment is None:
        raise Http404
    return comment


def portal_attachment_for_removal(
    user: User, ticket: Ticket, attachment_id: int | str
) -> Attachment:
    """A file the user uploaded themselves to a visible, not closed ticket, else 404:
    customers remove their own files, never anyone else's."""
    try:
        attachment_id = int(attachment_id)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    attachment = (
        portal_attachments_for(user, ticket)
        .filter(pk=attachment_id, uploaded_by=user)
        .exclude(ticket__status=Status.CLOSED)
        .select_related("ticket", "comment")
        .first()
        if portal_profile(user) is not None
        else None
    )
    if attachment is None:
        raise Http404
    return attachment


def portal_settings_for(user: User) -> PortalSettings:
    """The customer's portal settings; defaults (unsaved) when none were stored."""
    profile = portal_profile(user)
    if profile is None:
        return PortalSettings()
    settings_row = PortalSettings.objects.filter(customer_id=profile.customer_id).first()
    return settings_row or PortalSettings(customer_id=profile.customer_id)


def portal_report_enabled(user: User) -> bool:
    """The resolution-time report shows in the portal only where the customer enabled it."""
    if portal_profile(user) is None:
        return False
    return portal_settings_for(user).show_resolution_report


def _visibility_explicit() -> bool:
    tenant = getattr(connection, "tenant", None)
    return bool(getattr(tenant, "report_visibility_explicit", False))


def portal_report_target(
    user: User, *, site_id: int | None, ticket_type_id: int | None, visibility: str
) -> tuple[Site, TicketType | None, str]:
    """Where, as what and for whom ``user`` may report a problem; ``None`` type means
    "unclassified". ``visibility`` is "private", "site" (the chosen site), "site:<id>" (a
    site above it, e.g. the block) or empty (private, unless the tenant asks reporters to
    choose). Returns the site the ticket goes to, its type and its visibility.

    Raises ValidationError with the same message whether an id does not exist or is not the
    user's, so nothing about other customers leaks.
    """
    visibility = visibility or ("" if _visibility_explicit() else Visibility.PRIVATE)
    audience_id: int | None = None
    kind, _sep, audience = visibility.partition(":")
    if kind == Visibility.SITE and audience:
        # Beyond nine digits no site exists (and the database would refuse the number).
        audience_id = int(audience) if re.fullmatch(r"[0-9]{1,9}", audience) else -1
    if kind not in PORTAL_VISIBILITIES or (audience and kind != Visibility.SITE):
        raise ValidationError({"visibility": [_("Choose who may see this report.")]})
    site = portal_report_sites_for(user).filter(pk=site_id).first() if site_id else None
    if site is None:
        raise ValidationError({"site": [_("Choose one of your sites.")]})
    if audience_id is not None and audience_id != site.pk:
        site = next(
            (item for item in portal_site_audiences(user, site) if item.pk == audience_id), None
        )
        if site is None:
            raise ValidationError({"visibility": [_("Choose who may see this report.")]})
    if ticket_type_id is None:
        if portal_intake_type_for(user) is None:
            raise ValidationError({"ticket_type": [_("Choose a ticket type.")]})
        return site, None, kind
    ticket_type = (
        portal_ticket_types_for(user, site=site, purpose="create").filter(pk=ticket_type_id).first()
    )
    if ticket_type is None:
        raise ValidationError(
            {"ticket_type": [_("Choose one of the ticket types offered for this site.")]}
        )
    return site, ticket_type, kind
