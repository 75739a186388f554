"""Per-request language and timezone: the user's choice, else the tenant's, else the browser's."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django_tenants.utils import get_public_schema_name

from agencydesk.core.regional import operator_language, regional_language_code

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _is_public_host(request: HttpRequest) -> bool:
    tenant = getattr(request, "tenant", None)
    return getattr(tenant, "schema_name", "") == get_public_schema_name()


def language_for_request(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    user_language = getattr(user, "language", "") if user is not None else ""
    if user is not None and user.is_authenticated and user_language in SUPPORTED_LANGUAGES:
        return str(user_language)
    if _is_public_host(request):
        # The operator side belongs to no tenant.
        return operator_language()
    tenant = getattr(request, "tenant", None)
    tenant_language = getattr(tenant, "language", "")
    if tenant_language in SUPPORTED_LANGUAGES:
        return str(tenant_language)
    return translation.get_language_from_request(request)


def regional_code_for_request(request: HttpRequest, language: str) -> str:
    """``language`` with the user's, else the tenant's region (``en-gb``) where it fits."""
    user = getattr(request, "user", None)
    user_region = getattr(user, "locale", "") if user is not None and user.is_authenticated else ""
    tenant = None if _is_public_host(request) else getattr(request, "tenant", None)
    tenant_region = getattr(tenant, "locale", "") or ""
    return regional_language_code(language=language, preferred=(user_region, tenant_region))


def timezone_for_request(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "timezone", ""):
        return str(user.timezone)
    tenant = getattr(request, "tenant", None)
    return str(getattr(tenant, "timezone", "") or settings.TIME_ZONE)


class LanguageAndTimezoneMiddleware:
    """Runs after tenant resolution and authentication, so both can decide."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for_request(request)
        regional_code = regional_code_for_request(request, language)
        translation.activate(regional_code)
        request.LANGUAGE_CODE = regional_code
        try:
            timezone.activate(zoneinfo.ZoneInfo(timezone_for_request(request)))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        # The texts' language; the region only changes how dates and numbers look.
        response.headers.setdefault("Content-Language", language)
        timezone.deactivate()
        return response
