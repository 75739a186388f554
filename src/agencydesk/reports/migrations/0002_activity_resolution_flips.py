"""The index the report's backlog reads the status history through, narrowed.

The report now takes its durations from the ticket (tickets migration 0016-0018); from the
history it needs only the period's changes between an open and a resolved status (the
backlog). This partial index holds exactly those rows, in time order, with the values the
statement reads; it replaces the index of all status changes of migration 0001.
"""

from django.db import migrations

FLIPS_INDEX = "reports_activity_resolution_flips"
OLD_INDEX = "reports_activity_status_changes"
FLIP = (
    "coalesce((new_value #>> '{}') IN ('solved', 'closed'), false)"
    " <> coalesce((old_value #>> '{}') IN ('solved', 'closed'), false)"
)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_report_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"""
                CREATE INDEX IF NOT EXISTS {FLIPS_INDEX}
                ON tickets_activity (created_at) INCLUDE (ticket_id, id, new_value)
                WHERE verb IN ('status_changed', 'reopened') AND {FLIP}
            """,
            reverse_sql=f"DROP INDEX IF EXISTS {FLIPS_INDEX}",
        ),
        migrations.RunSQL(
            sql=f"DROP INDEX IF EXISTS {OLD_INDEX}",
            reverse_sql=f"""
                CREATE INDEX IF NOT EXISTS {OLD_INDEX}
                ON tickets_activity (created_at) INCLUDE (ticket_id, id, old_value, new_value)
                WHERE verb IN ('status_changed', 'reopened')
            """,
        ),
    ]
