"""How django-axes names accounts and answers a locked-out login (settings ``AXES_*``).

Users live per tenant schema, so ``alice@x`` in one tenant is a different account from
``alice@x`` in another: the lockout identity is ``<schema>:<email>``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy

# The login forms' email field; django-axes reads it (AXES_USERNAME_FORM_FIELD's default).
USERNAME_FIELD = "username"
LOCKED_OUT_MESSAGE = gettext_lazy(
    "Too many failed login attempts for this account. Please try again in 15 minutes."
)


# axes.models.AccessAttempt.username (and AccessLog, AccessFailureLog) is a varchar(255).
AXES_USERNAME_MAX_LENGTH = 255


def tenant_qualified_username(request: HttpRequest | None, credentials: dict | None) -> str:
    email = ""
    if credentials:
        email = str(credentials.get(USERNAME_FIELD) or credentials.get("email") or "")
    elif request is not None:
        email = str(request.POST.get(USERNAME_FIELD, ""))
    schema = getattr(connection, "schema_name", "")
    qualified = f"{schema}:{email.strip().lower()}"
    if len(qualified) <= AXES_USERNAME_MAX_LENGTH:
        return qualified
    # A long (still valid) address and the tenant do not fit axes' column: a digest of the
    # address counts the same failures and stays within it.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"{schema}:sha256:{digest}"


def is_locked_out(request: Any) -> bool:
    """Set by django-axes' backend on the Django request when it refused a locked account."""
    return bool(getattr(request, "axes_locked_out", False))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """API: 429 with a JSON message. Web forms show the lockout as their own form error
    (see ``LockoutAwareFormMixin``), so their page is kept."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(LOCKED_OUT_MESSAGE)}, status=429)
    if original_response is not None:
        return original_response
    return HttpResponse(str(LOCKED_OUT_MESSAGE), status=429, content_type="text/plain")
