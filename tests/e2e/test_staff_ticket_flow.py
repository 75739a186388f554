"""The staff member's day in one flow: triage a portal ticket, assign, reply, note, solve."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.tickets.workflow import ticket_create
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_portal_ticket_when_staff_works_it_to_solved_then_page_shows_each_step(
    page, e2e_tenant, tenant_url, login, screenshot
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    StaffFactory(email="cleo@e2e.example", name="Cleo Colleague", language="en")
    site = SiteFactory(name="Block B", customer__name="Harbour Offices")
    requester = CustomerUserFactory(customer=site.customer, user__name="Cora Customer").user
    ticket = ticket_create(
        actor=requester,
        title="Water on the stairs",
        description="Since this morning, near the lift.",
        customer=site.customer,
        site=site,
        ticket_type=None,
        source="portal",
    )

    login(page, staff)
    page.get_by_role("link", name="Needs triage").click()
    expect(page.locator("#inbox-results")).to_contain_text("Water on the stairs")
    screenshot(page, "inbox")
    page.get_by_role("link", name="Water on the stairs").click()
    expect(page).to_have_url(tenant_url(f"/tickets/{ticket.number}/"))

    # Before triage the page offers the triage form only.
    expect(page.locator("#reply")).to_have_count(0)
    triage = page.locator("#triage")
    triage.get_by_label("Type").select_option(label="Report a fault")
    triage.get_by_label("Priority").select_option(label="High")
    triage.get_by_role("button", name="Triage ticket").click()
    expect(page.locator(".messages")).to_contain_text("Ticket triaged.")
    expect(page.get_by_test_id("type")).to_have_text("Report a fault")

    transfer = page.locator("#transfer")
    transfer.get_by_label("Assignee").select_option(label="Cleo Colleague")
    transfer.get_by_label("Internal note (optional)").fill("Cleo has the keys.")
    transfer.get_by_role("button", name="Transfer").click()
    expect(page.get_by_test_id("assignee")).to_have_text("Cleo Colleague")

    reply = page.locator("#reply")
    reply.get_by_label("Public reply").check()
    reply.get_by_label("Message").fill("A caretaker is on the way.")
    reply.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Reply sent.")

    reply = page.locator("#reply")
    reply.get_by_label("Internal note").check()
    reply.get_by_label("Message").fill("Check the pipe behind panel 3.")
    reply.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Internal note added.")

    update = page.locator("#update")
    update.get_by_label("Status").select_option(label="Solved")
    update.get_by_role("button", name="Save").click()

    expect(page.get_by_test_id("status")).to_have_text("Solved")
    expect(page.locator(".message.public")).to_contain_text("A caretaker is on the way.")
    expect(page.locator(".message.internal")).to_have_count(2)  # transfer note + note
    expect(page.locator(".message.internal").last).to_contain_text("panel 3")
    expect(page.locator(".timeline")).to_contain_text("triaged")
    expect(page.locator(".timeline")).to_contain_text("transferred")
    expect(page.locator(".timeline")).to_contain_text("Status: New → Solved")
    screenshot(page, "ticket")
