"""Customers, their sites, teams and the tenant's own settings."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import Team, User
from agencydesk.configuration.services.base import object_delete, object_save
from agencydesk.customers.models import Customer, Site
from agencydesk.customers.sites import site_parent_check, site_subtree_move
from tenants.models import Tenant

CUSTOMER_FIELDS = ("number", "name", "email", "phone", "address", "is_active", "external_id")
SITE_FIELDS = (
    "customer",
    "parent",
    "name",
    "code",
    "level_name",
    "address",
    "manager",
    "default_team",
    "is_active",
)
TEAM_FIELDS = ("name", "email", "assignment", "lead")
TENANT_FIELDS = (
    "name",
    "language",
    "enabled_languages",
    "timezone",
    "locale",
    "ticket_prefix",
    "numbering",
    "staff_ticket_visibility",
    "report_visibility_explicit",
    "logo",
    "accent_color",
    "email_sender_name",
    "require_two_factor",
)


def _only(values: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if name in allowed}


def customer_save(
    *, actor: User, customer: Customer | None = None, values: Mapping[str, Any]
) -> Customer:
    return object_save(
        actor=actor, instance=customer or Customer(), values=_only(values, CUSTOMER_FIELDS)
    )


def customer_delete(*, actor: User, customer: Customer) -> None:
    object_delete(actor=actor, instance=customer)


@transaction.atomic
def site_save(
    *,
    actor: User,
    site: Site | None = None,
    values: Mapping[str, Any],
    served_customers: Iterable[Customer] | None = None,
) -> Site:
    """Create or change a site, placing it in the tree (``parent``: same owner, no cycles,
    bounded depth). ``customer`` None makes it the agency's own, serving
    ``served_customers``."""
    fields = _only(values, SITE_FIELDS)
    manager = fields.get("manager")
    if manager is not None and not manager.is_staff_person:
        raise ValidationError({"manager": _("The site manager must be a member of the staff.")})
    if site is not None and "customer" in fields and fields["customer"] != site.customer:
        raise ValidationError({"customer": _("A site cannot move to another customer.")})
    instance = site or Site()
    if site is not None:
        # Locked, so two moves of one subtree cannot interleave.
        list(Site.objects.select_for_update().filter(pk=site.pk).order_by())
    owner = fields.get("customer", instance.customer if instance.customer_id else None)
    instance.customer = owner
    old_path = list(instance.ancestors or [])
    parent = fields.get("parent", instance.parent if instance.parent_id else None)
    instance.ancestors = site_parent_check(site=instance, parent=parent)
    served = list(served_customers) if served_customers is not None else None
    if served and owner is not None:
        raise ValidationError(
            {"served_customers": _("Only the agency's own sites serve other customers.")}
        )
    saved = object_save(
        actor=actor,
        instance=instance,
        values=fields,
        many={"served_customers": served} if served is not None else None,
    )
    site_subtree_move(site=saved, old_path=old_path)
    return saved


def site_delete(*, actor: User, site: Site) -> None:
    object_delete(actor=actor, instance=site)


def team_save(
    *,
    actor: User,
    team: Team | None = None,
    values: Mapping[str, Any],
    members: Iterable[User] | None = None,
) -> Team:
    members = list(members) if members is not None else None
    if members is not None and any(not member.is_staff_person for member in members):
        raise ValidationError({"members": _("Only staff can be team members.")})
    lead = values.get("lead")
    if lead is not None and not lead.is_agency_member:
        raise ValidationError({"lead": _("The team lead must be a member of the staff.")})
    return object_save(
        actor=actor,
        instance=team or Team(),
        values=_only(values, TEAM_FIELDS),
        many={"members": members} if members is not None else None,
    )


def team_delete(*, actor: User, team: Team) -> None:
    object_delete(actor=actor, instance=team)


@transaction.atomic
def tenant_settings_change(*, actor: User, tenant: Tenant, values: Mapping[str, Any]) -> Tenant:
    fields = _only(values, TENANT_FIELDS)
    # A form's "clear" checkbox gives False (remove the logo), no upload gives None (keep it).
    if fields.get("logo") is False:
        fields["logo"] = ""
    elif "logo" in fields and fields["logo"] is None:
        del fields["logo"]
    try:
        zoneinfo.ZoneInfo(str(fields.get("timezone", tenant.timezone)))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError({"timezone": _("Unknown timezone.")}) from error
    language = fields.get("language", tenant.language)
    enabled = list(fields.get("enabled_languages", tenant.enabled_languages) or [])
    if language not in enabled:
        # The default language is always offered.
        enabled.insert(0, language)
    fields["enabled_languages"] = enabled
    return object_save(
        actor=actor, instance=tenant, values=fields, exclude_validation=("schema_name",)
    )
