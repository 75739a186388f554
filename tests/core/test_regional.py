"""Regional formats: dates and numbers per tenant region and user, texts per language."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, translation

from agencydesk.core.regional import regional_language_code
from agencydesk.tickets.models import Ticket
from tenants.models import Tenant
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

FIRST_OF_DECEMBER = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def december_ticket(make_ticket) -> Ticket:
    ticket = make_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(created_at=FIRST_OF_DECEMBER)
    return ticket


def _english_tenant(tenant: Tenant, region: str) -> None:
    Tenant.objects.filter(pk=tenant.pk).update(
        language="en", locale=region, timezone="Europe/London"
    )


@pytest.mark.parametrize(
    ("region", "shown"),
    [("en-GB", "01/12/2026 09:30"), ("en-US", "12/01/2026 9:30 a.m.")],
)
def test_given_english_tenant_region_when_staff_open_a_ticket_then_dates_follow_the_region(
    client, tenant, december_ticket, region, shown
):
    _english_tenant(tenant, region)
    client.force_login(StaffFactory(language="", timezone=""))

    response = client.get(f"/tickets/{december_ticket.number}/")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert shown in response.content.decode()


def test_given_user_region_when_opening_a_ticket_then_it_wins_over_the_tenant_region(
    client, tenant, december_ticket
):
    _english_tenant(tenant, "en-GB")
    client.force_login(StaffFactory(language="", timezone="", locale="en-US"))

    page = client.get(f"/tickets/{december_ticket.number}/").content.decode()

    assert "12/01/2026" in page
    assert "01/12/2026" not in page


def test_given_user_timezone_when_opening_a_ticket_then_times_are_in_it(
    client, tenant, december_ticket
):
    _english_tenant(tenant, "en-GB")
    client.force_login(StaffFactory(language="", timezone="Asia/Tokyo"))

    page = client.get(f"/tickets/{december_ticket.number}/").content.decode()

    assert "01/12/2026 18:30" in page


def test_given_german_tenant_when_opening_a_ticket_then_dates_are_german(
    client, tenant, december_ticket
):
    client.force_login(StaffFactory(language="", timezone=""))

    page = client.get(f"/tickets/{december_ticket.number}/").content.decode()

    assert "01.12.2026 10:30" in page  # Europe/Berlin


def test_given_region_of_another_language_when_choosing_formats_then_the_language_default_wins():
    # An English-speaking user in an Austrian agency gets British, not Austrian, formats.
    assert regional_language_code(language="en", preferred=("", "de-AT")) == "en-gb"
    assert regional_language_code(language="de", preferred=("", "de-AT")) == "de-at"
    assert regional_language_code(language="fr") == "fr-fr"


@pytest.mark.parametrize(
    ("code", "number"),
    [("de-de", "1234,5"), ("de-ch", "1234.5"), ("en-gb", "1234.5"), ("fr-fr", "1234,5")],
)
def test_given_region_when_formatting_a_number_then_its_decimal_separator_is_used(code, number):
    with translation.override(code):
        assert formats.number_format(1234.5) == number


def test_given_british_english_when_translating_then_the_english_texts_are_used(client, tenant):
    _english_tenant(tenant, "en-GB")

    page = client.get("/login/").content.decode()

    assert "Log in" in page
    assert 'lang="en-gb"' in page
