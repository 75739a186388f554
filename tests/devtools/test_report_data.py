"""The benchmark's generated tickets are consistent with the report that reads them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from agencydesk.devtools.bench.report_data import report_timings, tickets_generate
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.reports.queries import resolution_report
from agencydesk.tickets.models import Status, Ticket

pytestmark = pytest.mark.django_db

DONE = [Status.SOLVED, Status.CLOSED]


def test_given_generated_tickets_when_reported_then_counts_match_their_rows(tenant):
    now = timezone.now()
    progress: list[int] = []

    added = tickets_generate(
        count=300, now=now, chunk=120, progress=lambda d, t: progress.append(d)
    )

    params = ReportParams(
        group_by=GroupBy.MONTH,
        date_from=(now - dt.timedelta(days=200)).date(),
        date_to=now.date(),
        timezone="UTC",
        as_of=now,
    )
    total = resolution_report(params).total
    in_period = Ticket.objects.filter(created_at__gte=params.start, created_at__lt=params.end)
    assert (added, progress) == (300, [120, 240, 300])
    assert total.ticket_count == in_period.count()
    assert total.solved_count == in_period.filter(status__in=DONE).count()
    open_at_end = Ticket.objects.exclude(status__in=DONE).filter(created_at__lt=params.end)
    assert total.backlog == open_at_end.count()


def test_given_a_report_when_timed_then_both_medians_are_measured(tenant):
    params = ReportParams(
        group_by=GroupBy.TICKET_TYPE,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
        timezone="UTC",
        as_of=timezone.now(),
    )

    timing = report_timings(params, runs=2, label="ticket_type")

    assert timing.report_seconds > 0
    assert timing.bare_seconds > 0
    assert timing.ratio == timing.report_seconds / timing.bare_seconds
