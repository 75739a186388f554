"""Where the portal speaks of the agency, it names it (the tenant's name), in every language."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import CustomerUserFactory, TicketFactory
from tests.portal.conftest import World

pytestmark = pytest.mark.django_db

AGENCY = "Alpha Gebäudeservice"


def _speaks(world: World, language: str) -> None:
    world.member.language = language
    world.member.save(update_fields=["language"])


def test_given_the_report_form_then_the_private_choice_names_the_agency(
    member_client: Any, world: World
):
    _speaks(world, "de")

    page = member_client.get("/portal/report/", {"site": world.site.pk}).content.decode()

    assert f"Nur ich und {AGENCY}" in page
    assert "die Agentur" not in page


def test_given_a_french_member_when_reporting_then_the_private_choice_is_french(
    member_client: Any, world: World
):
    _speaks(world, "fr")

    page = member_client.get("/portal/report/", {"site": world.site.pk}).content.decode()

    assert f"Seulement moi et {AGENCY}" in page


def test_given_a_ticket_in_triage_when_its_reporter_opens_it_then_the_agency_is_named(
    member_client: Any, world: World
):
    _speaks(world, "de")
    ticket = TicketFactory(
        site=world.site, ticket_type=world.type_ok, requester=world.member, needs_triage=True
    )

    page = member_client.get(f"/portal/tickets/{ticket.number}/").content.decode()

    assert f"{AGENCY} sichtet gerade Ihre Meldung." in page


def test_given_a_customer_user_without_sites_when_opening_my_sites_then_told_whom_to_ask(
    client_for: Any, tenant: Any
):
    browser = client_for(tenant)
    browser.force_login(CustomerUserFactory(all_sites=False, user__language="de").user)

    page = browser.get("/portal/sites/").content.decode()

    assert f"Bitte wenden Sie sich an {AGENCY}." in page
