"""The report reads the history the ticket workflow writes (not only hand-made rows)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.reports.queries import resolution_report
from agencydesk.tickets.models import Priority, Source, Status, Visibility
from agencydesk.tickets.workflow import comment_add, ticket_change, ticket_create
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory
from tests.reports.factories import at

pytestmark = pytest.mark.django_db


def test_given_a_ticket_worked_through_the_workflow_when_reported_then_times_match(tenant):
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
            visibility=Visibility.PRIVATE,  # published, so the reply below reaches the customer
        )
    with time_machine.travel(at(5, 10), tick=False):
        comment_add(actor=staff, ticket=ticket, body="We are on it.")
        ticket_change(actor=staff, ticket=ticket, status=Status.IN_PROGRESS)
    with time_machine.travel(at(6, 8), tick=False):
        ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    with time_machine.travel(at(7, 8), tick=False):
        ticket_change(actor=staff, ticket=ticket, status=Status.IN_PROGRESS)  # reopened
    with time_machine.travel(at(9, 8), tick=False):
        ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    with time_machine.travel(at(10, 8), tick=False):
        ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    table = resolution_report(
        ReportParams(
            group_by=GroupBy.TICKET_TYPE,
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2026, 1, 31),
            timezone="UTC",
            as_of=at(31),
        )
    )

    assert table.total.solved_count == 1
    assert table.total.resolution.median == 4 * 86400  # creation → the last solve
    assert table.total.first_response.median == 2 * 3600
    assert table.total.backlog == 0
