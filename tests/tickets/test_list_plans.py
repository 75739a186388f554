"""At 100,000 tickets every saved view, sort, filter and view count is read from an index.

One fill per module (the rows live in a transaction the module rolls back), then EXPLAIN of
each statement the inbox and the API run: none may scan the tickets table sequentially.
"""

from __future__ import annotations

import pytest
from django.db import connection

from agencydesk.api.pagination import after_position
from agencydesk.staff.filters import SORTS
from agencydesk.staff.selectors import (
    SAVED_VIEWS,
    VIEW_COUNT_CAP,
    inbox_tickets,
    saved_view_counts,
    saved_view_counts_statement,
)
from agencydesk.tickets.selectors import ticket_api_rows_for
from tests.factories import CustomerFactory, SiteFactory, TeamFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db
ROWS = 100_000
SEQ_SCAN = "Seq Scan on tickets_ticket"


def _fill(*, customer_id: int, site_id: int, type_id: int, team_id: int, staff_id: int) -> None:
    # generate_series keeps the rows in SQL; statuses, owners and due times spread like an inbox.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO tickets_ticket (
                number, title, description, ticket_type_id, priority, status, customer_id,
                site_id, team_id, assignee_id, requester_email, source, visibility,
                custom_fields, needs_triage, created_at, updated_at, first_response_due_at,
                resolution_due_at, solved_at)
            SELECT nextval('tickets_ticket_number_seq'), 'Ticket ' || n, '', %(type)s,
                (ARRAY['low', 'medium', 'high', 'urgent'])[1 + n %% 4],
                (ARRAY['new', 'in_progress', 'waiting', 'solved', 'closed',
                       'closed', 'closed', 'closed', 'closed', 'closed'])[1 + n %% 10],
                %(customer)s, CASE WHEN n %% 50 = 0 THEN %(site)s END,
                CASE WHEN n %% 40 = 0 THEN %(team)s END,
                CASE WHEN n %% 30 = 0 THEN %(staff)s END, '', 'portal', 'private', '{}',
                n %% 500 = 0,
                now() - n * interval '5 minutes', now() - n * interval '4 minutes',
                now() - n * interval '5 minutes' + interval '2 hours',
                now() - n * interval '5 minutes' + interval '3 days',
                CASE WHEN n %% 10 >= 3 THEN now() - n * interval '4 minutes' END
            FROM generate_series(1, %(rows)s) AS n
            """,
            {
                "type": type_id,
                "customer": customer_id,
                "site": site_id,
                "team": team_id,
                "staff": staff_id,
                "rows": ROWS,
            },
        )
        cursor.execute("ANALYZE tickets_ticket")


@pytest.fixture
def filled(staff):
    customer = CustomerFactory()
    ids = {
        "customer_id": customer.pk,
        "site_id": SiteFactory(customer=customer).pk,
        "type_id": TicketTypeFactory().pk,
        "team_id": TeamFactory().pk,
        "staff_id": staff.pk,
    }
    _fill(**ids)
    return ids


def test_given_100k_tickets_when_each_view_is_read_in_each_sort_then_no_table_scan(staff, filled):
    for view in SAVED_VIEWS:
        for sort, order in SORTS.items():
            page = inbox_tickets(staff, view.key).order_by(*order)
            ids_plan = page.values_list("pk", flat=True)[:50].explain()
            assert SEQ_SCAN not in ids_plan, (view.key, sort, ids_plan)


def test_given_100k_tickets_when_each_filter_is_applied_then_no_table_scan(staff, filled):
    filters = {
        "status": {"status": "waiting"},
        "priority": {"priority": "high"},
        "ticket_type": {"ticket_type_id": filled["type_id"]},
        "customer": {"customer_id": filled["customer_id"]},
        "site": {"site_id": filled["site_id"]},
        "assignee": {"assignee_id": filled["staff_id"]},
        "team": {"team_id": filled["team_id"]},
        "needs_triage": {"needs_triage": True},
    }
    for name, condition in filters.items():
        page = ticket_api_rows_for(staff).filter(**condition).order_by("-created_at", "-pk")
        plan = page.values_list("pk", flat=True)[:50].explain()
        assert SEQ_SCAN not in plan, (name, plan)


def test_given_100k_tickets_when_the_view_counts_are_taken_then_no_table_scan(staff, filled):
    counts = saved_view_counts(staff)

    assert counts["all"] == 1000  # stopped at the cap plus one: shown as "999+"
    assert counts["triage"] == ROWS // 500  # every 500th row, all of them open
    sql, params = saved_view_counts_statement(staff)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    # Each view stops near the cap (an index walk, or for "all tickets" any rows), where a
    # plain count would read all 100,000 rows; a few are skipped by the view's filter.
    scans = _scans_of_tickets(plan[0]["Plan"])
    assert len(scans) == len(SAVED_VIEWS)
    for node in scans:
        read = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
        assert read <= 2 * (VIEW_COUNT_CAP + 1), node


def _scans_of_tickets(node: dict) -> list[dict]:
    own = [node] if node.get("Relation Name") == "tickets_ticket" else []
    return own + [scan for child in node.get("Plans", []) for scan in _scans_of_tickets(child)]


def test_given_100k_tickets_when_a_deep_cursor_page_is_read_then_it_starts_at_the_position(
    staff, filled
):
    deep = ticket_api_rows_for(staff).order_by("-created_at", "-pk")[90_000]

    page = (
        ticket_api_rows_for(staff)
        .filter(after_position("created_at", True, deep.created_at, deep.pk))
        .order_by("-created_at", "-pk")[:50]
    )

    plan = page.explain(analyze=True)
    assert SEQ_SCAN not in plan, plan
    assert "Index Cond: (created_at <=" in plan, plan
    assert "rows=51 loops=1" in plan, plan  # the page and the one after it, nothing before
