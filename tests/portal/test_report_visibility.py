"""The report form's visibility choice in the words of the site's levels (README
"Sites as a tree")."""

from __future__ import annotations

from typing import Any

import pytest

from agencydesk.customers.models import Site
from agencydesk.tickets.models import Ticket, TicketType, Visibility
from tenants.models import Tenant
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def block(tenant: Tenant) -> Site:
    return SiteFactory(name="Block A", level_name="Block")


@pytest.fixture
def unit(block: Site) -> Site:
    return SiteFactory(
        customer=block.customer,
        name="Unit 1",
        parent=block,
        ancestors=[block.pk],
        level_name="Unit",
    )


@pytest.fixture
def ticket_type(block: Site) -> TicketType:
    return PortalTicketTypeRuleFactory(
        customer=block.customer, ticket_type__default_priority="medium"
    ).ticket_type


@pytest.fixture
def holder_client(client_for: Any, tenant: Tenant, unit: Site) -> Any:
    profile = CustomerUserFactory(customer=unit.customer, all_sites=False)
    profile.sites.add(unit)
    browser = client_for(tenant)
    browser.force_login(profile.user)
    return browser


def _form(holder_client: Any, unit: Site, ticket_type: TicketType) -> Any:
    response = holder_client.get(
        "/portal/report/", {"site": unit.pk, "ticket_type": ticket_type.pk}
    )
    assert response.status_code == 200
    return response.context["form"]


def test_given_a_unit_of_a_block_when_reporting_then_unit_block_and_management_are_offered(
    holder_client: Any, unit: Site, block: Site, ticket_type: TicketType
) -> None:
    form = _form(holder_client, unit, ticket_type)

    assert form.fields["visibility"].choices == [
        ("site", "Unit"),
        (f"site:{block.pk}", "Block"),
        ("private", "Management"),
    ]
    assert form["visibility"].value() == Visibility.PRIVATE


def test_given_the_tenant_asks_for_an_explicit_choice_when_reporting_then_nothing_is_preselected(
    holder_client: Any, tenant: Tenant, unit: Site, ticket_type: TicketType
) -> None:
    Tenant.objects.filter(pk=tenant.pk).update(report_visibility_explicit=True)

    form = _form(holder_client, unit, ticket_type)

    assert form["visibility"].value() is None
    assert "checked" not in str(form["visibility"])


def test_given_an_explicit_choice_is_required_when_sent_without_one_then_400_and_nothing_saved(
    holder_client: Any, tenant: Tenant, unit: Site, ticket_type: TicketType
) -> None:
    Tenant.objects.filter(pk=tenant.pk).update(report_visibility_explicit=True)

    response = holder_client.post(
        "/portal/report/",
        {"site": unit.pk, "ticket_type": ticket_type.pk, "title": "Leak"},
    )

    assert response.status_code == 400
    assert "visibility" in response.context["form"].errors
    assert not Ticket.objects.filter(title="Leak").exists()


def test_given_the_block_choice_when_reporting_through_the_page_then_the_ticket_is_on_the_block(
    holder_client: Any, unit: Site, block: Site, ticket_type: TicketType
) -> None:
    response = holder_client.post(
        "/portal/report/",
        {
            "site": unit.pk,
            "ticket_type": ticket_type.pk,
            "title": "Stairwell light",
            "visibility": f"site:{block.pk}",
        },
    )

    assert response.status_code == 302
    ticket = Ticket.objects.get(title="Stairwell light")
    assert (ticket.site, ticket.visibility) == (block, Visibility.SITE)


def test_given_a_flat_site_when_reporting_then_the_plain_words_stay(
    client_for: Any, tenant: Tenant
) -> None:
    site = SiteFactory()
    rule = PortalTicketTypeRuleFactory(customer=site.customer)
    browser = client_for(tenant)
    browser.force_login(CustomerUserFactory(customer=site.customer).user)

    response = browser.get("/portal/report/", {"site": site.pk, "ticket_type": rule.ticket_type_id})

    choices = response.context["form"].fields["visibility"].choices
    assert [value for value, _label in choices] == ["site", "private"]
    assert tenant.name in choices[-1][1]  # "only me and <agency>", not "Management"
