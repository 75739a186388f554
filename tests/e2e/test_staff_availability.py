"""The top bar's availability switch in a real browser: htmx swaps it without a reload and
the choice is stored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_an_available_agent_when_clicking_the_switch_twice_then_paused_then_back(
    page, e2e_tenant, login, tenant_url, screenshot
):
    agent = StaffFactory(email="ava@e2e.example", name="Ava Agent", language="en")
    login(page, agent)
    page.goto(tenant_url("/"))
    switch = page.locator("form.availability button")
    expect(switch).to_have_text("Available")

    switch.click()

    expect(switch).to_have_text("Not available")
    expect(switch).to_have_attribute("aria-pressed", "false")
    screenshot(page, "availability-paused")
    agent.refresh_from_db()
    assert agent.is_available is False
    page.reload()
    expect(page.locator("form.availability button")).to_have_text("Not available")

    page.locator("form.availability button").click()

    expect(page.locator("form.availability button")).to_have_text("Available")
    agent.refresh_from_db()
    assert agent.is_available is True
