"""Fixtures of the configuration API: the configuration area's admin and mail outbox."""

from __future__ import annotations

from tests.configuration.conftest import admin, admin_api, admin_client, outbox

__all__ = ["admin", "admin_api", "admin_client", "outbox"]
