"""Under the Content-Security-Policy the pages still work in a real browser: the agency's
accent colour applies through the nonce'd style, ticket type colours show, htmx updates the
inbox, and Chromium reports no violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from agencydesk.tickets.workflow import ticket_create
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_a_branded_tenant_when_staff_use_the_inbox_then_nothing_violates_the_policy(
    page, e2e_tenant, tenant_url, login
):
    e2e_tenant.accent_color = "#ff8800"
    e2e_tenant.save(update_fields=["accent_color"])
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    site = SiteFactory(name="Block B", customer__name="Harbour Offices")
    ticket_type = TicketTypeFactory(color="#123456")
    for title in ("Water on the stairs", "Broken window"):
        ticket_create(
            actor=staff,
            title=title,
            description="Since this morning.",
            customer=site.customer,
            site=site,
            ticket_type=ticket_type,
            source="staff",
        )
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    login(page, staff)
    expect(page).to_have_url(tenant_url("/"))
    accent = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
    )
    dot_colour = page.locator(".type-dot circle").first.get_attribute("fill")
    page.locator("#id_q").press_sequentially("window")  # htmx requests on keyup

    expect(page).to_have_url(re.compile(r"[?&]q=window"))  # hx-push-url after the swap
    expect(page.locator("#inbox-results")).not_to_contain_text("Water on the stairs")
    expect(page.locator("#inbox-results")).to_contain_text("Broken window")
    assert accent == "#ff8800"
    assert dot_colour == "#123456"
    assert violations == []
