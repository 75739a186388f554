"""``/account/two-factor/``: set up an authenticator (QR code), see the recovery codes once,
turn two-factor authentication off."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.accounts.two_factor import services
from agencydesk.accounts.two_factor.forms import CodeForm
from agencydesk.accounts.two_factor.middleware import two_factor_setup_pending

ViewFunc = Callable[..., HttpResponse]


def two_factor_user_required(view: ViewFunc) -> ViewFunc:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.two_factor_allowed(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _qr_svg(device: Any) -> str:
    # Inline SVG: no image request, nothing for a content security policy to block.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5))  # noqa: S308


@two_factor_user_required
@require_http_methods(["GET", "POST"])
def two_factor_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user: User = request.user
    action = request.POST.get("action", "")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if action == "confirm":
                device, codes = services.totp_setup_confirm(user=user, code=code)
                otp_login(request, device)  # this session now counts as verified
                return render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes})
            if action == "recovery-codes":
                services.two_factor_code_check(user=user, code=code)
                codes = services.recovery_codes_renew(user=user)
                return render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes})
            if action == "disable":
                services.two_factor_disable(user=user, code=code)
                return redirect("accounts:two-factor")
        except ValidationError as error:
            messages = getattr(error, "message_dict", {}).get("code") or error.messages
            form.add_error("code", messages)
    enabled = services.two_factor_enabled(user)
    context: dict[str, Any] = {
        "form": form,
        "enabled": enabled,
        "required": two_factor_setup_pending(request),
    }
    if not enabled:
        device = services.totp_setup_start(user=user)
        context["qr_svg"] = _qr_svg(device)
        context["secret"] = _secret_text(device)
    context["title"] = _("Two-factor authentication")
    return render(request, "accounts/two_factor.html", context)


def _secret_text(device: Any) -> str:
    """The key for typing it into an app by hand (base32, in groups of four)."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
