"""Portal settings changes from the configuration side: the customers services, audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_changes
from agencydesk.customers.models import Customer, CustomerUser, PortalSettings
from agencydesk.customers.services import (
    TypeRule,
    customer_user_ticket_types_narrow,
    portal_settings_change,
)


def _rules_state(rules: Any) -> list[list[Any]]:
    return sorted([rule.ticket_type_id, rule.can_see, rule.can_create] for rule in rules)


def _customer_state(customer: Customer) -> dict[str, Any]:
    stored = PortalSettings.objects.filter(customer=customer).first()
    return {
        "ticket_types": _rules_state(customer.ticket_type_rules.all()),
        "show_resolution_report": bool(stored and stored.show_resolution_report),
        "notify_by_default": stored.notify_by_default if stored else True,
    }


@transaction.atomic
def customer_portal_settings_change(
    *,
    actor: User,
    customer: Customer,
    ticket_types: Sequence[TypeRule] | None = None,
    show_resolution_report: bool | None = None,
    notify_by_default: bool | None = None,
) -> PortalSettings:
    """Replace the customer's per-type rules and/or its options; takes effect at once."""
    before = _customer_state(customer)
    settings_row = portal_settings_change(
        customer=customer,
        ticket_types=ticket_types,
        show_resolution_report=show_resolution_report,
        notify_by_default=notify_by_default,
    )
    audit_changes(
        actor=actor,
        target=customer,
        before=before,
        after=_customer_state(customer),
        object_type="portalsettings",
    )
    return settings_row


@transaction.atomic
def customer_user_portal_narrow(
    *, actor: User, profile: CustomerUser, ticket_types: Sequence[TypeRule] | None
) -> CustomerUser:
    """Narrow one customer user's ticket types (None: the customer's settings apply)."""

    def state() -> dict[str, Any]:
        return {
            "narrow_ticket_types": profile.narrow_ticket_types,
            "ticket_types": _rules_state(profile.ticket_type_rules.all()),
        }

    before = state()
    customer_user_ticket_types_narrow(customer_user=profile, ticket_types=ticket_types)
    audit_changes(
        actor=actor, target=profile, before=before, after=state(), object_type="portalsettings"
    )
    return profile
