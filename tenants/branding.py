"""The agency's branding as pages and emails show it."""

from __future__ import annotations

import hashlib

from django.urls import reverse

from tenants.models import Tenant


def logo_path(tenant: Tenant) -> str:
    """The logo's URL path with a version, or "" without a logo. The version changes with the
    stored file, so browsers and mail clients fetch a replaced logo again."""
    if not tenant.logo:
        return ""
    version = hashlib.sha256((tenant.logo.name or "").encode()).hexdigest()[:10]
    return f"{reverse('branding_logo')}?v={version}"
