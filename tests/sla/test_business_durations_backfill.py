"""The backfill of business-time durations (sla migration 0003) arrives at the values the
workflow stores, from the calendars in force.

The policy (tests.sla.factories): Monday to Friday 08:00-17:00 in the tenant's timezone;
high = 60 min first response / 8 h resolution. 2 March 2026 is a Monday.
"""

from __future__ import annotations

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.db import connection

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow import comment_add, ticket_change
from tenants.models import Tenant
from tests.factories import TicketTypeFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "agencydesk.sla.migrations.0003_ticket_business_durations_backfill"
)
BERLIN = ZoneInfo("Europe/Berlin")
BUSINESS_FIELDS = ("response_business_seconds", "resolution_business_seconds")


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=BERLIN)


def _run_backfill() -> None:
    with connection.schema_editor() as editor:
        MIGRATION.backfill(apps, editor)


def _business(ticket: Ticket) -> tuple[float | None, ...]:
    return tuple(Ticket.objects.values_list(*BUSINESS_FIELDS).get(pk=ticket.pk))


@pytest.fixture
def policy_type():
    return TicketTypeFactory(sla_policy=SlaPolicyFactory(), default_priority="high")


def test_given_worked_tickets_when_backfilled_then_the_workflow_values_return(
    make_ticket, staff, policy_type, monkeypatch
):
    monkeypatch.setattr(MIGRATION, "CHUNK", 1)  # each ticket in a transaction of its own
    with time_machine.travel(at(2, 9), tick=False):
        solved, unanswered = (
            make_ticket(ticket_type=policy_type),
            make_ticket(ticket_type=policy_type),
        )
    steps = [
        (at(2, 16), Status.WAITING),
        (at(3, 10), Status.IN_PROGRESS),  # waiting: 1 h Monday, 2 h Tuesday
        (at(4, 9), Status.SOLVED),
        (at(4, 12), Status.CLOSED),
    ]
    with time_machine.travel(at(2, 12), tick=False):
        comment_add(actor=staff, ticket=solved, body="On our way.")
    for moment, status in steps:
        with time_machine.travel(moment, tick=False):
            ticket_change(actor=staff, ticket=solved, status=status)
    stored = _business(solved)
    Ticket.objects.update(response_business_seconds=None, resolution_business_seconds=None)

    _run_backfill()

    assert stored == (3 * 3600.0, (8 + 9 + 1 - 3) * 3600.0)
    assert _business(solved) == pytest.approx(stored, abs=0.01)
    assert _business(unanswered) == (None, None)


def test_given_a_ticket_without_a_target_when_backfilled_then_it_keeps_no_business_time(
    make_ticket, staff
):
    low = TicketTypeFactory(sla_policy=SlaPolicyFactory(), default_priority="low")
    with time_machine.travel(at(2, 9), tick=False):
        ticket = make_ticket(ticket_type=low)
    with time_machine.travel(at(2, 10), tick=False):
        comment_add(actor=staff, ticket=ticket, body="Noted.")

    _run_backfill()

    assert _business(ticket) == (None, None)


def test_given_no_policy_when_backfilled_then_nothing_is_written(make_ticket):
    ticket = make_ticket()

    _run_backfill()

    assert _business(ticket) == (None, None)


def test_given_a_tenant_in_another_timezone_when_backfilled_then_its_office_hours_count(
    make_ticket, staff, policy_type, tenant, monkeypatch
):
    tokyo = ZoneInfo("Asia/Tokyo")
    monkeypatch.setattr(tenant, "timezone", "Asia/Tokyo")
    Tenant.objects.filter(pk=tenant.pk).update(timezone="Asia/Tokyo")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=tokyo), tick=False):
        ticket = make_ticket(ticket_type=policy_type)
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=tokyo), tick=False):
        comment_add(actor=staff, ticket=ticket, body="On our way.")
    Ticket.objects.update(response_business_seconds=None)

    _run_backfill()

    # 09:00-12:00 in Tokyo; in Berlin's office hours it would be none (01:00-04:00).
    assert _business(ticket)[0] == 3 * 3600.0
