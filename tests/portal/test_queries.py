"""Portal lists run the same number of queries for few and for many rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.tickets.models import Visibility
from agencydesk.tickets.workflow import comment_add
from tests.factories import TicketFactory
from tests.portal.conftest import World
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


def add_tickets(world: World, count: int) -> None:
    for _index in range(count):
        TicketFactory(
            site=world.site,
            ticket_type=world.type_ok,
            requester=world.colleague,
            visibility=Visibility.SITE,
            custom_fields={"floor": "2"},
        )


def queries_for(client: Any, url: str, params: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("fixture", "url", "params"),
    [
        ("member_api", "/api/v1/portal/tickets/", {}),
        ("member_client", "/portal/", {"show": "all"}),
    ],
)
def test_given_more_tickets_when_listing_then_query_count_stays_the_same(
    request: pytest.FixtureRequest, world: World, fixture: str, url: str, params: dict[str, Any]
):
    CustomFieldFactory(ticket_type=world.type_ok, key="floor")
    client = request.getfixturevalue(fixture)
    add_tickets(world, 2)
    few = queries_for(client, url, params)

    add_tickets(world, 15)
    many = queries_for(client, url, params)

    assert few == many


@pytest.mark.parametrize(
    "url", ["/api/v1/portal/tickets/{number}/comments/", "/portal/tickets/{number}/"]
)
def test_given_more_replies_when_reading_conversation_then_query_count_stays_the_same(
    member_client: Any, member_api: Any, world: World, url: str
):
    ticket = world.tickets["own"]
    client = member_api if url.startswith("/api/") else member_client
    few = queries_for(client, url.format(number=ticket.number))

    for index in range(10):
        comment_add(actor=world.staff, ticket=ticket, body=f"Update {index}")
    many = queries_for(client, url.format(number=ticket.number))

    assert few == many


def test_given_a_portal_list_when_its_page_rows_are_read_then_by_id_without_the_rules_again(
    member_client: Any, world: World
):
    add_tickets(world, 3)

    with CaptureQueriesContext(connection) as captured:
        response = member_client.get("/portal/", {"show": "all"})

    assert response.status_code == 200
    assert len(response.context["page"]) >= 3
    row_reads = [q["sql"] for q in captured if '"tickets_ticket"."title"' in q["sql"]]
    # The list's statements chose the ids with the visibility rules (the type rules among
    # them); planning those sub-queries once more for the rows cost more than the rows.
    assert len(row_reads) == 1
    assert "customers_portaltickettyperule" not in row_reads[0]


def test_given_a_portal_list_when_counted_and_paged_then_its_sites_are_an_indexable_array(
    member_client: Any, world: World
):
    add_tickets(world, 3)

    with CaptureQueriesContext(connection) as captured:
        member_client.get("/portal/", {"show": "all"})

    # "customer = … OR site = ANY(ARRAY(…))" lets the planner read the customer and site
    # indexes; with the rules' "site IN (…)" alone it walked every ticket of the tenant.
    list_reads = [q["sql"] for q in captured if '"tickets_ticket"."id" AS "pk"' in q["sql"]]
    assert len(list_reads) == 2  # the bounded count and the page's ids
    assert all('"tickets_ticket"."site_id" = ANY(ARRAY(' in sql for sql in list_reads)
