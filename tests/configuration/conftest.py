"""Fixtures of the configuration area: a logged-in tenant admin (web and API)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from agencydesk.accounts.models import User
from agencydesk.notifications.models import OutboundMessage
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


@dataclass(frozen=True)
class QueuedMail:
    to: list[str]
    subject: str
    body: str


class QueuedMails:
    """The email outbox rows written so far (what the worker would send), read afresh each
    time they are looked at."""

    def _rows(self) -> list[QueuedMail]:
        return [
            QueuedMail(to=[row.to_email], subject=row.subject, body=row.body_text)
            for row in OutboundMessage.objects.order_by("pk")
        ]

    def __iter__(self) -> Iterator[QueuedMail]:
        return iter(self._rows())

    def __len__(self) -> int:
        return len(self._rows())

    def __getitem__(self, index: int) -> QueuedMail:
        return self._rows()[index]

    def __eq__(self, other: object) -> bool:
        return self._rows() == list(other)  # type: ignore[call-overload]


@pytest.fixture
def outbox(tenant: Tenant) -> QueuedMails:
    """Account mail (invitations, reset links) goes through the email outbox."""
    return QueuedMails()
