"""The site tree in the browser: a block-wide report, publishing a staff ticket, per-site
references."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.customers.models import Site
from agencydesk.tickets.models import Ticket, Visibility
from agencydesk.tickets.workflow import ticket_create
from tenants.models import Tenant
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _block_with_units() -> tuple[Site, Site, Site]:
    block = SiteFactory(name="Block A", code="BLK", level_name="Block")
    units = [
        SiteFactory(
            customer=block.customer,
            name=f"Unit {n}",
            code=f"U{n}",
            parent=block,
            ancestors=[block.pk],
            level_name="Unit",
        )
        for n in (1, 2)
    ]
    return block, units[0], units[1]


def _holder(site: Site, email: str) -> object:
    profile = CustomerUserFactory(
        customer=site.customer, all_sites=False, user__email=email, user__language="en"
    )
    profile.sites.add(site)
    return profile.user


def test_given_a_unit_holder_when_reporting_for_the_block_then_another_units_holder_sees_it(
    page, e2e_tenant, tenant_url, login, screenshot
):
    block, unit1, unit2 = _block_with_units()
    rule = PortalTicketTypeRuleFactory(
        customer=block.customer, ticket_type__name={"en": "Repair", "de": "Reparatur"}
    )
    holder1 = _holder(unit1, "unit1@quayside.example")
    holder2 = _holder(unit2, "unit2@quayside.example")

    login(page, holder1)
    page.get_by_role("link", name="Report a problem").first.click()
    page.wait_for_load_state("networkidle")  # htmx is ready before the type is chosen
    with page.expect_response("**/portal/report/fields/"):  # the dependent fields swap
        page.locator("select[name=ticket_type]").select_option(str(rule.ticket_type_id))
    # Who may see it, in the words of the levels: the unit, the block, the management.
    expect(page.get_by_label("Unit", exact=True)).to_be_visible()
    expect(page.get_by_label("Management", exact=True)).to_be_visible()
    page.get_by_label("Block", exact=True).check()
    page.locator("input[name=title]").fill("Front door of the block does not lock")
    screenshot(page, "report-for-the-block")
    page.get_by_role("button", name="Send report").click()
    expect(
        page.get_by_role("heading", name="Front door of the block does not lock")
    ).to_be_visible()

    page.context.clear_cookies()
    login(page, holder2)
    expect(page.get_by_text("Front door of the block does not lock")).to_be_visible()
    screenshot(page, "seen-in-unit-2")
    ticket = Ticket.objects.get(title="Front door of the block does not lock")
    assert (ticket.site, ticket.visibility) == (block, Visibility.SITE)


def test_given_a_staff_ticket_when_published_then_it_appears_in_the_portal(
    page, e2e_tenant, tenant_url, login, screenshot
):
    block, unit1, _unit2 = _block_with_units()
    rule = PortalTicketTypeRuleFactory(customer=block.customer)
    holder = _holder(unit1, "unit1@quayside.example")
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    ticket = ticket_create(
        actor=staff,
        title="Lift maintenance on Friday",
        customer=block.customer,
        site=block,
        ticket_type=rule.ticket_type,
        priority="medium",
        source="staff",
    )
    assert ticket.visibility == Visibility.UNPUBLISHED  # the tenant's staff default

    login(page, holder)
    expect(page.get_by_text("Lift maintenance on Friday")).to_have_count(0)

    page.context.clear_cookies()
    login(page, staff)
    page.goto(tenant_url(f"/tickets/{ticket.number}/"))
    expect(page.locator(".ticket-badges")).to_contain_text("Unpublished")
    page.locator("#publish").get_by_label("Show in the portal to").select_option("site")
    page.locator("#publish").get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("Ticket published to the portal.")
    screenshot(page, "published")

    page.context.clear_cookies()
    login(page, holder)
    expect(page.get_by_text("Lift maintenance on Friday")).to_be_visible()
    ticket.refresh_from_db()
    assert ticket.activities.filter(verb="published").count() == 1


def test_given_numbering_per_site_when_tickets_are_shown_then_their_site_references_show(
    page, e2e_tenant, tenant_url, login, screenshot
):
    Tenant.objects.filter(pk=e2e_tenant.pk).update(numbering="site")
    e2e_tenant.numbering = "site"
    block, unit1, _unit2 = _block_with_units()
    rule = PortalTicketTypeRuleFactory(customer=block.customer)
    holder = _holder(unit1, "unit1@quayside.example")
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    for title in ("Bin store flooded", "Light out in hallway"):
        ticket_create(
            actor=holder,
            title=title,
            customer=unit1.customer,
            site=unit1,
            ticket_type=rule.ticket_type,
            priority="medium",
            source="portal",
        )

    login(page, holder)
    expect(page.locator("main")).to_contain_text("U1-1")
    expect(page.locator("main")).to_contain_text("U1-2")
    screenshot(page, "portal-references")

    page.context.clear_cookies()
    login(page, staff)
    expect(page.locator("#inbox-results")).to_contain_text("U1-2")
    page.goto(tenant_url("/?q=u1-2"))
    expect(page.locator("#inbox-results")).to_contain_text("Light out in hallway")
    expect(page.locator("#inbox-results")).not_to_contain_text("Bin store flooded")
    page.get_by_role("link", name="Light out in hallway").click()
    expect(page.locator("h1")).to_contain_text("U1-2")
    screenshot(page, "staff-reference")


def test_given_a_block_with_units_when_staff_search_the_site_picker_then_matching_paths_remain(
    page, e2e_tenant, tenant_url, login, screenshot
):
    block, _unit1, _unit2 = _block_with_units()
    SiteFactory(customer=block.customer, name="Annex")
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")

    login(page, staff)
    page.get_by_role("link", name="New ticket").click()
    page.wait_for_load_state("networkidle")  # htmx is ready before the customer is chosen
    page.get_by_label("Customer").select_option(str(block.customer_id))
    expect(page.locator("select[name=site] option", has_text="Annex")).to_have_count(1)
    search = page.get_by_test_id("site-search")
    visible = page.locator("select[name=site] option:not([hidden]):not([value=''])")

    search.fill("unit 2")
    expect(visible).to_have_count(1)
    expect(visible.first).to_have_attribute("data-path", "Block A › Unit 2")
    search.fill("block")
    expect(visible).to_have_count(3)  # the block and both units (their paths name it)
    screenshot(page, "site-picker")
