"""The staff inbox in a real browser: every ticket is reachable, searches by reference keep
the URL short, and the list works on a 390 px phone screen without sideways scrolling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow import ticket_create
from tests.factories import SiteFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _ticket(staff, site, title: str) -> Ticket:
    return ticket_create(
        actor=staff,
        title=title,
        customer=site.customer,
        site=site,
        ticket_type=None,
        priority="medium",
        source="staff",
    )


@pytest.fixture
def staff(e2e_tenant):
    return StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")


@pytest.fixture
def site(e2e_tenant):
    return SiteFactory(name="Block B", customer__name="Harbour Offices")


def test_given_ticket_closed_30_days_ago_when_all_tickets_opened_then_it_is_listed(
    page, e2e_tenant, login, staff, site, screenshot
):
    old = _ticket(staff, site, "Broken gate, fixed last month")
    month_ago = timezone.now() - timedelta(days=30)
    Ticket.objects.filter(pk=old.pk).update(
        status=Status.CLOSED, solved_at=month_ago, closed_at=month_ago, updated_at=month_ago
    )
    _ticket(staff, site, "Lights out in the lobby")

    login(page, staff)
    expect(page.locator("#inbox-results")).not_to_contain_text("Broken gate")
    page.get_by_role("link", name="All tickets").click()

    results = page.locator("#inbox-results")
    expect(results).to_contain_text("Broken gate, fixed last month")
    expect(results).to_contain_text("Lights out in the lobby")
    # A status filter inside the view narrows it to the closed ticket, shown as a chip.
    page.locator("#id_status").select_option(label="Closed")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results.locator(".chip")).to_contain_text("Status: Closed")
    screenshot(page, "all-tickets")


def test_given_reference_when_searched_three_times_then_found_and_url_stays_short(
    page, e2e_tenant, login, staff, site, tenant_url
):
    tickets = [_ticket(staff, site, f"Ticket number {n}") for n in range(1, 5)]
    wanted = tickets[3]
    reference = f"{e2e_tenant.ticket_prefix}{wanted.number}"
    assert reference.startswith("E2E-")

    login(page, staff)
    search = page.locator("#id_q")
    for text in ("lobby", "gate", reference):
        search.fill(text)
        search.press("Enter")
        expect(page).to_have_url(tenant_url(f"/?q={text}"))

    rows = page.locator("#inbox-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(reference)
    expect(rows.first).to_contain_text("Ticket number 4")
    assert len(page.url) < 80
    # A search looks through every ticket: the sidebar says so.
    current = page.locator('#saved-views a[aria-current="page"]')
    expect(current).to_have_attribute("data-view", "all")


def test_given_phone_width_when_inbox_opened_then_no_horizontal_scrolling(
    page, e2e_tenant, login, staff, site, screenshot
):
    _ticket(staff, site, "A rather long title about the heating in the north wing, floor 3")
    page.set_viewport_size({"width": 390, "height": 844})

    login(page, staff)
    expect(page.locator("#inbox-results")).to_contain_text("north wing")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390
    expect(page.get_by_role("link", name="A rather long title")).to_be_visible()
    screenshot(page, "phone")
