"""The covering index of the resolution report's cohort scan (built after the backfill, so
the backfill does not maintain it row by row)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("tickets", "0017_ticket_durations_backfill"),
    ]

    operations = [
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(condition=models.Q(('deleted_at__isnull', True)), fields=['created_at'], include=('id', 'status', 'ticket_type', 'priority', 'customer', 'site', 'assignee', 'team', 'solved_at', 'resolution_due_at', 'resolution_seconds', 'response_seconds', 'updated_at'), name='ticket_report_cohort'),
        ),
    ]
