from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django_tenants.utils import get_public_schema_name

from tenants.branding import logo_path
from tenants.models import Tenant


def tenant(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "tenant", None)
    is_tenant = isinstance(current, Tenant) and current.schema_name != get_public_schema_name()
    user = getattr(request, "user", None)
    # The brand link leads to the signed-in audience's own start page (customer users have
    # no staff inbox at "/").
    is_customer = bool(is_tenant and user is not None and getattr(user, "is_customer_user", False))
    return {
        "tenant": current,
        "audience_home_url": reverse("portal:home") if is_customer else "/",
        "tenant_logo_url": logo_path(current) if is_tenant else "",  # type: ignore[arg-type]
    }
