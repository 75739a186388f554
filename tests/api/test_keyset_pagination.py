"""Keyset pagination of the ticket list: every ticket once, in order, while tickets arrive."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from agencydesk.api import pagination
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.search import ticket_search_vectors_recompute
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


@pytest.fixture
def staff_api(api_client, staff):
    api_client.force_login(staff)
    return api_client


def _tickets_at_one_time(count: int) -> list[Ticket]:
    # The same created_at for all: the id has to settle every tie.
    moment = timezone.now() - datetime.timedelta(days=1)
    tickets = TicketFactory.create_batch(count)
    Ticket.objects.filter(pk__in=[ticket.pk for ticket in tickets]).update(created_at=moment)
    return tickets


def _walk(staff_api, url: str, *, between_pages: Any = None) -> list[int]:
    numbers: list[int] = []
    while url:
        body = staff_api.get(url).json()
        numbers.extend(row["number"] for row in body["results"])
        assert body["previous"] is None or "cursor=" not in url
        url = body["next"]
        if between_pages:
            between_pages()
    return numbers


def test_given_tickets_when_walking_by_cursor_then_each_appears_once_in_order(staff_api):
    tickets = _tickets_at_one_time(7)
    TicketFactory.create_batch(4)  # newer ones

    numbers = _walk(staff_api, f"{URL}?page_size=3&cursor=")

    expected = list(Ticket.objects.order_by("-created_at", "-id").values_list("number", flat=True))
    assert numbers == expected
    assert len(set(numbers)) == len(tickets) + 4


def test_given_new_tickets_during_the_walk_when_walking_by_cursor_then_none_missing_or_twice(
    staff_api,
):
    _tickets_at_one_time(9)
    before = set(Ticket.objects.values_list("number", flat=True))

    numbers = _walk(staff_api, f"{URL}?page_size=2&cursor=", between_pages=TicketFactory)

    assert len(numbers) == len(set(numbers))
    assert before <= set(numbers)  # new tickets land above the cursor, old ones all come


def test_given_an_ascending_ordering_when_walking_by_cursor_then_it_is_followed(staff_api):
    _tickets_at_one_time(5)

    numbers = _walk(staff_api, f"{URL}?page_size=2&ordering=number&cursor=")

    assert numbers == sorted(Ticket.objects.values_list("number", flat=True))


def test_given_a_deep_page_number_when_listing_then_the_next_link_is_a_cursor(
    staff_api, monkeypatch
):
    monkeypatch.setattr(pagination, "PAGE_NUMBER_ROWS", 4)
    _tickets_at_one_time(10)

    body = staff_api.get(f"{URL}?page_size=2&page=2").json()
    rest = _walk(staff_api, body["next"])

    assert "cursor=" in body["next"] and "page=" not in body["next"]
    first_pages = [row["number"] for row in staff_api.get(f"{URL}?page_size=4").json()["results"]]
    assert first_pages + rest == list(
        Ticket.objects.order_by("-created_at", "-id").values_list("number", flat=True)
    )


def test_given_a_broken_cursor_when_listing_then_400_with_a_field_error(staff_api):
    response = staff_api.get(f"{URL}?cursor=not-a-cursor")

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_given_a_search_when_paging_by_cursor_then_400(staff_api):
    response = staff_api.get(f"{URL}?q=heating&cursor=")

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_given_more_tickets_than_the_cap_when_listing_then_count_is_bounded(staff_api, monkeypatch):
    monkeypatch.setattr(pagination, "API_COUNT_CAP", 3)
    TicketFactory.create_batch(5)

    assert staff_api.get(f"{URL}?cursor=").json()["count"] == 4


def test_given_many_tickets_when_listing_by_cursor_then_the_query_count_does_not_grow(
    staff_api, django_assert_num_queries
):
    TicketFactory.create_batch(3)
    cursor = staff_api.get(f"{URL}?page_size=1&cursor=").json()["next"]
    few = _statements(lambda: staff_api.get(cursor))
    TicketFactory.create_batch(30)
    cursor = staff_api.get(f"{URL}?page_size=20&cursor=").json()["next"]

    with django_assert_num_queries(few):
        staff_api.get(cursor)


def _statements(request: Any) -> int:
    # Counted at the cursor: the test client resets Django's query log on every request.
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        request()
    return len(executed)


def test_given_two_sort_columns_when_listing_then_both_are_kept_and_no_cursor_is_offered(
    staff_api,
):
    tickets = _tickets_at_one_time(3)

    body = staff_api.get(f"{URL}?ordering=created_at,-number").json()

    assert [row["number"] for row in body["results"]] == sorted(
        (ticket.number for ticket in tickets), reverse=True
    )
    assert staff_api.get(f"{URL}?ordering=created_at,-number&cursor=").status_code == 400


def test_given_a_search_with_more_hits_than_its_window_when_listed_then_count_is_bounded(
    staff_api, monkeypatch
):
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 2)
    TicketFactory.create_batch(4, title="Heating fails")
    ticket_search_vectors_recompute()

    body = staff_api.get(f"{URL}?q=heating&page_size=1").json()

    assert body["count"] == 3  # "more than 2"
    assert body["next"] is not None
