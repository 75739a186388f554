"""The durations the workflow stores mean what the report defines, and the statement that
recomputes them from the history (the backfill) arrives at the same values."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from agencydesk.tickets.models import Priority, Source, Status, Ticket, Visibility
from agencydesk.tickets.workflow import comment_add, ticket_change, ticket_create
from agencydesk.tickets.workflow.durations import durations_from_history
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

HOUR = 3600.0


def at(day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, tzinfo=dt.UTC)


def _worked_ticket() -> Ticket:
    staff, site = StaffFactory(), SiteFactory()
    with time_machine.travel(at(5, 8), tick=False):
        ticket = ticket_create(
            actor=staff,
            title="Heating broken",
            customer=site.customer,
            site=site,
            ticket_type=TicketTypeFactory(),
            source=Source.STAFF,
            priority=Priority.HIGH,
            visibility=Visibility.PRIVATE,
        )
    steps = [
        (at(5, 10), Status.WAITING),
        (at(5, 14), Status.IN_PROGRESS),  # 4 h waiting
        (at(6, 8), Status.SOLVED),
        (at(7, 8), Status.IN_PROGRESS),  # reopened: the solve no longer counts
        (at(8, 8), Status.WAITING),
        (at(8, 9), Status.SOLVED),  # 1 h waiting, then the last solve
        (at(10, 8), Status.CLOSED),  # solved -> closed keeps the solve time
    ]
    with time_machine.travel(at(5, 9), tick=False):
        comment_add(actor=staff, ticket=ticket, body="We are on it.")
    for moment, status in steps:
        with time_machine.travel(moment, tick=False):
            ticket_change(actor=staff, ticket=ticket, status=status)
    ticket.refresh_from_db()
    return ticket


def test_given_a_ticket_worked_through_the_workflow_then_its_durations_are_stored(tenant):
    ticket = _worked_ticket()

    assert ticket.response_seconds == 1 * HOUR
    assert ticket.resolution_seconds == (at(8, 9) - at(5, 8)).total_seconds()
    assert ticket.waiting_seconds == 5 * HOUR


def test_given_a_reopened_ticket_then_its_resolution_is_cleared(tenant):
    staff = StaffFactory()
    site = SiteFactory()
    with time_machine.travel(at(5, 8), tick=False):
        ticket = ticket_create(
            actor=staff,
            title="Door",
            customer=site.customer,
            site=site,
            ticket_type=TicketTypeFactory(),
            source=Source.STAFF,
        )
    with time_machine.travel(at(6, 8), tick=False):
        ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    with time_machine.travel(at(7, 8), tick=False):
        ticket_change(actor=staff, ticket=ticket, status=Status.IN_PROGRESS)
    ticket.refresh_from_db()

    assert ticket.resolution_seconds is None
    assert ticket.solved_at is None


def test_given_stored_durations_when_recomputed_from_the_history_then_they_are_the_same(tenant):
    ticket = _worked_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(
        response_seconds=None, resolution_seconds=None, waiting_seconds=0
    )

    assert durations_from_history([ticket.pk]) == 1
    recomputed = Ticket.objects.get(pk=ticket.pk)

    assert recomputed.response_seconds == ticket.response_seconds
    assert recomputed.resolution_seconds == pytest.approx(ticket.resolution_seconds, abs=0.01)
    assert recomputed.waiting_seconds == pytest.approx(ticket.waiting_seconds, abs=0.01)
