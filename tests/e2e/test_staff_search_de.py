"""Search in a German agency's inbox, in a real browser: a ticket opened the way the demo
loader opens its tickets (the workflow under ``schema_context``) is found by its German words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from agencydesk.customers.services import portal_settings_allow_all_types
from agencydesk.devtools.demo.tickets import demo_tickets_create
from tenants.models import Tenant
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory
from tests.live_tenant import live_tenant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def e2e_tenant(live_server: Any) -> Iterator[Tenant]:
    """Like the shared fixture, but a German agency (its starter types are German)."""
    with live_tenant(slug_prefix="e2e", name="E2E Gebäudeservice", language="de") as tenant:
        yield tenant


def test_given_demo_like_ticket_when_searching_stoerung_then_found(
    page, e2e_tenant, login, screenshot
):
    staff = StaffFactory(email="jana@e2e.example", name="Jana Becker", language="de")
    site = SiteFactory(name="Lindenstraße 12", customer__name="Hausverwaltung Lindenhof")
    requester = CustomerUserFactory(customer=site.customer, user__name="Herr Hausmeister").user
    portal_settings_allow_all_types(customer=site.customer)
    # Exactly how the demo loader runs (its titles come from the types' German names).
    with schema_context(e2e_tenant.schema_name), translation.override("de"):
        demo_tickets_create(users=[requester], staff=[staff])

    login(page, staff)
    search = page.locator("#id_q")
    search.fill("Störung")
    search.press("Enter")

    rows = page.locator("#inbox-results tbody tr")
    expect(rows.first).to_contain_text("Störung melden – Lindenstraße 12")
    expect(rows).to_have_count(1)
    search.fill("Lindenstraße")
    search.press("Enter")
    expect(page.locator("#inbox-results")).to_contain_text("Störung melden – Lindenstraße 12")
    screenshot(page, "search")
