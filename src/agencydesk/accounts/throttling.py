"""DRF throttles keyed by the real client address within the tenant, open when the cache
is down: refusing every request (or answering 500) because Redis is unreachable would turn a
cache outage into a login outage, and the account lockout (database) still holds."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from rest_framework import throttling
from rest_framework.settings import api_settings

from agencydesk.accounts.client_ip import client_ip

logger = logging.getLogger(__name__)


class _ResilientThrottleMixin:
    scope: str | None

    def get_ident(self, request: Any) -> str:
        return f"{getattr(connection, 'schema_name', '')}:{client_ip(request)}"

    def get_rate(self) -> str | None:
        # Read on every request (not once at import) so the rates follow the settings.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return bool(super().allow_request(request, view))  # type: ignore[misc]
        except Exception:  # any cache failure: connection refused, timeout, …
            logger.warning("Throttle cache unavailable; request let through", exc_info=True)
            return True


class AnonThrottle(_ResilientThrottleMixin, throttling.AnonRateThrottle):
    pass


class UserThrottle(_ResilientThrottleMixin, throttling.UserRateThrottle):
    pass


class TokenEndpointThrottle(_ResilientThrottleMixin, throttling.ScopedRateThrottle):
    """``auth-token`` rate for the password → token exchange."""

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
