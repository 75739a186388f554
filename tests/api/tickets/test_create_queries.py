"""Opening a ticket through the API runs a short, fixed list of statements: the ticket's row
is written once (its search vector comes with the INSERT), the event's subscribers work from
the instances the workflow holds instead of reading them back, and the answer shows the
ticket as the workflow wrote it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from agencydesk.accounts.models import User
from agencydesk.accounts.services import api_token_issue
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import Activity, Ticket, TicketType
from tenants.models import Tenant
from tests.conftest import TenantAPIClient

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"
# The benchmark's request (devtools/bench/scenarios.py): a title and a customer, by token.
# Tenant, token, customer; savepoint, intake type, its custom fields, number, ticket,
# activity, release (21 before the row was written once and the subscribers and the answer
# stopped reading it back; the webhook subscriptions come from the cache).
CREATE_STATEMENTS = 10


@pytest.fixture
def token_api(tenant: Tenant, staff: User) -> TenantAPIClient:
    _token, key = api_token_issue(user=staff, name="integration")
    return TenantAPIClient(tenant, HTTP_AUTHORIZATION=f"Token {key}")


def _statements(request: Callable[[], Any]) -> list[str]:
    executed: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if not sql.startswith("SET search_path"):  # django-tenants' own, per cursor
            executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = request()
    assert response.status_code == 201, response.content
    return executed


def _open(api: TenantAPIClient, customer: Customer) -> Any:
    return api.post(URL, {"title": "Benchmark request", "customer": customer.pk}, format="json")


def test_given_a_staff_token_when_a_ticket_is_opened_then_its_statements_are_pinned(
    token_api: TenantAPIClient, customer: Customer, intake: TicketType
) -> None:
    _open(token_api, customer)  # the first request fills the process's caches

    executed = _statements(lambda: _open(token_api, customer))

    assert len(executed) == CREATE_STATEMENTS, "\n".join(executed)


def test_given_a_ticket_opened_then_its_row_is_written_once_with_activity_and_vector(
    token_api: TenantAPIClient, customer: Customer, intake: TicketType
) -> None:
    executed = _statements(lambda: _open(token_api, customer))

    writes = [
        sql
        for sql in executed
        if sql.startswith(("INSERT", "UPDATE")) and '"tickets_ticket"' in sql.split("(")[0]
    ]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes
    ticket = Ticket.objects.get()
    assert Activity.objects.filter(ticket=ticket, verb="created").exists()
    assert Ticket.objects.filter(pk=ticket.pk, search_vector="benchmark").exists()


def test_given_a_ticket_opened_when_read_back_then_the_answer_showed_it_as_stored(
    token_api: TenantAPIClient, customer: Customer, site: Site, ticket_type: TicketType
) -> None:
    body = {
        "title": "Lift stuck",
        "description": "Between floors 2 and 3",
        "customer": customer.pk,
        "site": site.pk,
        "ticket_type": ticket_type.pk,
        "priority": "high",
    }
    created = token_api.post(URL, body, format="json").json()

    assert token_api.get(f"{URL}{created['number']}/").json() == created
    assert created["work_orders"] == []
