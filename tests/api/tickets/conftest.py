"""Fixtures of this API area: the area's own fixtures and a logged-in staff client."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from tests.conftest import TenantAPIClient
from tests.tickets.conftest import (
    _fresh_attachment_folders,
    admin_user,
    intake,
    published_events,
)

# The fixtures of the area whose API this is (a conftest applies to its own folder only).
__all__ = ["_fresh_attachment_folders", "admin_user", "intake", "published_events", "staff_api"]


@pytest.fixture
def staff_api(api_client: TenantAPIClient, staff: User) -> TenantAPIClient:
    api_client.force_login(staff)
    return api_client
