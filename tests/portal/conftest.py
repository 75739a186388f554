"""The portal world: one customer with two sites, tickets in every position relative to a
member of that customer (see ``World``), plus a ticket in another customer and tenant."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import Comment, Ticket, TicketType, Visibility
from agencydesk.tickets.workflow import comment_add
from tenants.models import Tenant
from tests.conftest import in_schema
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketFactory,
    TicketTypeFactory,
)
from tests.tickets.conftest import png_upload

# Far above anything the alpha sequence reaches in a test run: the beta ticket's number must
# not exist in alpha, so a 404 there proves isolation, not a missing row by chance.
OTHER_TENANT_NUMBER = 900_000_001


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings: Any, tmp_path: Path) -> None:
    """Uploaded files go to a folder of this test (rows roll back, files would stay)."""
    settings.MEDIA_ROOT = tmp_path
    # Re-setting it makes the tenant storage drop its cached root (it only listens to this).
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"


@dataclass
class World:
    customer: Customer
    site: Site  # the member's site
    other_site: Site  # same customer, not the member's
    type_ok: TicketType  # can see + can create
    type_see_only: TicketType  # can see, not create
    type_hidden: TicketType  # no rule: neither
    member: User
    colleague: User  # same customer, all sites
    staff: User
    tickets: dict[str, Ticket]
    internal_note: Comment
    public_reply: Comment


@pytest.fixture
def world(tenant: Tenant, other_tenant: Tenant) -> World:
    customer = CustomerFactory()
    site, other_site = SiteFactory(customer=customer), SiteFactory(customer=customer)
    type_ok = PortalTicketTypeRuleFactory(customer=customer).ticket_type
    type_see_only = PortalTicketTypeRuleFactory(customer=customer, can_create=False).ticket_type
    type_hidden = TicketTypeFactory()
    profile = CustomerUserFactory(customer=customer, all_sites=False)
    profile.sites.add(site)
    member = profile.user
    colleague = CustomerUserFactory(customer=customer).user
    staff = StaffFactory()

    foreign_rule = PortalTicketTypeRuleFactory()
    foreign_site = SiteFactory(customer=foreign_rule.customer)

    def ticket(**kwargs: object) -> Ticket:
        defaults: dict[str, object] = {"site": site, "ticket_type": type_ok, "requester": member}
        return TicketFactory(**{**defaults, **kwargs})

    tickets = {
        "own": ticket(),
        "site_ticket_of_other_user": ticket(requester=colleague, visibility=Visibility.SITE),
        "private_ticket_of_other_user": ticket(requester=colleague),
        "other_site_of_same_customer": ticket(
            site=other_site, requester=colleague, visibility=Visibility.SITE
        ),
        "other_customer": ticket(
            site=foreign_site, ticket_type=foreign_rule.ticket_type, visibility=Visibility.SITE
        ),
        "type_not_can_see": ticket(ticket_type=type_hidden),
        "type_not_can_create": ticket(ticket_type=type_see_only),
        "unpublished": ticket(visibility=Visibility.UNPUBLISHED),
    }
    with in_schema(other_tenant):
        tickets["other_tenant"] = TicketFactory(
            number=OTHER_TENANT_NUMBER, visibility=Visibility.SITE
        )
    public_reply = comment_add(actor=staff, ticket=tickets["own"], body="We are on our way.")
    internal_note = comment_add(
        actor=staff,
        ticket=tickets["own"],
        body="Key is with the caretaker.",
        internal=True,
        attachments=[png_upload("note.png")],
    )
    return World(
        customer=customer,
        site=site,
        other_site=other_site,
        type_ok=type_ok,
        type_see_only=type_see_only,
        type_hidden=type_hidden,
        member=member,
        colleague=colleague,
        staff=staff,
        tickets=tickets,
        internal_note=internal_note,
        public_reply=public_reply,
    )


@pytest.fixture
def member_client(world: World, client_for: object, tenant: Tenant) -> object:
    client = client_for(tenant)  # type: ignore[operator]
    client.force_login(world.member)
    return client


@pytest.fixture
def member_api(world: World, client_for: object, tenant: Tenant) -> object:
    client = client_for(tenant, api=True)  # type: ignore[operator]
    client.force_login(world.member)
    return client
