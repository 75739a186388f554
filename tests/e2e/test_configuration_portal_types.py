"""A tenant admin enables a ticket type for a customer; its user is offered it at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role, User
from tests.factories import CustomerUserFactory, SiteFactory, TicketTypeFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_admin_enables_a_type_for_a_customer_when_its_user_reports_then_it_is_offered(
    page, browser, browser_context_args, e2e_tenant, tenant_url, login, screenshot
):
    site = SiteFactory(name="Block A")
    enabled = TicketTypeFactory(name={"en": "Broken window", "de": "Fenster defekt"})
    not_enabled = TicketTypeFactory(name={"en": "Snow clearing", "de": "Winterdienst"})
    customer_user = UserFactory(
        email="carla@customer.example", name="Carla Customer", role=Role.CUSTOMER, language="en"
    )
    CustomerUserFactory(user=customer_user, customer=site.customer)
    admin = User.objects.get(role=Role.TENANT_ADMIN)

    login(page, admin)
    page.goto(tenant_url(f"/configuration/customers/{site.customer_id}/tickets/"))
    page.locator(f"input[name=create_{enabled.pk}]").check()
    screenshot(page, "tickets-tab")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"input[name=see_{enabled.pk}]")).to_be_checked()

    customer_page = browser.new_context(**browser_context_args).new_page()
    login(customer_page, customer_user)
    customer_page.get_by_role("link", name="Report a problem").first.click()
    options = customer_page.locator("select[name=ticket_type] option")
    expect(options.filter(has_text="Broken window")).to_have_count(1)
    expect(options.filter(has_text=str(not_enabled.name["en"]))).to_have_count(0)
    screenshot(customer_page, "report-form")
    customer_page.context.close()
