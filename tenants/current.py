"""The tenant whose schema the database connection is in: the one way to ask for it."""

from __future__ import annotations

from tenants.connection import tenant_connection
from tenants.models import Tenant


def current_tenant() -> Tenant:
    """The current tenant's row. A request's connection carries it (TenantMainMiddleware
    sets it, the same object as ``request.tenant``); ``schema_context`` (tasks, commands)
    sets a stand-in without the tenant's fields, so the row is read by its schema then."""
    connection = tenant_connection()
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Tenant):
        return tenant
    return Tenant.objects.get(schema_name=connection.schema_name)
