"""Stored durations of a ticket with an SLA policy: wall-clock values, and no calendar read.

The policy (tests.sla.factories): Monday to Friday 08:00-17:00, Europe/Berlin; high = 60 min
first response / 8 h resolution. 2 March 2026 is a Monday.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.tickets.models import Status
from agencydesk.tickets.workflow import comment_add, ticket_change
from tests.factories import TicketTypeFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = 3600.0


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def opened(make_ticket, tenant):
    """A high-priority ticket with a policy, opened on Monday at 09:00."""
    sla_type = TicketTypeFactory(sla_policy=SlaPolicyFactory(), default_priority="high")
    with time_machine.travel(at(2, 9), tick=False):
        return make_ticket(ticket_type=sla_type)


def test_given_a_ticket_with_a_policy_then_business_durations_follow_the_calendar(opened, staff):
    with time_machine.travel(at(2, 16), tick=False):
        comment_add(actor=staff, ticket=opened, body="We are on it.")
    for moment, status in (
        (at(2, 16, 30), Status.WAITING),  # stopped 16:30 Monday to 09:00 Tuesday
        (at(3, 9), Status.IN_PROGRESS),
        (at(3, 10), Status.SOLVED),
    ):
        with time_machine.travel(moment, tick=False):
            ticket_change(actor=staff, ticket=opened, status=status)
    opened.refresh_from_db()

    assert opened.response_seconds == 7 * HOUR
    assert opened.waiting_seconds == 16.5 * HOUR
    assert opened.resolution_seconds == 25 * HOUR


def test_given_a_ticket_with_a_policy_when_solved_then_no_query_is_added(opened, staff):
    """The durations come from values the workflow holds: solving runs the same statements
    as without them (the SLA clock is not read for a solve from in progress)."""
    with time_machine.travel(at(2, 10), tick=False):
        ticket_change(actor=staff, ticket=opened, status=Status.IN_PROGRESS)
    with (
        time_machine.travel(at(2, 11), tick=False),
        CaptureQueriesContext(connection) as solve,
    ):
        ticket_change(actor=staff, ticket=opened, status=Status.SOLVED)

    assert not [q for q in solve.captured_queries if "sla_slapolicy" in q["sql"]]
