"""Support view of customers, sites and portal access: read-only (changes go through the
configuration services, with audit)."""

from django.contrib import admin

from agencydesk.core.admin import ReadOnlyAdminMixin
from agencydesk.customers.models import (
    Customer,
    CustomerUser,
    CustomerUserTicketTypeRule,
    PortalSettings,
    PortalTicketTypeRule,
    Site,
)


class SiteInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Site
    extra = 0


class PortalSettingsInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = PortalSettings
    extra = 0


class PortalTicketTypeRuleInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PortalTicketTypeRule
    extra = 0


@admin.register(Customer)
class CustomerAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "name", "email", "is_active")
    search_fields = ("number", "name")
    inlines = [SiteInline, PortalSettingsInline, PortalTicketTypeRuleInline]


@admin.register(Site)
class SiteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "customer", "manager", "is_active")
    list_filter = ("customer",)
    search_fields = ("name", "code")


class CustomerUserTicketTypeRuleInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CustomerUserTicketTypeRule
    extra = 0


@admin.register(CustomerUser)
class CustomerUserAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "customer", "role", "all_sites", "narrow_ticket_types")
    filter_horizontal = ("sites",)
    inlines = [CustomerUserTicketTypeRuleInline]
