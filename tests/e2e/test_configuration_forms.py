"""Configuration forms, used as a tenant admin uses them (issue 12, point 8): a ticket type
without custom fields, settings saved without touching the colour, the audit log read back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role, User
from agencydesk.tickets.models import TicketType
from tenants.models import Tenant
from tests.factories import TicketTypeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_given_a_new_type_without_custom_fields_when_saved_then_it_is_listed(
    page, e2e_tenant, tenant_url, login, screenshot
):
    login(page, User.objects.get(role=Role.TENANT_ADMIN))
    page.goto(tenant_url("/configuration/ticket-types/new/"))

    page.locator("input[name=name_en]").fill("Window cleaning")
    page.get_by_role("button", name="Save").click()

    screenshot(page, "saved")
    expect(page.get_by_text("The ticket type “Window cleaning” was saved.")).to_be_visible()
    saved = TicketType.objects.get(name__en="Window cleaning")
    assert not saved.custom_fields.exists()


def test_given_an_existing_type_when_renamed_then_it_saves_and_the_log_reads_as_a_sentence(
    page, e2e_tenant, tenant_url, login, screenshot
):
    ticket_type = TicketTypeFactory(name={"en": "Graffiti"})
    login(page, User.objects.get(role=Role.TENANT_ADMIN))
    page.goto(tenant_url(f"/configuration/ticket-types/{ticket_type.pk}/"))

    page.locator("input[name=name_en]").fill("Graffiti removal")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The ticket type “Graffiti removal” was saved.")).to_be_visible()
    page.goto(tenant_url("/configuration/audit-log/"))
    screenshot(page, "audit-log")
    expect(page.get_by_text("Name changed from Graffiti to Graffiti removal.")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "[[" not in body and "→" not in body


def test_given_a_form_with_an_error_when_saved_then_the_top_of_the_page_says_so(
    page, e2e_tenant, tenant_url, login
):
    login(page, User.objects.get(role=Role.TENANT_ADMIN))
    page.goto(tenant_url("/configuration/ticket-types/new/"))

    page.get_by_role("button", name="Save").click()  # no name

    expect(page.get_by_test_id("form-errors")).to_be_visible()
    assert not TicketType.objects.filter(name__en="").exists()


def test_given_a_tenant_without_a_colour_when_settings_are_saved_then_it_keeps_no_colour(
    page, e2e_tenant, tenant_url, login, screenshot
):
    assert e2e_tenant.accent_color == ""
    login(page, User.objects.get(role=Role.TENANT_ADMIN))
    page.goto(tenant_url("/configuration/settings/"))

    page.locator("input[name=email_sender_name]").fill("E2E Helpdesk")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The settings were saved.")).to_be_visible()
    screenshot(page, "settings")
    stored = Tenant.objects.get(pk=e2e_tenant.pk)
    assert (stored.email_sender_name, stored.accent_color) == ("E2E Helpdesk", "")
    accent = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--accent')"
    )
    assert accent.strip() == "#1f6feb"
