"""The support admin shows issues, contractors and work orders read-only."""

from __future__ import annotations

import pytest

from tests.factories import TenantAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_client(client):
    client.force_login(TenantAdminFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["contractor", "issue", "workorder"])
def test_given_operations_data_when_support_opens_it_then_read_only(
    support_client, issue, work_order, contractor, model
):
    obj = {"contractor": contractor, "issue": issue, "workorder": work_order}[model]
    url = f"/support-admin/operations/{model}/"

    listing = support_client.get(url)
    page = support_client.get(f"{url}{obj.pk}/change/")
    change = support_client.post(f"{url}{obj.pk}/change/", {})
    add = support_client.get(f"{url}add/")

    assert (listing.status_code, page.status_code) == (200, 200)
    assert (change.status_code, add.status_code) == (403, 403)
