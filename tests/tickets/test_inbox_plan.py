"""The default inbox query at 100,000 tickets is answered from an index, not a table scan."""

import pytest
from django.db import connection

from agencydesk.tickets.selectors import open_tickets_for
from tests.factories import CustomerFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db
ROWS = 100_000


def _fill(customer_id: int, ticket_type_id: int) -> None:
    # generate_series keeps 100k rows in SQL; statuses and ages are spread like a real inbox.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO tickets_ticket (
                number, title, description, ticket_type_id, priority, status, customer_id,
                requester_email, source, visibility, custom_fields, needs_triage,
                created_at, updated_at)
            SELECT nextval('tickets_ticket_number_seq'), 'Ticket ' || n, '', %s,
                (ARRAY['low', 'medium', 'high', 'urgent'])[1 + n %% 4],
                (ARRAY['new', 'in_progress', 'waiting', 'solved', 'closed',
                       'closed', 'closed', 'closed', 'closed', 'closed'])[1 + n %% 10],
                %s, '', 'portal', 'private', '{}', false,
                now() - n * interval '5 minutes', now() - n * interval '5 minutes'
            FROM generate_series(1, %s) AS n
            """,
            [ticket_type_id, customer_id, ROWS],
        )
        cursor.execute("ANALYZE tickets_ticket")


def test_given_100k_tickets_when_the_inbox_is_read_then_the_plan_uses_an_index(staff):
    _fill(CustomerFactory().pk, TicketTypeFactory().pk)

    plan = open_tickets_for(staff)[:25].explain()

    assert "ticket_open_created" in plan, plan
    assert "Seq Scan on tickets_ticket" not in plan, plan
