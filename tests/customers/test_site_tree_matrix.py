"""The portal rules over a site tree (README "Sites as a tree"), through the portal API and the
pages.

The world: customer Quayside with Block A (code BLK) and its units 1 and 2; a block-level
user, one holder per unit and a manager; the agency's own coworking location Harbour Hub
serving Quayside and a second customer, Pier Studios, with one member of each there.
The tickets are reported through the portal API by their requesters (the unpublished one is
opened by staff), then every viewer asks for every ticket through both doors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, CustomerRole, Site
from agencydesk.tickets.models import Source, Ticket, TicketType, Visibility
from agencydesk.tickets.workflow import ticket_create
from tenants.models import Tenant
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketTypeFactory,
)

pytestmark = pytest.mark.django_db

VIEWERS = ("block_user", "unit1_holder", "unit2_holder", "manager", "hub_quayside", "hub_pier")
TICKETS = (
    "unit1_site",
    "unit1_private",
    "block_notice",
    "staff_unpublished",
    "hub_site",
    "hub_private",
)

# Who sees what. Columns follow TICKETS.
#                 unit1_site unit1_private block_notice staff_unpublished hub_site hub_private
VISIBLE = {
    "block_user": (True, False, True, False, False, False),
    "unit1_holder": (True, True, True, False, False, False),
    "unit2_holder": (False, False, True, False, False, False),
    "manager": (True, True, True, False, True, False),
    "hub_quayside": (False, False, False, False, True, False),
    "hub_pier": (False, False, False, False, True, True),
}
MATRIX = [
    pytest.param(viewer, ticket, VISIBLE[viewer][index], id=f"{viewer}-{ticket}")
    for viewer in VIEWERS
    for index, ticket in enumerate(TICKETS)
]


@dataclass
class Tree:
    quayside: Customer
    pier: Customer
    block: Site
    unit1: Site
    unit2: Site
    hub: Site
    ticket_type: TicketType
    users: dict[str, User]
    tickets: dict[str, Ticket]


def _member(customer: Customer, *sites: Site, role: str = CustomerRole.MEMBER) -> User:
    profile = CustomerUserFactory(customer=customer, all_sites=not sites, role=role)
    profile.sites.add(*sites)
    return profile.user


def _report(
    client_for: Any, tenant: Tenant, user: User, *, site: Site, visibility: str, ticket_type: Any
) -> Ticket:
    api = client_for(tenant, api=True)
    api.force_authenticate(user)
    response = api.post(
        "/api/v1/portal/tickets/",
        {
            "site": site.pk,
            "ticket_type": ticket_type.pk,
            "title": "Report",
            "visibility": visibility,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return Ticket.objects.get(number=response.json()["number"])


@pytest.fixture
def tree(tenant: Tenant, client_for: Any) -> Tree:
    quayside, pier = CustomerFactory(name="Quayside"), CustomerFactory(name="Pier Studios")
    block = SiteFactory(customer=quayside, name="Block A", code="BLK", level_name="Block")
    unit1 = SiteFactory(
        customer=quayside, name="Unit 1", parent=block, ancestors=[block.pk], level_name="Unit"
    )
    unit2 = SiteFactory(
        customer=quayside, name="Unit 2", parent=block, ancestors=[block.pk], level_name="Unit"
    )
    hub = SiteFactory(customer=None, name="Harbour Hub", code="HUB")
    hub.served_customers.add(quayside, pier)
    ticket_type = TicketTypeFactory(default_priority="medium")
    for customer in (quayside, pier):
        PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    users = {
        "block_user": _member(quayside, block),
        "unit1_holder": _member(quayside, unit1),
        "unit2_holder": _member(quayside, unit2),
        "manager": _member(quayside, role=CustomerRole.MANAGER),
        "hub_quayside": _member(quayside, hub),
        "hub_pier": _member(pier),
    }

    def report(user: str, site: Site, visibility: str) -> Ticket:
        return _report(
            client_for,
            tenant,
            users[user],
            site=site,
            visibility=visibility,
            ticket_type=ticket_type,
        )

    tickets = {
        "unit1_site": report("unit1_holder", unit1, Visibility.SITE),
        "unit1_private": report("unit1_holder", unit1, Visibility.PRIVATE),
        # "Block" in the report form: the unit holder's report goes to the block.
        "block_notice": report("unit1_holder", unit1, f"site:{block.pk}"),
        "staff_unpublished": ticket_create(
            actor=StaffFactory(),
            title="Roof inspection",
            customer=quayside,
            site=block,
            ticket_type=ticket_type,
            source=Source.STAFF,
        ),
        "hub_site": report("hub_pier", hub, Visibility.SITE),
        "hub_private": report("hub_pier", hub, Visibility.PRIVATE),
    }
    return Tree(quayside, pier, block, unit1, unit2, hub, ticket_type, users, tickets)


def test_given_a_unit_holder_choosing_block_when_reported_then_the_ticket_is_on_the_block(
    tree: Tree,
) -> None:
    notice = tree.tickets["block_notice"]
    assert (notice.site, notice.visibility, notice.customer) == (
        tree.block,
        Visibility.SITE,
        tree.quayside,
    )


def test_given_a_shared_location_when_reported_then_the_ticket_is_the_reporters_customers(
    tree: Tree,
) -> None:
    assert tree.tickets["hub_site"].customer == tree.pier
    assert tree.tickets["hub_site"].site == tree.hub


def test_given_a_staff_ticket_when_created_then_it_starts_unpublished(tree: Tree) -> None:
    assert tree.tickets["staff_unpublished"].visibility == Visibility.UNPUBLISHED


@pytest.mark.parametrize(("viewer", "ticket", "visible"), MATRIX)
def test_given_the_tree_when_a_viewer_opens_a_ticket_in_the_api_then_the_rules_answer(
    tree: Tree, tenant: Tenant, client_for: Any, viewer: str, ticket: str, visible: bool
) -> None:
    api = client_for(tenant, api=True)
    api.force_authenticate(tree.users[viewer])

    response = api.get(f"/api/v1/portal/tickets/{tree.tickets[ticket].number}/")

    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize(("viewer", "ticket", "visible"), MATRIX)
def test_given_the_tree_when_a_viewer_opens_a_ticket_page_then_the_rules_answer(
    tree: Tree, tenant: Tenant, client_for: Any, viewer: str, ticket: str, visible: bool
) -> None:
    client = client_for(tenant)
    client.force_login(tree.users[viewer])

    response = client.get(f"/portal/tickets/{tree.tickets[ticket].number}/")

    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_given_the_tree_when_a_viewer_lists_tickets_then_exactly_the_visible_ones_show(
    tree: Tree, tenant: Tenant, client_for: Any, viewer: str
) -> None:
    api = client_for(tenant, api=True)
    api.force_authenticate(tree.users[viewer])

    response = api.get("/api/v1/portal/tickets/?page_size=100")

    listed = {row["number"] for row in response.json()["results"]}
    expected = {
        tree.tickets[name].number
        for name, visible in zip(TICKETS, VISIBLE[viewer], strict=True)
        if visible
    }
    assert listed == expected


@pytest.mark.parametrize(
    ("viewer", "site", "allowed"),
    [
        ("unit1_holder", "unit1", True),
        ("unit1_holder", "block", True),  # the site above: a block-wide problem
        ("unit1_holder", "unit2", False),  # a sibling unit: not theirs
        ("block_user", "unit2", True),  # access includes the sites below
        ("hub_quayside", "hub", True),
        ("hub_quayside", "block", False),
        ("hub_pier", "block", False),
    ],
)
def test_given_the_tree_when_reporting_on_a_site_then_only_own_and_above_are_accepted(
    tree: Tree, tenant: Tenant, client_for: Any, viewer: str, site: str, allowed: bool
) -> None:
    api = client_for(tenant, api=True)
    api.force_authenticate(tree.users[viewer])

    response = api.post(
        "/api/v1/portal/tickets/",
        {
            "site": getattr(tree, site).pk,
            "ticket_type": tree.ticket_type.pk,
            "title": "Another report",
            "visibility": Visibility.SITE,
        },
        format="json",
    )

    assert response.status_code == (201 if allowed else 400)
    if not allowed:
        assert "site" in response.json()


def test_given_a_unit_holder_when_aiming_a_report_at_a_sibling_unit_then_400(
    tree: Tree, tenant: Tenant, client_for: Any
) -> None:
    api = client_for(tenant, api=True)
    api.force_authenticate(tree.users["unit1_holder"])

    response = api.post(
        "/api/v1/portal/tickets/",
        {
            "site": tree.unit1.pk,
            "ticket_type": tree.ticket_type.pk,
            "title": "Sneaky",
            "visibility": f"site:{tree.unit2.pk}",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "visibility" in response.json()


def test_given_the_tree_when_listing_portal_sites_then_access_includes_the_sites_below(
    tree: Tree, tenant: Tenant, client_for: Any
) -> None:
    api = client_for(tenant, api=True)
    api.force_authenticate(tree.users["block_user"])

    response = api.get("/api/v1/portal/sites/")

    assert {row["id"] for row in response.json()["results"]} == {
        tree.block.pk,
        tree.unit1.pk,
        tree.unit2.pk,
    }
