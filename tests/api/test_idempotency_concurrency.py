"""Parallel POSTs with one Idempotency-Key against the live database: one ticket.

Each thread has its own database connection, so the requests really run side by side; the
second one waits on the key's unique index until the first commits, then replays it.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from agencydesk.accounts.services import api_token_issue
from agencydesk.api.models import IdempotencyKey
from agencydesk.tickets.models import Ticket
from tests.conftest import TenantAPIClient, ensure_test_tenant, in_schema
from tests.factories import CustomerFactory, StaffFactory, TicketTypeFactory

PARALLEL_REQUESTS = 6


@pytest.mark.django_db(transaction=True)
def test_given_parallel_posts_with_one_key_when_they_race_then_one_ticket_and_one_answer():
    tenant = ensure_test_tenant("alpha")
    with in_schema(tenant):
        staff = StaffFactory()
        customer = CustomerFactory()
        ticket_type = TicketTypeFactory()
        _token, key = api_token_issue(user=staff, name="race")
    body = {"title": "Raced ticket", "customer": customer.pk, "ticket_type": ticket_type.pk}
    barrier = threading.Barrier(PARALLEL_REQUESTS)
    answers: list[tuple[int, dict, bool]] = []
    errors: list[BaseException] = []

    def post() -> None:
        try:
            api = TenantAPIClient(tenant, HTTP_AUTHORIZATION=f"Token {key}")
            barrier.wait()
            response = api.post(
                "/api/v1/tickets/", body, format="json", HTTP_IDEMPOTENCY_KEY="crm-case-4711"
            )
            replayed = response.headers.get("Idempotent-Replayed") == "true"
            answers.append((response.status_code, response.json(), replayed))
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=post) for _ in range(PARALLEL_REQUESTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert {status for status, _body, _replayed in answers} == {201}
        assert len({body["number"] for _status, body, _replayed in answers}) == 1
        assert sum(not replayed for _status, _body, replayed in answers) == 1
        with in_schema(tenant):
            assert Ticket.objects.filter(customer=customer).count() == 1
    finally:
        # Transactional tests leave tenant rows behind: remove what this one wrote.
        with in_schema(tenant):
            IdempotencyKey.objects.filter(user=staff).delete()
            Ticket.objects.filter(customer=customer).delete()
            customer.delete()
            ticket_type.delete()
            staff.delete()
