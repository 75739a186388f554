"""Where a signed-in user lands: shared by the login steps (password, two-factor code)
and the doors that sign a user in (invitations)."""

from __future__ import annotations

from django.urls import reverse


def home_url_for(user: object) -> str:
    """Where a user lands after logging in: the portal for customer users, else the inbox."""
    if getattr(user, "is_customer_user", False):
        return reverse("portal:home")
    return reverse("staff:inbox")
