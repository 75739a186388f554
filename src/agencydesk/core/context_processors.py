from typing import Any

from django.http import HttpRequest
from django_tenants.utils import get_public_schema_name

from agencydesk.core.branding import logo_path
from tenants.models import Tenant


def tenant(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "tenant", None)
    is_tenant = isinstance(current, Tenant) and current.schema_name != get_public_schema_name()
    return {
        "tenant": current,
        "tenant_logo_url": logo_path(current) if is_tenant else "",  # type: ignore[arg-type]
    }
