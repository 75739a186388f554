"""The index the resolution-time report reads the status history through.

The report reads the status changes of its period (``created_at`` from the period start);
this partial covering index holds exactly those rows, in time order, with the values the
report needs, so it is read without touching the rest of the activity table.
"""

from django.db import migrations

STATUS_INDEX = "reports_activity_status_changes"


class Migration(migrations.Migration):

    dependencies = [
        ("tickets", "0002_activity_description_verb"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"""
                CREATE INDEX IF NOT EXISTS {STATUS_INDEX}
                ON tickets_activity (created_at) INCLUDE (ticket_id, id, old_value, new_value)
                WHERE verb IN ('status_changed', 'reopened')
            """,
            reverse_sql=f"DROP INDEX IF EXISTS {STATUS_INDEX}",
        ),
    ]
