"""``Authorization: Token <key>`` against the current tenant's token table."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from agencydesk.accounts.models import ApiToken, hash_token
from agencydesk.accounts.two_factor.middleware import two_factor_setup_missing

LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from error
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
        if token is None or not token.user.is_active or token.is_expired:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if two_factor_setup_missing(getattr(request, "tenant", None), token.user):
            raise exceptions.AuthenticationFailed(
                _("Set up two-factor authentication first (/account/two-factor/).")
            )
        _record_use(token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


def _record_use(token: ApiToken) -> None:
    """At most one write per token and minute: a busy script must not turn every read into
    an UPDATE of the same row."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
