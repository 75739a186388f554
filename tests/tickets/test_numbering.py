"""Ticket numbers under parallel creation: each thread uses its own database connection."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer
from agencydesk.tickets.models import Ticket, TicketType
from agencydesk.tickets.workflow import ticket_create
from tests.conftest import ensure_test_tenant, in_schema
from tests.factories import CustomerFactory, StaffFactory, TicketTypeFactory

THREADS = 8
TICKETS_PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_given_parallel_creators_when_tickets_are_created_then_numbers_have_no_gaps_or_twins():
    tenant = ensure_test_tenant("alpha")
    with in_schema(tenant):
        staff: User = StaffFactory()
        customer: Customer = CustomerFactory()
        ticket_type: TicketType = TicketTypeFactory()
    barrier = threading.Barrier(THREADS)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def create_some() -> None:
        try:
            connection.set_tenant(tenant)
            barrier.wait()
            for index in range(TICKETS_PER_THREAD):
                ticket = ticket_create(
                    actor=staff,
                    title=f"Parallel {index}",
                    customer=customer,
                    site=None,
                    ticket_type=ticket_type,
                    source="api",
                )
                numbers.append(ticket.number)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=create_some) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert len(numbers) == THREADS * TICKETS_PER_THREAD
        assert sorted(numbers) == list(range(min(numbers), min(numbers) + len(numbers)))
    finally:
        # Transactional tests leave tenant rows behind: remove what this one wrote.
        with in_schema(tenant):
            Ticket.objects.filter(customer=customer).delete()
            customer.delete()
            ticket_type.delete()
            staff.delete()
