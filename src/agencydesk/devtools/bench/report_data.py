"""Benchmark data in bulk (tickets, status history, comments, search vectors) and the
in-process timings of the resolution-time report.

``tickets_generate`` fills the current tenant schema with tickets whose timestamps look like
a helpdesk's (creation spread over two years, exponential response and resolution times,
one in ten solved tickets reopened and solved again, most with a resolution target) and the
status history the report reads, with ``INSERT … SELECT generate_series`` in chunks.
``report_timings`` runs the report and the bare SQL it sends, several times each.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from agencydesk.accounts.models import Role, Team, User
from agencydesk.customers.models import Customer, Site
from agencydesk.reports.params import ReportParams
from agencydesk.reports.queries import resolution_report
from agencydesk.reports.sql import report_sql
from agencydesk.tickets.models import TicketType
from agencydesk.tickets.search import ticket_search_vectors_recompute
from agencydesk.tickets.workflow.durations import durations_from_history

Progress = Callable[[int, int], None]
CHUNK = 100_000
CUSTOMERS, SITES_PER_CUSTOMER, STAFF, TEAMS = 40, 5, 25, 4

# One chunk of tickets. Random draws happen once per row in the inner SELECT; the outer one
# derives consistent timestamps from them. %(…)s are parameters, never text.
_TICKETS_SQL = """
INSERT INTO tickets_ticket (
    number, title, description, ticket_type_id, priority, status, customer_id, site_id,
    requester_id, requester_email, created_by_id, assignee_id, team_id, source, visibility,
    custom_fields, needs_triage, created_at, updated_at, first_response_at, solved_at,
    closed_at, first_response_due_at, resolution_due_at)
SELECT nextval('tickets_ticket_number_seq'), 'Benchmark ticket ' || r.n,
       -- Search words: "boiler" in one ticket in ten (common), "flooding" in one in 1,000.
       CASE WHEN r.n %% 10 = 0 THEN 'Boiler pressure drops at night. '
            ELSE 'Routine maintenance requested. ' END
       || CASE WHEN r.n %% 1000 = 7 THEN 'Basement flooding after the storm.' ELSE '' END,
       (%(types)s::bigint[])[1 + (r.u1 * array_length(%(types)s::bigint[], 1))::int
           %% array_length(%(types)s::bigint[], 1)],
       (ARRAY['low', 'medium', 'high', 'urgent'])[1 + (r.u2 * 4)::int %% 4],
       CASE WHEN r.solved_at IS NULL THEN
                CASE WHEN r.responded_at IS NULL THEN 'new' ELSE 'in_progress' END
            WHEN r.solved_at < %(now)s - interval '7 days' THEN 'closed'
            ELSE 'solved' END,
       s.customer_id, s.id, NULL, 'customer@example.com', NULL,
       (%(staff)s::bigint[])[1 + (r.u3 * array_length(%(staff)s::bigint[], 1))::int
           %% array_length(%(staff)s::bigint[], 1)],
       (%(teams)s::bigint[])[1 + (r.u3 * 97)::int %% array_length(%(teams)s::bigint[], 1)],
       'portal', 'site', '{}'::jsonb, false, r.created_at,
       greatest(r.created_at, r.responded_at, r.solved_at,
                CASE WHEN r.solved_at < %(now)s - interval '7 days'
                     THEN r.solved_at + interval '7 days' END),
       r.responded_at, r.solved_at,
       CASE WHEN r.solved_at < %(now)s - interval '7 days'
            THEN r.solved_at + interval '7 days' END,
       r.created_at + interval '4 hours',
       CASE WHEN r.u2 < 0.7 THEN r.created_at + interval '3 days' END
FROM (
    SELECT d.*,
           CASE WHEN d.created_at + d.response < %(now)s
                THEN d.created_at + d.response END AS responded_at,
           CASE WHEN d.created_at + d.resolution < %(now)s
                THEN d.created_at + d.resolution END AS solved_at
    FROM (
        SELECT g AS n,
               %(now)s - random() * interval '730 days' AS created_at,
               -ln(1 - random()) * interval '4 hours' AS response,
               interval '5 minutes' - ln(1 - random()) * interval '2 days' AS resolution,
               random() AS u1, random() AS u2, random() AS u3
        FROM generate_series(%(low)s::bigint, %(high)s::bigint) g
    ) d
) r
JOIN customers_site s ON s.id = (%(sites)s::bigint[])[
    1 + (r.n %% array_length(%(sites)s::bigint[], 1))::int]
"""

# The status history of the tickets with id above %(after)s: answered → in progress,
# solved, (every tenth solved one: solved earlier and reopened), closed.
_HISTORY_SQL = """
INSERT INTO tickets_activity (ticket_id, verb, field, old_value, new_value, created_at)
SELECT t.id, h.verb, 'status', to_jsonb(h.old), to_jsonb(h.new), h.at
FROM tickets_ticket t
CROSS JOIN LATERAL (VALUES
    ('status_changed', 'new', 'in_progress', t.first_response_at, true),
    ('status_changed', 'in_progress', 'solved',
        t.created_at + (t.solved_at - t.created_at) * 0.4, t.id %% 10 = 0),
    ('reopened', 'solved', 'in_progress',
        t.created_at + (t.solved_at - t.created_at) * 0.6, t.id %% 10 = 0),
    ('status_changed', 'in_progress', 'solved', t.solved_at, true),
    ('status_changed', 'solved', 'closed', t.closed_at, true)
) AS h(verb, old, new, at, wanted)
WHERE t.id > %(after)s
  AND h.at IS NOT NULL AND h.wanted
  AND (h.new <> 'in_progress' OR h.at < coalesce(t.solved_at, 'infinity'))
