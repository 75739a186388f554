"""Views every audience of a tenant shares: its branding."""

from __future__ import annotations

import mimetypes

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from tenants.models import Tenant


@require_GET
def tenant_logo(request: HttpRequest) -> HttpResponse:
    """The agency's logo: public like its name (login page, portal, emails). Links carry a
    version parameter, so a replaced logo is fetched again."""
    tenant = getattr(request, "tenant", None)
    if not isinstance(tenant, Tenant) or not tenant.logo:
        raise Http404
    content_type = mimetypes.guess_type(tenant.logo.name or "")[0] or "application/octet-stream"
    with tenant.logo.open("rb") as stream:  # a logo is small: no streaming needed
        response = HttpResponse(stream.read(), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
