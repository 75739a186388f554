"""At 100,000 tickets a search page and its count read a bounded part of the matches.

One fill per test (in the test's transaction): "Heizkessel" in one ticket in ten (10,000
hits), "Hochwasser" in one in a thousand (100). Each statement the list runs for the first
page of a ranked search is EXPLAINed as it was sent: the rank is computed for the window
only, and neither the page nor the count reads every hit.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.core.paginator import BoundedPaginator
from agencydesk.tickets.search import (
    RANK_WINDOW,
    SEARCH_COUNT_CAP,
    ranked_search_ids,
    search_config,
    tickets_matching,
)
from agencydesk.tickets.selectors import ticket_api_rows_for
from tests.factories import CustomerFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db
ROWS = 100_000
COMMON, RARE = "Heizkessel", "Hochwasser"


@pytest.fixture
def filled(staff) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO tickets_ticket (
                number, title, description, ticket_type_id, priority, status, customer_id,
                requester_email, source, visibility, custom_fields, needs_triage,
                created_at, updated_at, search_vector)
            SELECT nextval('tickets_ticket_number_seq'), 'Ticket ' || n, '', %(type)s,
                'medium', 'closed', %(customer)s, '', 'portal', 'private', '{}', false,
                now() - n * interval '5 minutes', now() - n * interval '4 minutes',
                setweight(to_tsvector(%(config)s::regconfig, 'Ticket ' || n), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, 'Wohnung Treppenhaus '
                    || CASE WHEN n %% 10 = 3 THEN 'Heizkessel ' ELSE '' END
                    || CASE WHEN n %% 1000 = 7 THEN 'Hochwasser' ELSE '' END), 'B')
            FROM generate_series(1, %(rows)s) AS n
            """,
            {
                "type": TicketTypeFactory().pk,
                "customer": CustomerFactory().pk,
                "config": search_config(),
                "rows": ROWS,
            },
        )
        cursor.execute("ANALYZE tickets_ticket")


def _first_page_statements(staff, word: str) -> tuple[BoundedPaginator, list[str]]:
    matching = tickets_matching(ticket_api_rows_for(staff), word)
    paginator = BoundedPaginator(matching, 50, cap=SEARCH_COUNT_CAP, page_ids=ranked_search_ids)
    with CaptureQueriesContext(connection) as captured:
        page = paginator.page(1)
        assert paginator.count
    assert len(page) == 50
    selects = [
        query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")
    ]
    count = [sql for sql in selects if "COUNT(" in sql]
    ids, rows = [sql for sql in selects if sql not in count]
    return paginator, [ids, rows, *count]


def _plan(sql: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        return cursor.fetchone()[0][0]["Plan"]


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node] + [below for child in node.get("Plans", []) for below in _nodes(child)]


def _rows_read(plan: dict[str, Any]) -> int:
    """Ticket rows a plan looked at: returned or thrown away by a filter, over all loops."""
    return sum(
        (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
        for node in _nodes(plan)
        if node.get("Relation Name") == "tickets_ticket"
    )


def _ranked_inputs(plan: dict[str, Any]) -> list[int]:
    """Rows fed into each sort by rank: every row the rank was computed for."""
    return [
        sum(child["Actual Rows"] * child["Actual Loops"] for child in node["Plans"])
        for node in _nodes(plan)
        if node["Node Type"] == "Sort" and "ts_rank" in " ".join(node.get("Sort Key", []))
    ]


@pytest.mark.parametrize("word", [COMMON, RARE])
def test_given_100k_tickets_when_first_search_page_is_read_then_rank_only_for_the_window(
    staff, filled, word
):
    paginator, statements = _first_page_statements(staff, word)
    ids, rows, count = statements  # the ranked ids, the page's rows, the bounded count

    ids_plan = _plan(ids)
    assert _ranked_inputs(ids_plan), ids_plan
    assert all(rows <= RANK_WINDOW for rows in _ranked_inputs(ids_plan)), ids_plan
    # The common word's 10,000 hits are not all read: about RANK_WINDOW / (1 in 10).
    assert _rows_read(ids_plan) < ROWS / 4, ids_plan
    assert _rows_read(_plan(rows)) <= 2 * 50
    count_plan = _plan(count)
    assert _rows_read(count_plan) < ROWS / 4, count_plan
    hits = 10_000 if word == COMMON else 100
    assert paginator.count == min(hits, SEARCH_COUNT_CAP + 1)


def test_given_100k_tickets_when_rare_word_searched_then_the_gin_index_finds_it(staff, filled):
    _, statements = _first_page_statements(staff, RARE)

    for sql in (statements[0], statements[2]):
        names = {node.get("Index Name") for node in _nodes(_plan(sql))}
        assert "ticket_search" in names, sql