"""


# One public reply per ticket, an hour after it was opened (part of the search vector).
_COMMENTS_SQL = """
INSERT INTO tickets_comment (ticket_id, author_id, author_email, body, internal, source,
                             created_at)
SELECT t.id, t.assignee_id, '', 'We have scheduled a technician for this visit.', false,
       'web', t.created_at + interval '1 hour'
FROM tickets_ticket t
WHERE t.id > %(after)s
"""


def reference_data_ensure() -> dict[str, list[int]]:
    """Customers, sites, staff and teams for the generated tickets (created once)."""
    if Customer.objects.filter(number__startswith="BENCH-").count() < CUSTOMERS:
        customers = Customer.objects.bulk_create(
            Customer(number=f"BENCH-{n:04d}", name=f"Benchmark customer {n}")
            for n in range(CUSTOMERS)
        )
        Site.objects.bulk_create(
            Site(customer=customer, name=f"Site {n}")
            for customer in customers
            for n in range(SITES_PER_CUSTOMER)
        )
        User.objects.bulk_create(
            User(email=f"bench-staff-{n}@example.com", name=f"Staff {n}", role=Role.STAFF)
            for n in range(STAFF)
        )
        Team.objects.bulk_create(Team(name=f"Benchmark team {n}") for n in range(TEAMS))
    return {
        "types": list(TicketType.objects.values_list("id", flat=True)),
        "sites": list(
            Site.objects.filter(customer__number__startswith="BENCH-").values_list("id", flat=True)
        ),
        "staff": list(
            User.objects.filter(email__startswith="bench-staff-").values_list("id", flat=True)
        ),
        "teams": list(
            Team.objects.filter(name__startswith="Benchmark team").values_list("id", flat=True)
        ),
    }


def _ids_after(cursor: Any, after: int) -> list[tuple[int]]:
    cursor.execute("SELECT id FROM tickets_ticket WHERE id > %s", [after])
    return list(cursor.fetchall())


def tickets_generate(
    *, count: int, now: dt.datetime, progress: Progress | None = None, chunk: int = CHUNK
) -> int:
    """Add ``count`` tickets with their status history; returns the number added."""
    references = reference_data_ensure()
    done = 0
    while done < count:
        size = min(chunk, count - done)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM tickets_ticket")
            after = cursor.fetchone()[0]
            cursor.execute(
                _TICKETS_SQL, {**references, "now": now, "low": done + 1, "high": done + size}
            )
            cursor.execute(_HISTORY_SQL, {"after": after})
            # The stored durations, as the workflow would have left them after that history.
            durations_from_history([row[0] for row in _ids_after(cursor, after)])
            cursor.execute(_COMMENTS_SQL, {"after": after})
            cursor.execute("SELECT id FROM tickets_ticket WHERE id > %s", [after])
            new_ids = [row[0] for row in cursor.fetchall()]
            # The vectors exactly as the application builds them (its SQL, its configuration).
            ticket_search_vectors_recompute(ticket_ids=new_ids)
        done += size
        if progress is not None:
            progress(done, count)
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map as autovacuum would on a live database, so the
        # report's covering indexes are read index-only (fresh rows would need heap visits).
        if connection.in_atomic_block:
            cursor.execute("ANALYZE tickets_ticket")
            cursor.execute("ANALYZE tickets_activity")
        else:
            cursor.execute("VACUUM (ANALYZE) tickets_ticket")
            cursor.execute("VACUUM (ANALYZE) tickets_activity")
        cursor.execute("ANALYZE tickets_comment")
    return done


@dataclass(frozen=True)
class Timing:
    label: str
    report_seconds: float
    bare_seconds: float
    rows: int

    @property
    def ratio(self) -> float:
        return self.report_seconds / self.bare_seconds if self.bare_seconds else 0.0


def report_timings(params: ReportParams, *, runs: int, label: str) -> Timing:
    """Median wall time of the report (SQL + Python rows) and of its bare SQL statement,
    alternating so both see the same cache and machine load."""
    text, sql_params = report_sql(params)

    def bare() -> object:
        with connection.cursor() as cursor:
            cursor.execute(text, sql_params)
            return cursor.fetchall()

    report_durations, bare_durations = [], []
    table = None
    for _run in range(runs):
        started = time.perf_counter()
        table = resolution_report(params)
        report_durations.append(time.perf_counter() - started)
        started = time.perf_counter()
        bare()
        bare_durations.append(time.perf_counter() - started)
    return Timing(
        label=label,
        report_seconds=statistics.median(report_durations),
        bare_seconds=statistics.median(bare_durations),
        rows=len(table.rows) if table is not None else 0,
    )
