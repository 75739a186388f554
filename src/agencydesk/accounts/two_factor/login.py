"""The login's second step: after the password, users with an authenticator enter a code.

The password step keeps only the user's id in the session (not logged in); this step logs
the user in once a code matches, and marks the session as verified (django-otp).
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import login as auth_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from agencydesk.accounts.landing import home_url_for
from agencydesk.accounts.models import User
from agencydesk.accounts.two_factor.forms import CodeForm
from agencydesk.accounts.two_factor.services import two_factor_code_check

PENDING_KEY = "two_factor_pending"
PENDING_SECONDS = 300


def two_factor_login_begin(request: HttpRequest, *, user: User, next_url: str) -> HttpResponse:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "next": next_url,
        "at": time.time(),
    }
    return redirect("accounts:login-two-factor")


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


def login_two_factor(request: HttpRequest) -> HttpResponse:
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("accounts:login")
    user, pending = found
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor_code_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.pop(PENDING_KEY, None)
            user.otp_device = device  # type: ignore[attr-defined]  # django-otp's login hook
            auth_login(request, user, backend=pending["backend"] or None)
            target = str(pending.get("next") or "")
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = home_url_for(user)
            return redirect(target)
    return render(request, "accounts/login_two_factor.html", {"form": form})
