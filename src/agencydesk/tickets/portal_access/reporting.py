"""Reporting a problem in the portal: where, as what and for whom; the customer's settings."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.customers.models import PortalSettings, Site
from agencydesk.customers.portal_profiles import (
    portal_profile,
    portal_report_sites_for,
    portal_site_audiences,
)
from agencydesk.tickets.models import TicketType, Visibility
from agencydesk.tickets.portal_access.scope import portal_intake_type_for, portal_ticket_types_for

# What a customer may choose when reporting: staff-only ("unpublished") is not theirs to pick.
PORTAL_VISIBILITIES = (Visibility.PRIVATE, Visibility.SITE)


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
