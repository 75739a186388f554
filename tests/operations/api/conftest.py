from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from tests.conftest import TenantAPIClient


@pytest.fixture
def staff_api(api_client: TenantAPIClient, staff: User) -> TenantAPIClient:
    api_client.force_login(staff)
    return api_client
