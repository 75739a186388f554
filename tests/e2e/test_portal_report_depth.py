"""The report form in a browser: a site's QR link opens it prefilled (after login), and
changing the type keeps the chosen file and the typed text (nothing goes into the address).
Portal and staff inbox fit a 390 px wide phone."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role
from agencydesk.tickets.models import Ticket
from tests.conftest import TEST_PASSWORD
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketFactory,
    UserFactory,
)
from tests.tickets.conftest import PNG_BYTES

SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _customer_with_two_sites():
    site = SiteFactory(name="Block A")
    second = SiteFactory(customer=site.customer, name="Block B")
    first_rule = PortalTicketTypeRuleFactory(
        customer=site.customer,
        ticket_type__name={"en": "Broken window"},
        ticket_type__default_priority="medium",  # no triage: the reporter can reply at once
    )
    second_rule = PortalTicketTypeRuleFactory(
        customer=site.customer,
        ticket_type__name={"en": "Heating"},
        ticket_type__description={"en": "Radiators, boiler, hot water.", "de": "Heizung."},
    )
    user = UserFactory(email="cleo@customer.example", role=Role.CUSTOMER, language="en")
    CustomerUserFactory(user=user, customer=site.customer)
    return site, second, first_rule.ticket_type, second_rule.ticket_type, user


def test_given_qr_link_from_sheet_when_signed_out_customer_scans_it_then_form_prefilled(
    page, browser, e2e_tenant, tenant_url, login, screenshot
):
    site, second, _window, _heating, user = _customer_with_two_sites()
    staff = StaffFactory(email="sheet@agency.example", language="en")

    login(page, staff)
    page.goto(tenant_url(f"/customers/{site.customer_id}/qr-codes/"))
    card = page.locator(f".qr-card[data-site='{second.pk}']")
    expect(card.locator("svg")).to_be_visible()
    screenshot(page, "qr-sheet")
    link = card.locator("a.qr-url").get_attribute("href") or ""
    assert link.endswith(f"/portal/report/?site={second.pk}")

    phone = browser.new_context(locale="en-GB")  # the customer's phone: signed out
    scan = phone.new_page()
    # The code's address is on the public origin; the live server listens on another port.
    scanned = urlsplit(link)
    scan.goto(tenant_url(f"{scanned.path}?{scanned.query}"))
    expect(scan.locator("input[name=username]")).to_be_visible()
    scan.locator("input[name=username]").fill(user.email)
    scan.locator("input[name=password]").fill(TEST_PASSWORD)
    scan.locator("form button[type=submit]").first.click()

    expect(scan.get_by_role("heading", name="Report a problem")).to_be_visible()
    expect(scan.locator("select[name=site]")).to_have_value(str(second.pk))
    expect(scan.locator("select[name=ticket_type]")).to_be_visible()
    phone.close()


def test_given_chosen_file_and_text_when_type_changes_then_both_are_kept(
    page, e2e_tenant, tenant_url, login, screenshot
):
    site, _second, window, heating, user = _customer_with_two_sites()

    login(page, user)
    page.goto(tenant_url(f"/portal/report/?site={site.pk}"))
    page.wait_for_load_state("networkidle")  # htmx is ready before the type is chosen
    page.locator("input[name=title]").fill("Cold radiator in the hall")
    page.locator("textarea[name=description]").fill("Since Monday.")
    page.locator("input[name=attachments]").set_input_files(
        {"name": "radiator.png", "mimeType": "image/png", "buffer": PNG_BYTES}
    )
    for chosen in (window, heating):
        with page.expect_response("**/portal/report/fields/"):
            page.locator("select[name=ticket_type]").select_option(str(chosen.pk))
        # The swapped-in fields are live again (htmx settled) before the next choice.
        page.wait_for_function(SETTLED)

    expect(page.get_by_text("Radiators, boiler, hot water.")).to_be_visible()
    assert page.locator("input[name=attachments]").evaluate("input => input.files.length") == 1
    expect(page.locator("input[name=title]")).to_have_value("Cold radiator in the hall")
    assert "title" not in page.url and "ticket_type" not in page.url
    screenshot(page, "kept-after-type-change")
    page.get_by_role("button", name="Send report").click()

    expect(page.get_by_role("heading", name="Cold radiator in the hall")).to_be_visible()
    ticket = Ticket.objects.get(title="Cold radiator in the hall")
    assert (ticket.ticket_type, ticket.attachments.count()) == (heating, 1)


@pytest.mark.parametrize("audience", ["customer", "staff"])
def test_given_phone_width_when_opening_home_then_nothing_scrolls_sideways(
    page, e2e_tenant, tenant_url, login, screenshot, audience
):
    site, _second, window, _heating, user = _customer_with_two_sites()
    staff = StaffFactory(email="phone@agency.example", language="en")
    for index in range(3):
        TicketFactory(
            site=site,
            ticket_type=window,
            requester=user,
            visibility="site",
            title=f"A rather long title of a ticket number {index} about the stairwell lights",
        )
    page.set_viewport_size({"width": 390, "height": 844})

    login(page, user if audience == "customer" else staff)
    page.goto(tenant_url("/portal/" if audience == "customer" else "/"))
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{audience}-390px")

    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def test_given_site_page_when_reporting_here_and_adding_files_then_one_box_attaches_them(
    page, e2e_tenant, tenant_url, login, screenshot
):
    site, _second, window, _heating, user = _customer_with_two_sites()

    login(page, user)
    page.goto(tenant_url("/portal/sites/"))
    page.get_by_role("link", name="Block A").click()
    page.get_by_test_id("report-here").click()
    expect(page.locator("select[name=site]")).to_have_value(str(site.pk))
    with page.expect_response("**/portal/report/fields/"):
        page.locator("select[name=ticket_type]").select_option(str(window.pk))
    page.locator("input[name=title]").fill("Cracked pane in the lobby")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Cracked pane in the lobby")).to_be_visible()

    assert page.locator("input[type=file]").count() == 1
    page.locator("input[name=attachments]").set_input_files(
        [{"name": f"pane-{n}.png", "mimeType": "image/png", "buffer": PNG_BYTES} for n in range(2)]
    )
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("The files were attached.")).to_be_visible()
    screenshot(page, "files-attached")
    ticket = Ticket.objects.get(title="Cracked pane in the lobby")
    assert ticket.attachments.count() == 2
