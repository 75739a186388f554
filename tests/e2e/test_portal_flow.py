"""A customer user logs in, reports a problem with a photo and finds it in their list."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role
from agencydesk.tickets.models import Ticket
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, UserFactory
from tests.tickets.conftest import PNG_BYTES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_customer_user_when_reporting_with_photo_then_ticket_is_listed(
    page, e2e_tenant, tenant_url, login, screenshot
):
    site = SiteFactory(name="Block A")
    rule = PortalTicketTypeRuleFactory(
        customer=site.customer, ticket_type__name={"en": "Broken window", "de": "Fenster defekt"}
    )
    user = UserFactory(
        email="carla@customer.example", name="Carla Customer", role=Role.CUSTOMER, language="en"
    )
    CustomerUserFactory(user=user, customer=site.customer)

    login(page, user)
    expect(page.get_by_role("heading", name="My tickets")).to_be_visible()
    page.get_by_role("link", name="Report a problem").first.click()
    with page.expect_response("**/portal/report/fields/"):  # the dependent fields swap
        page.locator("select[name=ticket_type]").select_option(str(rule.ticket_type_id))
    page.locator("input[name=title]").fill("Window in the stairwell is cracked")
    page.locator("textarea[name=description]").fill("Second floor, next to the lift.")
    page.locator("input[name=attachments]").set_input_files(
        {"name": "window.png", "mimeType": "image/png", "buffer": PNG_BYTES}
    )
    screenshot(page, "report-form")
    page.get_by_role("button", name="Send report").click()

    expect(page.get_by_role("heading", name="Window in the stairwell is cracked")).to_be_visible()
    expect(page.get_by_role("link", name="window.png")).to_be_visible()
    page.get_by_role("link", name="My tickets").first.click()
    expect(page.get_by_text("Window in the stairwell is cracked")).to_be_visible()
    screenshot(page, "my-tickets")
    ticket = Ticket.objects.get(title="Window in the stairwell is cracked")
    assert (ticket.requester, ticket.site, ticket.source) == (user, site, "portal")
    assert ticket.attachments.count() == 1
