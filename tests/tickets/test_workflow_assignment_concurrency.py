"""Two tickets created at the same moment on two connections go to two equally free members."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from agencydesk.accounts.models import AssignmentMode, User
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.workflow import ticket_create
from tests.conftest import ensure_test_tenant
from tests.factories import SiteFactory, StaffFactory, TeamFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_given_two_free_members_when_two_tickets_are_created_in_parallel_then_both_get_one(
    tenant_rows_cleanup,
):
    alpha = ensure_test_tenant("alpha")
    connection.set_tenant(alpha)
    members = [StaffFactory(), StaffFactory()]
    team = TeamFactory(assignment=AssignmentMode.LEAST_LOADED)
    team.members.set(members)
    site = SiteFactory()
    ticket_type = TicketTypeFactory(default_priority="medium", default_team=team)
    actor = StaffFactory()
    start = threading.Barrier(2)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def create(title: str) -> None:
        try:
            connection.set_tenant(alpha)  # each thread has a connection of its own
            start.wait(timeout=10)
            ticket = ticket_create(
                actor=actor,
                title=title,
                customer=site.customer,
                site=site,
                ticket_type=ticket_type,
                source="staff",
            )
            numbers.append(ticket.number)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(f"Parallel {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors, errors
    assignees: Any = Ticket.objects.filter(number__in=numbers).values_list("assignee", flat=True)
    assert sorted(assignees) == sorted(member.pk for member in members)
    assert User.objects.filter(pk__in=assignees).count() == 2
    connection.set_schema_to_public()
