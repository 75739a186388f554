"""Tenant isolation of the bell and of canned replies: another agency's rows never show,
even for a user with the same address (users live per tenant schema)."""

from __future__ import annotations

import pytest

from tests.conftest import in_schema
from tests.factories import StaffFactory
from tests.notifications.factories import InAppNotificationFactory
from tests.tickets.factories import CannedReplyFactory

pytestmark = pytest.mark.django_db


def test_given_notifications_and_canned_replies_in_another_tenant_then_none_show_here(
    tenant, other_tenant, client_for
):
    here = StaffFactory(email="alice@example.com")
    CannedReplyFactory(title="Alpha answer")
    with in_schema(other_tenant):
        there = StaffFactory(email="alice@example.com")
        InAppNotificationFactory.create_batch(3, recipient=there)
        CannedReplyFactory(title="Beta answer")
        CannedReplyFactory(title="Beta personal", owner=there)
    api = client_for(tenant, api=True)
    api.force_login(here)

    assert api.get("/api/v1/notifications/unread-count/").json() == {"count": 0}
    assert api.get("/api/v1/notifications/").json()["count"] == 0
    titles = [row["title"] for row in api.get("/api/v1/canned-replies/").json()["results"]]
    assert titles == ["Alpha answer"]
