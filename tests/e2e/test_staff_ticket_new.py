"""Creating a ticket on behalf of a customer user: the site and requester lists follow the
chosen customer (htmx) in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.tickets.models import Ticket
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_two_customers_when_creating_on_behalf_then_selects_follow_the_customer(
    page, e2e_tenant, tenant_url, login
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    harbour = SiteFactory(name="Harbour Block B", customer__name="Harbour Offices")
    SiteFactory(name="Mill Loft", customer__name="Mill Studios")
    CustomerUserFactory(customer=harbour.customer, user__name="Cora Customer")

    login(page, staff)
    page.get_by_role("link", name="New ticket").click()
    page.get_by_label("Customer").select_option(label="Harbour Offices")

    site = page.get_by_label("Site")
    expect(site.locator("option", has_text="Harbour Block B")).to_have_count(1)
    expect(site.locator("option", has_text="Mill Loft")).to_have_count(0)
    site.select_option(label="Harbour Block B")
    page.get_by_label("Requester").select_option(label="Cora Customer")
    page.get_by_label("Type").select_option(label="Complaint")
    page.get_by_label("Priority").select_option(label="Low")
    page.get_by_label("Title").fill("Windows not cleaned")
    page.get_by_role("button", name="Create ticket").click()

    expect(page.locator(".messages")).to_contain_text("created")
    ticket = Ticket.objects.get(title="Windows not cleaned")
    expect(page).to_have_url(tenant_url(f"/tickets/{ticket.number}/"))
    assert ticket.requester.name == "Cora Customer"
