"""Per-request language and timezone: the user's choice, else the tenant's, else the browser's."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def language_for_request(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    user_language = getattr(user, "language", "") if user is not None else ""
    if user is not None and user.is_authenticated and user_language in SUPPORTED_LANGUAGES:
        return str(user_language)
    tenant = getattr(request, "tenant", None)
    tenant_language = getattr(tenant, "language", "")
    if tenant_language in SUPPORTED_LANGUAGES:
        return str(tenant_language)
    return translation.get_language_from_request(request)


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
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            timezone.activate(zoneinfo.ZoneInfo(timezone_for_request(request)))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        timezone.deactivate()
        return response
