"""Stored durations for the tickets that predate the columns, from their status history.

One set-based statement (a window over the status changes, one UPDATE of the tickets), so
it stays fast at a million tickets. A frozen copy of ``tickets.workflow.durations``'s
statement: the migration must keep meaning what it meant when it was written. The
business-time variants need the SLA calendars and start empty for these tickets.
"""

from django.db import migrations

BACKFILL = """
WITH changes AS (
    SELECT a.ticket_id, a.created_at,
           coalesce((a.new_value #>> '{}') IN ('solved', 'closed'), false) AS resolved,
           coalesce((a.old_value #>> '{}') IN ('solved', 'closed'), false) AS was_resolved,
           (a.new_value #>> '{}') = 'waiting' AS waiting,
           lead(a.created_at) OVER (PARTITION BY a.ticket_id ORDER BY a.created_at, a.id)
               AS left_at
    FROM tickets_activity a
    WHERE a.verb IN ('status_changed', 'reopened') 
),
history AS (
    SELECT ticket_id,
           max(created_at) FILTER (WHERE resolved AND NOT was_resolved) AS last_solve,
           coalesce(sum(extract(epoch FROM left_at - created_at))
               FILTER (WHERE waiting AND left_at IS NOT NULL), 0)::float8 AS waiting_s
    FROM changes GROUP BY ticket_id
)
UPDATE tickets_ticket t SET
    response_seconds = extract(epoch FROM t.first_response_at - t.created_at)::float8,
    solved_at = CASE WHEN t.status IN ('solved', 'closed') AND h.last_solve IS NOT NULL
                     THEN h.last_solve ELSE t.solved_at END,
    resolution_seconds = CASE WHEN t.status IN ('solved', 'closed')
                              THEN extract(epoch FROM h.last_solve - t.created_at)::float8 END,
    waiting_seconds = coalesce(h.waiting_s, 0)
FROM tickets_ticket s LEFT JOIN history h ON h.ticket_id = s.id
WHERE s.id = t.id 
"""


class Migration(migrations.Migration):

    dependencies = [
        ("tickets", "0016_ticket_stored_durations"),
    ]

    operations = [
        migrations.RunSQL(sql=BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
