"""Indexes the resolution-time report reads through (tables of the tickets app).

The status history of a ticket is read in (ticket, time) order for window functions; the
partial covering index serves that without a sort and without touching other activities.
"""

from django.db import migrations

STATUS_INDEX = "reports_activity_status_history"
CREATED_INDEX = "reports_ticket_created_type"


class Migration(migrations.Migration):

    dependencies = [
        ("tickets", "0002_activity_description_verb"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"""
                CREATE INDEX IF NOT EXISTS {STATUS_INDEX}
                ON tickets_activity (ticket_id, created_at, id) INCLUDE (new_value)
                WHERE verb IN ('status_changed', 'reopened')
            """,
            reverse_sql=f"DROP INDEX IF EXISTS {STATUS_INDEX}",
        ),
        migrations.RunSQL(
            sql=f"""
                CREATE INDEX IF NOT EXISTS {CREATED_INDEX}
                ON tickets_ticket (created_at, ticket_type_id, customer_id, site_id)
            """,
            reverse_sql=f"DROP INDEX IF EXISTS {CREATED_INDEX}",
        ),
    ]
