"""The assignee's bell counts a customer's public reply without a reload; a canned reply
goes into the reply box with its placeholders filled, and sets the status on sending."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role
from agencydesk.tickets.models import Status, Ticket, Visibility
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.workflow import ticket_create
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, UserFactory
from tests.tickets.factories import CannedReplyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_an_assignee_on_a_page_when_the_customer_replies_then_the_bell_counts_it_live(
    page, browser, e2e_tenant, tenant_url, login, screenshot, settings
):
    settings.NOTIFICATION_POLL_SECONDS = 1  # the production default is 20 s
    site = SiteFactory(name="Block A")
    rule = PortalTicketTypeRuleFactory(customer=site.customer, ticket_type__name={"en": "Repair"})
    agent = StaffFactory(email="alex@agency.example", name="Alex Agent", language="en")
    customer = UserFactory(
        email="carla@customer.example", name="Carla Customer", role=Role.CUSTOMER, language="en"
    )
    CustomerUserFactory(user=customer, customer=site.customer)
    ticket = ticket_create(
        actor=agent,
        title="Lift is stuck",
        customer=site.customer,
        site=site,
        ticket_type=rule.ticket_type,
        requester=customer,
        assignee=agent,
        visibility=Visibility.SITE,
        source="staff",
    )
    CannedReplyFactory(
        title="Technician booked",
        body="Dear {requester_name}, a technician visits {site} for {reference}. {agent_name}",
        status=Status.WAITING,
    )

    # The assignee works on the ticket page; the bell shows nothing unread yet.
    login(page, agent)
    page.goto(tenant_url(f"/tickets/{ticket.number}/"))
    bell = page.get_by_test_id("bell-count")
    expect(bell).to_have_attribute("data-count", "0")
    page.evaluate("window.sameDocument = true")  # gone if the page were reloaded

    # Meanwhile the customer replies in the portal (a browser of their own).
    portal = browser.new_context(locale="en-GB")
    customer_page = portal.new_page()
    login(customer_page, customer)
    customer_page.goto(tenant_url(f"/portal/tickets/{ticket.number}/"))
    customer_page.locator("textarea[name=body]").fill("It is still stuck on floor 3.")
    customer_page.get_by_role("button", name="Send reply").click()
    expect(customer_page.get_by_text("It is still stuck on floor 3.")).to_be_visible()
    portal.close()

    # Without a reload the assignee's bell counts the reply.
    expect(bell).to_have_attribute("data-count", "1", timeout=10_000)
    expect(bell).to_have_text("1")
    assert page.evaluate("window.sameDocument") is True
    screenshot(page, "bell-counts-reply")

    # A canned reply is inserted with its placeholders filled, and sets "waiting" on sending.
    page.get_by_test_id("canned-select").select_option(label="Technician booked")
    reply_box = page.locator("textarea[name=body]")
    reference = ticket_reference(ticket.number, tenant=e2e_tenant)
    expect(reply_box).to_have_value(
        f"Dear Carla Customer, a technician visits Block A for {reference}. Alex Agent"
    )
    expect(page.get_by_test_id("reply-then")).to_contain_text("Waiting")
    screenshot(page, "canned-reply-inserted")
    page.get_by_role("button", name="Send", exact=True).click()

    expect(page.get_by_text("a technician visits Block A")).to_be_visible()
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.status == Status.WAITING
    assert ticket.comments.filter(internal=False, author=agent).count() == 1

    # The bell's list shows the reply; opening it marks it read.
    page.get_by_test_id("bell").click()
    entry = page.get_by_test_id("notification").first
    expect(entry).to_contain_text("Carla Customer replied on")
    entry.get_by_role("button", name="Open").click()
    expect(page.get_by_test_id("bell-count")).to_have_attribute("data-count", "0")
