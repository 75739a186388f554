"""A staff member logs in through the browser and lands in the inbox."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_staff_member_when_logging_in_then_inbox_is_shown(
    page, e2e_tenant, tenant_url, login, screenshot
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")

    login(page, staff)

    expect(page).to_have_url(tenant_url("/"))
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    expect(page.locator(".usermenu")).to_contain_text("Sam Staff")
    screenshot(page, "inbox")
