"""The database connection as django-tenants extends it, typed for the checker.

django-stubs types ``django.db.connection`` as a plain ``BaseDatabaseWrapper``; the
django-tenants backend adds the schema attributes used here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from django.db import connection

if TYPE_CHECKING:
    from tenants.models import Tenant


class TenantConnection(Protocol):
    schema_name: str
    tenant: Tenant

    def set_tenant(self, tenant: Tenant, include_public: bool = True) -> None: ...

    def set_schema(self, schema_name: str, include_public: bool = True) -> None: ...

    def set_schema_to_public(self) -> None: ...


def tenant_connection() -> TenantConnection:
    return cast("TenantConnection", connection)
