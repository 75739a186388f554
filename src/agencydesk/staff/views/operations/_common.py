"""Helpers the site-operations staff pages share (the rest come from ``staff.views._common``)."""

from __future__ import annotations

from django.http import HttpRequest

from agencydesk.accounts.models import User


def staff_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]
