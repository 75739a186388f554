"""Reads for the configuration pages and API (N+1-free querysets)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from agencydesk.accounts.models import Role, Team, User
from agencydesk.configuration.models import AuditEntry
from agencydesk.customers.models import Customer, CustomerUser, Site
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import CustomField, Ticket, TicketType


def ticket_types_list() -> QuerySet[TicketType]:
    return (
        TicketType.objects.select_related("default_team", "sla_policy")
        .prefetch_related(Prefetch("custom_fields", queryset=CustomField.objects.order_by("order")))
        .annotate(in_use=Exists(Ticket.objects.filter(ticket_type=OuterRef("pk"))))
        .order_by("order", "id")
    )


def sla_policies_list() -> QuerySet[SlaPolicy]:
    return SlaPolicy.objects.prefetch_related(
        Prefetch("ticket_types", queryset=TicketType.objects.order_by("order", "id"))
    ).order_by("name", "id")


def customers_list() -> QuerySet[Customer]:
    return Customer.objects.annotate(
        site_count=Count("sites", distinct=True),
        # Contacts (no portal access) are not users of the portal.
        user_count=Count("users", filter=Q(users__portal_access=True), distinct=True),
    ).order_by("name")


def sites_list() -> QuerySet[Site]:
    return (
        Site.objects.select_related("customer", "manager")
        .prefetch_related("served_customers")
        .order_by("customer__name", "name")
    )


def shared_sites_list() -> QuerySet[Site]:
    """The agency's own sites (no customer), with the customers they serve."""
    return (
        Site.objects.filter(customer__isnull=True)
        .select_related("manager")
        .prefetch_related("served_customers")
    )


def customer_users_list() -> QuerySet[CustomerUser]:
    return CustomerUser.objects.select_related("user", "customer").prefetch_related("sites")


def staff_list() -> QuerySet[User]:
    return (
        User.objects.filter(role__in=[Role.STAFF, Role.TENANT_ADMIN])
        .prefetch_related("teams")
        .order_by("name", "email")
    )


def staff_choices() -> QuerySet[User]:
    return User.objects.filter(role__in=[Role.STAFF, Role.TENANT_ADMIN], is_active=True).order_by(
        "name", "email"
    )


def integrations_list() -> QuerySet[User]:
    """Integration accounts with their API tokens (one query for all tokens)."""
    return (
        User.objects.filter(role=Role.INTEGRATION)
        .prefetch_related("api_tokens")
        .order_by("name", "email")
    )


def users_list() -> QuerySet[User]:
    return (
        User.objects.select_related("customer_profile__customer")
        .prefetch_related("teams", "customer_profile__sites")
        .order_by("name", "email")
    )


def teams_list() -> QuerySet[Team]:
    return Team.objects.prefetch_related("members").order_by("name")


def audit_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
