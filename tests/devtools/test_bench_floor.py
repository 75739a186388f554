"""The benchmark's floors return the rows the application returns, behind the same
authentication (what the ratio compares)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from agencydesk.api.pagination import encode_cursor
from agencydesk.devtools.bench.scenarios import INBOX_VIEWS
from agencydesk.tickets.models import Priority, Status, Ticket, Visibility
from agencydesk.tickets.search import ticket_search_vectors_recompute
from tests.factories import (
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketFactory,
    TicketTypeFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("agencydesk.devtools.bench.urls")]


def _numbers(response) -> list[int]:
    return [row["number"] for row in response.json()["results"]]


def _tickets(count: int, **fields) -> list[Ticket]:
    fields.setdefault("ticket_type", TicketTypeFactory())
    fields.setdefault("site", SiteFactory())
    fields.setdefault("customer", fields["site"].customer)
    return [TicketFactory(**fields) for _ in range(count)]


@pytest.mark.parametrize("query", ["page_size=3", "page_size=3&page=2", "page_size=3&q=boiler"])
def test_given_tickets_when_listed_then_the_floor_returns_the_api_rows_in_its_order(
    tenant, api_client, query
):
    _tickets(4, description="The boiler leaks")
    _tickets(3, description="Routine visit")
    ticket_search_vectors_recompute()
    api_client.force_login(StaffFactory())

    application = api_client.get(f"/api/v1/tickets/?{query}")
    floor = api_client.get(f"/bench-floor/tickets/?{query}")

    assert application.status_code == floor.status_code == 200
    assert _numbers(floor) == _numbers(application)
    assert len(_numbers(floor)) == 3


def test_given_a_customer_user_when_calling_the_staff_floor_then_refused_like_the_api(
    tenant, api_client
):
    _tickets(2)
    api_client.force_login(CustomerUserFactory().user)

    floor = api_client.get("/bench-floor/tickets/")
    application = api_client.get("/api/v1/tickets/")

    assert floor.status_code == application.status_code == 404
    assert "results" not in floor.json()


def test_given_no_login_when_calling_the_floors_then_nothing_is_returned(
    tenant, client, api_client
):
    _tickets(2)

    assert api_client.get("/bench-floor/tickets/").status_code in {401, 403}
    assert client.get("/bench-floor/inbox/").status_code == 302
    assert client.get("/bench-floor/portal/").status_code == 302


def test_given_a_member_when_the_portal_floor_lists_then_only_site_tickets_of_its_customer(
    tenant, client
):
    shared = _tickets(2, visibility=Visibility.SITE)
    _tickets(2, visibility=Visibility.PRIVATE, customer=shared[0].customer, site=shared[0].site)
    _tickets(2, visibility=Visibility.SITE)  # another customer
    member = CustomerUserFactory(customer=shared[0].customer)
    client.force_login(member.user)

    page = client.get("/bench-floor/portal/").content.decode()

    listed = {int(number) for number in re.findall(r"<tr><td>(\d+)</td>", page)}
    assert listed == {ticket.number for ticket in shared}


def test_given_more_hits_than_the_ranking_window_when_searched_then_floor_has_the_api_rows(
    tenant, api_client, monkeypatch
):
    from agencydesk.devtools.bench import floor
    from agencydesk.tickets import search

    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    monkeypatch.setattr(floor, "RANK_WINDOW", 3)
    tickets = _tickets(3, title="Boiler", description="The boiler leaks")
    tickets += _tickets(3, description="The boiler leaks")
    for age, ticket in enumerate(reversed(tickets)):  # the title matches are the oldest
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=ticket.created_at.replace(year=2020 - age)
        )
    ticket_search_vectors_recompute()
    api_client.force_login(StaffFactory())

    application = api_client.get("/api/v1/tickets/?page_size=3&q=boiler")
    floor_page = api_client.get("/bench-floor/tickets/?page_size=3&q=boiler")

    assert _numbers(floor_page) == _numbers(application)
    assert set(_numbers(application)) == {ticket.number for ticket in tickets[3:]}


def test_given_a_cursor_when_listed_then_the_keyset_floor_returns_the_api_rows(tenant, api_client):
    tickets = _tickets(7)
    api_client.force_login(StaffFactory())
    oldest_first = sorted(tickets, key=lambda ticket: (ticket.created_at, ticket.pk))
    after = oldest_first[3]  # the page after it: the three oldest tickets

    application = api_client.get(
        "/api/v1/tickets/",
        {"page_size": 5, "cursor": encode_cursor(after.created_at, after.pk)},
    )
    floor = api_client.get(
        "/bench-floor/tickets/",
        {"page_size": 5, "before": after.created_at.isoformat(), "before_id": after.pk},
    )

    assert application.status_code == floor.status_code == 200
    assert _numbers(floor) == _numbers(application)
    assert _numbers(floor) == [ticket.number for ticket in reversed(oldest_first[:3])]


def _inbox_numbers(page: str, pattern: str) -> list[int]:
    return [int(number) for number in re.findall(pattern, page)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        *(f"view={view}" for view in INBOX_VIEWS),
        "status=waiting",
        "priority=high",
        "customer={customer}",
    ],
)
def test_given_tickets_when_an_inbox_view_or_filter_is_listed_then_the_floor_has_its_rows(
    tenant, client, query
):
    staff = StaffFactory()
    now = timezone.now()
    kinds = [
        {"status": Status.NEW, "needs_triage": True, "priority": Priority.HIGH},
        {"status": Status.IN_PROGRESS, "assignee": staff},
        {"status": Status.WAITING, "assignee": staff, "priority": Priority.HIGH},
        {"status": Status.NEW, "resolution_due_at": now - dt.timedelta(hours=2)},
        {"status": Status.IN_PROGRESS, "first_response_due_at": now + dt.timedelta(hours=3)},
        {"status": Status.SOLVED, "solved_at": now - dt.timedelta(days=1)},
        {"status": Status.CLOSED, "solved_at": now - dt.timedelta(days=30)},
    ]
    tickets = [ticket for fields in kinds for ticket in _tickets(2, **fields)]
    client.force_login(staff)
    query = query.format(customer=tickets[0].customer_id)

    application = client.get(f"/?{query}").content.decode()
    floor_page = client.get(f"/bench-floor/inbox/?{query}").content.decode()

    listed = _inbox_numbers(application, r'<tr data-number="(\d+)">')
    assert listed, "the view lists some of the tickets"
    assert _inbox_numbers(floor_page, r"<tr><td>(\d+)</td>") == listed
