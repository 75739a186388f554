"""Business-time durations for the tickets that predate the columns (tickets 0019).

What ``tickets.workflow.durations`` stores at the first reply and the solve, from the
calendars in force now, for the tickets under the matching target. Set-based so it stays
fast at a million tickets: the business intervals of each policy over the tickets' span go
into a temporary table with the business seconds before each one, so the business time up
to a moment is one index lookup, and the business time between two moments the difference
of two. An UPDATE per chunk of tickets then writes them.

It uses the pure calendar arithmetic of ``sla.calendar`` and ``sla.holiday_calendars``
(no models), and the frozen policy fields of this migration's state.
"""

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import migrations, transaction
from django_tenants.utils import get_public_schema_name

from agencydesk.sla.calendar import BusinessCalendar
from agencydesk.sla.holiday_calendars import HolidaySet

CHUNK = 20_000  # tickets per transaction (by id)

# Business seconds from the first interval of the policy up to ``{moment}``.
ELAPSED_AT = """
LEFT JOIN LATERAL (
    SELECT b.elapsed + greatest(extract(epoch FROM least({moment}, b.ends) - b.starts), 0)::float8
           AS seconds
    FROM business_intervals b
    WHERE b.policy_id = k.policy_id AND b.starts <= {moment}
    ORDER BY b.starts DESC LIMIT 1
) {alias} ON true"""

UPDATE = """
UPDATE tickets_ticket t SET
    response_business_seconds = CASE
        WHEN t.first_response_due_at IS NOT NULL AND k.first_response_at IS NOT NULL
        THEN greatest(responded.seconds - created.seconds, 0) END,
    resolution_business_seconds = CASE
        WHEN t.resolution_due_at IS NOT NULL AND k.solved_at IS NOT NULL
        THEN greatest(solved.seconds - created.seconds
                      - extract(epoch FROM t.sla_paused_for)::float8
                      - CASE WHEN k.sla_paused_at < k.solved_at
                             THEN solved.seconds - paused.seconds ELSE 0 END, 0) END
FROM (
    SELECT s.id, s.created_at, s.first_response_at, s.sla_paused_at,
           CASE WHEN s.status IN ('solved', 'closed') THEN s.solved_at END AS solved_at,
           coalesce(tt.sla_policy_id, %s) AS policy_id
    FROM tickets_ticket s JOIN tickets_tickettype tt ON tt.id = s.ticket_type_id
    WHERE s.id >= %s AND s.id < %s
      AND (s.first_response_due_at IS NOT NULL OR s.resolution_due_at IS NOT NULL)
) k
{created} {responded} {solved} {paused}
WHERE t.id = k.id AND k.policy_id IS NOT NULL
"""


def _tenant_timezone(cursor, schema_name):
    # Qualified: a migration's search path may hold the tenant's schema only.
    cursor.execute(
        f'SELECT timezone FROM "{get_public_schema_name()}".tenants_tenant'  # noqa: S608
        " WHERE schema_name = %s",
        [schema_name],
    )
    row = cursor.fetchone()
    try:
        return ZoneInfo((row[0] if row else "") or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _minutes(text):
    hours, minutes = (int(part) for part in str(text).strip().split(":"))
    return hours * 60 + minutes


def _calendar(policy, zone):
    try:
        return BusinessCalendar.build(
            timezone=zone,
            hours=[
                (int(span["weekday"]), _minutes(span["start"]), _minutes(span["end"]))
                for span in policy.business_hours
            ],
            holidays=HolidaySet(
                custom=[dt.date.fromisoformat(day) for day in policy.holidays],
                country=policy.holiday_country,
                subdivision=policy.holiday_subdivision,
            ),
        )
    except (KeyError, TypeError, ValueError):  # no business hours: no business time
        return None


def _intervals(policies, zone, first, last):
    """(policy id, start, end, business seconds before it) per business interval."""
    rows = []
    for policy in policies:
        calendar = _calendar(policy, zone)
        if calendar is None:
            continue
        start = calendar.local_date(first) - dt.timedelta(days=1)
        days = (calendar.local_date(last) - start).days + 2
        elapsed = 0.0
        for begin, finish in calendar.intervals_from(start, days=days):
            rows.append((policy.pk, begin, finish, elapsed))
            elapsed += (finish - begin).total_seconds()
    return rows


def backfill(apps, schema_editor):
    policies = list(apps.get_model("sla", "SlaPolicy").objects.all())
    if not policies:
        return
    default = next((policy.pk for policy in policies if policy.is_default), None)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(created_at), max(greatest(first_response_at, solved_at))"
            " FROM tickets_ticket"
            " WHERE first_response_due_at IS NOT NULL OR resolution_due_at IS NOT NULL"
        )
        first, last = cursor.fetchone()
        if first is None:
            return
        zone = _tenant_timezone(cursor, connection.schema_name)
        rows = _intervals(policies, zone, first, max(last or first, first))
        if not rows:
            return
        update = UPDATE.format(
            **{
                alias: ELAPSED_AT.format(moment=f"k.{column}", alias=alias)
                for alias, column in (
                    ("created", "created_at"),
                    ("responded", "first_response_at"),
                    ("solved", "solved_at"),
                    ("paused", "sla_paused_at"),
                )
            }
        )
        cursor.execute("SELECT min(id), max(id) FROM tickets_ticket")
        lowest, highest = cursor.fetchone()
        for start in range(lowest, highest + 1, CHUNK):
            # One transaction per chunk: the rows it writes stay locked only briefly, and
            # an interrupted run starts again from the first chunk (writing the same values
            # again). Each chunk loads the intervals into a table of its own and drops it.
            with transaction.atomic(using=connection.alias):
                _chunk_update(cursor, rows, update, [default, start, start + CHUNK])


def _chunk_update(cursor, rows, update, params):
    cursor.execute("SET LOCAL jit = off")  # compiling took longer than the chunk runs
    cursor.execute("DROP TABLE IF EXISTS business_intervals")
    cursor.execute(
        "CREATE TEMPORARY TABLE business_intervals"
        " (policy_id bigint, starts timestamptz, ends timestamptz, elapsed float8)"
    )
    cursor.execute(
        "INSERT INTO business_intervals SELECT * FROM unnest("
        "%s::bigint[], %s::timestamptz[], %s::timestamptz[], %s::float8[])",
        [list(column) for column in zip(*rows, strict=True)],
    )
    cursor.execute("CREATE INDEX ON business_intervals (policy_id, starts)")
    cursor.execute("ANALYZE business_intervals")
    cursor.execute(update, params)
    cursor.execute("DROP TABLE business_intervals")


class Migration(migrations.Migration):
    atomic = False  # a transaction per chunk of tickets (``backfill``)

    dependencies = [
        ("sla", "0002_holiday_regions_warnings_and_notices"),
        ("tickets", "0019_ticket_business_durations"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
