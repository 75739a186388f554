"""The bounded paginator: a count that stops, every page up to the asked one reachable."""

from __future__ import annotations

import pytest
from django.db import connection

from agencydesk.core.paginator import BoundedPaginator
from agencydesk.tickets.models import Ticket
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _newest_first():
    return Ticket.objects.order_by("-created_at", "-id")


def test_given_more_rows_than_the_cap_when_paging_then_the_count_stops_past_the_cap(tenant):
    TicketFactory.create_batch(7)

    page = BoundedPaginator(_newest_first(), 2, cap=3).get_page(1)

    assert page.paginator.count_is_capped
    assert page.paginator.shown_count == 3
    assert page.has_next()


def test_given_a_page_beyond_the_cap_when_asked_then_it_is_served_and_the_count_follows(tenant):
    TicketFactory.create_batch(7)
    expected = list(_newest_first().values_list("number", flat=True))

    page = BoundedPaginator(_newest_first(), 2, cap=3).get_page(3)

    assert [ticket.number for ticket in page] == expected[4:6]
    assert page.has_next()


def test_given_fewer_rows_than_the_cap_when_paging_then_the_count_is_exact(tenant):
    TicketFactory.create_batch(3)

    paginator = BoundedPaginator(_newest_first(), 2, cap=10)
    last = paginator.get_page(2)

    assert (paginator.count, paginator.count_is_capped, paginator.num_pages) == (3, False, 2)
    assert len(last) == 1 and not last.has_next()


def test_given_a_deep_page_when_read_then_rows_come_in_the_list_order_with_their_joins(tenant):
    TicketFactory.create_batch(6)
    rows = _newest_first().select_related("ticket_type", "customer")
    expected = list(rows.values_list("number", flat=True))
    paginator = BoundedPaginator(rows, 2, cap=3)
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        if not sql.startswith("SET search_path"):  # django-tenants' own
            statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        page = paginator.get_page(2)
        shown = [(ticket.number, ticket.ticket_type.name, ticket.customer.name) for ticket in page]

    assert [number for number, _type, _customer in shown] == expected[2:4]
    count, ids, page_rows = statements  # the count, the page's ids, the page's rows
    assert "JOIN" not in count and "ORDER BY" not in count
    assert "JOIN" not in ids and "OFFSET 2" in ids
    assert "JOIN" in page_rows
