"""Logins: the model backend, except that contacts (no portal access) never log in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from agencydesk.accounts.models import User
from agencydesk.customers.portal_profiles import is_contact

# The dotted path sessions record for logins made outside ``authenticate`` (invitations).
PORTAL_ACCESS_BACKEND = "agencydesk.customers.authentication.PortalAccessBackend"


class PortalAccessBackend(ModelBackend):
    """Email and password, refusing contacts and integration accounts even if a password
    was ever set for one.

    Only ``authenticate`` asks, so a logged-in user's requests cost no extra query.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and (is_contact(user) or user.is_integration):
            return None  # integration accounts use API tokens only
        return user
