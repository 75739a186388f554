"""Stored durations of a ticket with an SLA policy: wall-clock values, and their business-time
variants on the policy's calendar (read once per solve).

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


def _worked(ticket, staff, steps) -> None:
    for moment, status in steps:
        with time_machine.travel(moment, tick=False):
            ticket_change(actor=staff, ticket=ticket, status=status)
    ticket.refresh_from_db()


def test_given_a_ticket_with_a_policy_then_business_durations_follow_the_calendar(opened, staff):
    with time_machine.travel(at(2, 16), tick=False):
        comment_add(actor=staff, ticket=opened, body="We are on it.")
    _worked(
        opened,
        staff,
        [
            (at(2, 16, 30), Status.WAITING),  # stopped 16:30 Monday to 09:00 Tuesday
            (at(3, 9), Status.IN_PROGRESS),
            (at(3, 10), Status.SOLVED),
        ],
    )

    assert opened.response_seconds == 7 * HOUR
    assert opened.waiting_seconds == 16.5 * HOUR
    assert opened.resolution_seconds == 25 * HOUR
    # Business time: 09:00-16:00 Monday; the resolution 09:00 Monday to 10:00 Tuesday is
    # 10 h of office hours, less the 1.5 h of them the ticket stood waiting.
    assert opened.response_business_seconds == 7 * HOUR
    assert opened.resolution_business_seconds == 8.5 * HOUR


def test_given_a_waiting_ticket_when_closed_then_that_stretch_does_not_count(opened, staff):
    _worked(opened, staff, [(at(2, 10), Status.WAITING), (at(2, 15), Status.CLOSED)])

    assert opened.resolution_seconds == 6 * HOUR
    assert opened.resolution_business_seconds == 1 * HOUR


def test_given_a_solved_ticket_when_reopened_then_its_business_resolution_is_cleared(opened, staff):
    _worked(opened, staff, [(at(2, 11), Status.SOLVED), (at(2, 12), Status.IN_PROGRESS)])

    assert opened.resolution_business_seconds is None


def test_given_a_ticket_without_a_target_then_no_business_durations(make_ticket, staff):
    low = TicketTypeFactory(sla_policy=SlaPolicyFactory(), default_priority="low")
    with time_machine.travel(at(2, 9), tick=False):
        ticket = make_ticket(ticket_type=low)
    with time_machine.travel(at(2, 10), tick=False):
        comment_add(actor=staff, ticket=ticket, body="Noted.")
    _worked(ticket, staff, [(at(2, 11), Status.SOLVED)])

    assert ticket.response_seconds == 1 * HOUR
    assert ticket.response_business_seconds is None
    assert ticket.resolution_business_seconds is None


def test_given_a_ticket_with_a_policy_when_solved_then_the_policy_is_read_once(opened, staff):
    with time_machine.travel(at(2, 10), tick=False):
        ticket_change(actor=staff, ticket=opened, status=Status.IN_PROGRESS)
    with (
        time_machine.travel(at(2, 11), tick=False),
        CaptureQueriesContext(connection) as solve,
    ):
        ticket_change(actor=staff, ticket=opened, status=Status.SOLVED)

    assert len([q for q in solve.captured_queries if "sla_slapolicy" in q["sql"]]) == 1
