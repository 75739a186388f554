"""A French agency in a real browser: the login page, the portal and a report, all in French
(the tenant's language applies to a customer user without a language of their own)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from agencydesk.accounts.models import Role
from agencydesk.tickets.models import Ticket, TicketType
from tenants.models import Tenant
from tests.conftest import TEST_PASSWORD
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, UserFactory
from tests.live_tenant import live_tenant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AGENCY = "Services Dupont"


@pytest.fixture
def french_tenant(live_server: Any) -> Iterator[Tenant]:
    with live_tenant(slug_prefix="e2e-fr", name=AGENCY, language="fr") as tenant:
        yield tenant


def test_given_a_french_agency_when_a_customer_reports_then_every_page_is_french(
    page, french_tenant, live_server, screenshot
):
    site = SiteFactory(name="Résidence Les Tilleuls")
    fault = TicketType.objects.get(name__fr="Signaler une panne")
    PortalTicketTypeRuleFactory(customer=site.customer, ticket_type=fault)
    user = UserFactory(email="claire@client.example", role=Role.CUSTOMER, language="")
    CustomerUserFactory(user=user, customer=site.customer)
    origin = f"http://{french_tenant.slug}.localhost:{live_server.thread.port}"

    page.goto(f"{origin}/login/")  # the browser asks for en-GB: the agency's language wins
    # French with the agency's region (fr-fr by default)
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^fr(-|$)"))
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mes tickets")).to_be_visible()
    page.get_by_role("link", name="Signaler un problème").first.click()
    with page.expect_response("**/portal/report/fields/"):  # the dependent fields swap
        page.locator("select[name=ticket_type]").select_option(str(fault.pk))
    expect(page.get_by_text("Quelque chose est cassé ou ne fonctionne pas.")).to_be_visible()
    expect(page.get_by_label(f"Seulement moi et {AGENCY}")).to_be_checked()
    page.locator("input[name=title]").fill("Fuite d’eau dans la cage d’escalier")
    screenshot(page, "signalement")
    page.get_by_role("button", name="Envoyer le signalement").click()

    expect(page.get_by_text("Merci, votre signalement a bien été reçu.")).to_be_visible()
    expect(page.get_by_role("heading", name="Fuite d’eau dans la cage d’escalier")).to_be_visible()
    ticket = Ticket.objects.get(title="Fuite d’eau dans la cage d’escalier")
    assert (ticket.requester, ticket.ticket_type, ticket.visibility) == (user, fault, "private")
