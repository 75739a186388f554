"""The tree rules stay one SQL statement, whatever the size of the tree or the ticket list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.customers.models import Site
from agencydesk.customers.sites import sites_above, sites_below
from agencydesk.tickets.models import Visibility
from agencydesk.tickets.portal_access import portal_profile, portal_tickets_for
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _tree(units: int) -> tuple[Site, list[Site]]:
    block = SiteFactory(level_name="Block")
    children = [
        SiteFactory(customer=block.customer, parent=block, ancestors=[block.pk])
        for _ in range(units)
    ]
    return block, children


@pytest.mark.parametrize("units", [1, 6])
def test_given_any_tree_when_listing_a_holders_portal_tickets_then_one_query(tenant, units):
    block, children = _tree(units)
    ticket_type = PortalTicketTypeRuleFactory(customer=block.customer).ticket_type
    profile = CustomerUserFactory(customer=block.customer, all_sites=False)
    profile.sites.add(children[0])
    for site in [block, *children]:
        TicketFactory(site=site, ticket_type=ticket_type, visibility=Visibility.SITE)
    portal_profile(profile.user)  # the request caches the profile once

    with CaptureQueriesContext(connection) as captured:
        visible = list(portal_tickets_for(profile.user))

    # django-tenants may set the search path first; the rules themselves are one SELECT.
    statements = [query["sql"] for query in captured.captured_queries]
    assert [sql for sql in statements if not sql.startswith("SET search_path")] == [statements[-1]]
    assert statements[-1].startswith("SELECT")

    assert {ticket.site_id for ticket in visible} == {block.pk, children[0].pk}


def test_given_a_block_when_reading_below_and_above_then_the_path_array_answers(tenant):
    block, (unit,) = _tree(1)
    room = SiteFactory(customer=block.customer, parent=unit, ancestors=[block.pk, unit.pk])

    below = set(sites_below(Site.objects.filter(pk=unit.pk)))
    above = set(sites_above(Site.objects.filter(pk=room.pk)))

    assert below == {unit, room}
    assert above == {block, unit}
