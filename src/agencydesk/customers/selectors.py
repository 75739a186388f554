"""Reads of customer configuration (portal settings) for the configuration pages and API."""

from __future__ import annotations

from django.db.models import QuerySet

from agencydesk.customers.models import Customer, PortalSettings, PortalTicketTypeRule


def customer_portal_settings(customer: Customer) -> PortalSettings:
    """The stored settings, or unsaved defaults when the customer has none yet."""
    return PortalSettings.objects.filter(customer=customer).first() or PortalSettings(
        customer=customer
    )


def customer_ticket_type_rules(customer: Customer) -> QuerySet[PortalTicketTypeRule]:
    """The customer's per-type rules (types without a rule are neither seen nor created)."""
    return PortalTicketTypeRule.objects.filter(customer=customer).select_related("ticket_type")
