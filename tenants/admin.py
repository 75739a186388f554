from django.contrib import admin
from django.http import HttpRequest
from django_tenants.utils import get_public_schema_name

from tenants.connection import tenant_connection
from tenants.models import Domain, Tenant


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    """Operator admin on the public host only."""

    list_display = ("name", "slug", "schema_name", "language", "created_at")
    search_fields = ("name", "slug", "schema_name")
    readonly_fields = ("schema_name", "created_at")
    inlines = [DomainInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return (
            tenant_connection().schema_name == get_public_schema_name()
            and super().has_module_permission(request)
        )
