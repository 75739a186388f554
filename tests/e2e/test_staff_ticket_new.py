"""Creating a ticket on behalf of a customer user: the site and requester lists follow the
chosen customer (htmx) in a real browser; a caller without a login becomes a contact."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from agencydesk.customers.models import CustomerUser
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Ticket
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory
from tests.tickets.conftest import PNG_BYTES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@contextmanager
def _choices_reloaded(page: Page) -> Iterator[None]:
    """Wait until htmx has fetched and swapped in the new site and requester lists."""
    with page.expect_response(lambda response: "/tickets/new/choices/" in response.url):
        yield
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")


def test_given_two_customers_when_creating_on_behalf_then_selects_follow_the_customer(
    page, e2e_tenant, tenant_url, login
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    harbour = SiteFactory(name="Harbour Block B", customer__name="Harbour Offices")
    SiteFactory(name="Mill Loft", customer__name="Mill Studios")
    CustomerUserFactory(customer=harbour.customer, user__name="Cora Customer")

    login(page, staff)
    page.get_by_role("link", name="New ticket").click()
    page.wait_for_load_state("networkidle")  # htmx is ready before the customer is chosen
    with _choices_reloaded(page):
        page.get_by_label("Customer").select_option(label="Harbour Offices")

    site = page.get_by_label("Site")
    expect(site.locator("option", has_text="Harbour Block B")).to_have_count(1)
    expect(site.locator("option", has_text="Mill Loft")).to_have_count(0)
    with _choices_reloaded(page):
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


def test_given_a_caller_without_login_when_staff_open_a_ticket_with_a_photo_then_contact_created(
    page, e2e_tenant, tenant_url, login, tmp_path
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    SiteFactory(name="Harbour Block B", customer__name="Harbour Offices")
    photo = tmp_path / "leak.png"
    photo.write_bytes(PNG_BYTES)

    login(page, staff)
    page.get_by_role("link", name="New ticket").click()
    page.wait_for_load_state("networkidle")  # htmx is ready before the customer is chosen
    with _choices_reloaded(page):
        page.get_by_label("Customer").select_option(label="Harbour Offices")
    page.get_by_text("New contact (a caller without portal access)").click()
    page.get_by_label("Name", exact=True).fill("Carl Caller")
    page.get_by_label("Email address").fill("carl@caller.example")
    page.get_by_label("Phone").fill("+44 20 7946 0000")
    page.get_by_label("Type").select_option(label="Complaint")
    page.get_by_label("Priority").select_option(label="High")
    page.get_by_label("Assignee").select_option(label="Sam Staff")
    page.get_by_label("Title").fill("Water dripping in the lobby")
    page.get_by_label("Attachments").set_input_files(str(photo))
    page.get_by_role("button", name="Create ticket").click()

    expect(page.locator(".messages")).to_contain_text("created")
    ticket = Ticket.objects.get(title="Water dripping in the lobby")
    expect(page).to_have_url(tenant_url(f"/tickets/{ticket.number}/"))
    expect(page.get_by_text("leak.png")).to_be_visible()
    contact = CustomerUser.objects.get(user=ticket.requester)
    assert (contact.user.name, contact.portal_access, contact.phone) == (
        "Carl Caller",
        False,
        "+44 20 7946 0000",
    )
    assert (ticket.assignee, ticket.visibility) == (staff, "unpublished")
    assert OutboundMessage.objects.filter(
        ticket=ticket, kind="received", to_email="carl@caller.example"
    ).exists()
