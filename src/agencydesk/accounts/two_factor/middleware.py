"""Tenant setting ``require_two_factor``: staff without an authenticator are sent to set it
up before anything else (API requests get a 403 saying so)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.accounts.two_factor.services import two_factor_enabled

# Pages a user must still reach while set-up is pending.
_OPEN_PREFIXES = ("/account/two-factor/", "/logout/", "/login/", "/static/", "/health/", "/i18n/")


def two_factor_setup_missing(tenant: object, user: User) -> bool:
    """The tenant requires two-factor authentication and this agency member has none yet."""
    if not getattr(tenant, "require_two_factor", False) or not user.is_staff_person:
        return False
    return not two_factor_enabled(user)


def two_factor_setup_pending(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_verified():  # set by django-otp's middleware: a verified session has a device
        return False
    return two_factor_setup_missing(getattr(request, "tenant", None), user)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(_OPEN_PREFIXES) and two_factor_setup_pending(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication first (/account/two-factor/).")},
                    status=403,
                )
            return redirect(reverse("accounts:two-factor"))
        return self.get_response(request)
