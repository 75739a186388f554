"""Fixtures of the configuration area: a logged-in tenant admin (web and API)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from agencydesk.accounts.models import User
from tenants.models import Tenant
from tests.factories import TenantAdminFactory


@pytest.fixture
def admin(tenant: Tenant) -> User:
    return TenantAdminFactory(email="ada@example.com", language="en")


@pytest.fixture
def admin_client(client_for: Any, tenant: Tenant, admin: User) -> Any:
    browser = client_for(tenant)
    browser.force_login(admin)
    return browser


@pytest.fixture
def admin_api(client_for: Any, tenant: Tenant, admin: User) -> Any:
    api = client_for(tenant, api=True)
    api.force_login(admin)
    return api


@pytest.fixture
def outbox(settings: Any) -> list[Any]:
    """Django's in-memory mail backend: what the mail API handed over for delivery."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
