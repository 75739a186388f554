"""Sort expressions of the ticket lists, shared by the lists and the indexes behind them.

An expression index serves an ORDER BY only when the query uses the very same expression,
so both are built from here (``Ticket.Meta.indexes`` and ``staff/filters.py``).
"""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Q, Value, When

from agencydesk.tickets.choices import OPEN_STATUSES, Priority

PRIORITY_RANK = Case(
    When(priority=Priority.URGENT, then=Value(0)),
    When(priority=Priority.HIGH, then=Value(1)),
    When(priority=Priority.MEDIUM, then=Value(2)),
    When(priority=Priority.LOW, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)
# The due time that matters next (as the inbox shows it): the first response while none was
# given, else the resolution; a ticket no longer open is due nowhere.
NEXT_DUE = Case(
    When(~Q(status__in=OPEN_STATUSES), then=Value(None)),
    When(
        first_response_at__isnull=True,
        first_response_due_at__isnull=False,
        then=F("first_response_due_at"),
    ),
    default=F("resolution_due_at"),
)
