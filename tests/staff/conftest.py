"""Fixtures of the staff UI: a logged-in staff client (the customer's world and its tickets
come from tests/workflow_fixtures.py)."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from tests.conftest import TenantClient
from tests.reports.conftest import scenario  # the report's hand-made tickets (test_reports.py)

__all__ = ["scenario", "staff_client"]


@pytest.fixture
def staff_client(client: TenantClient, staff: User) -> TenantClient:
    client.force_login(staff)
    return client
