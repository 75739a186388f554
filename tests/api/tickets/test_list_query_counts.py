"""The ticket list and the inbox run the same statements for few or many rows, followers and
tenants."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from agencydesk.tickets.models import Ticket, TicketFollower
from tenants.models import Tenant
from tests.factories import StaffFactory, TicketFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


@pytest.fixture
def staff_api(api_client, staff):
    api_client.force_login(staff)
    return api_client


def _statements(request: Callable[[], Any]) -> list[str]:
    executed: list[str] = []

    def record(execute, sql, params, many, context):
        if not sql.startswith("SET search_path"):  # django-tenants' own, per cursor
            executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = request()
    assert response.status_code == 200
    return executed


def _follow_all(count: int) -> None:
    followers = StaffFactory.create_batch(count)
    TicketFollower.objects.bulk_create(
        TicketFollower(ticket=ticket, user=user)
        for ticket in Ticket.objects.all()
        for user in followers
    )


@pytest.mark.parametrize(
    "url", [URL, f"{URL}?cursor=", f"{URL}?page=2&page_size=2", f"{URL}?status=new"]
)
def test_given_more_rows_and_followers_when_listing_then_the_same_statements(staff_api, url):
    TicketFactory.create_batch(5)
    few = _statements(lambda: staff_api.get(url))

    TicketFactory.create_batch(20)
    _follow_all(3)
    many = _statements(lambda: staff_api.get(url))

    assert len(many) == len(few), many


def test_given_more_tenants_when_listing_then_the_same_statements(staff_api, tenant):
    TicketFactory.create_batch(5)
    before = _statements(lambda: staff_api.get(URL))

    # Tenant rows only (schemas cost seconds each): the request resolves its own by host.
    Tenant.objects.bulk_create(
        Tenant(schema_name=f"t_extra_{n}", slug=f"extra-{n}", name=f"Extra {n}") for n in range(30)
    )
    after = _statements(lambda: staff_api.get(URL))

    assert len(after) == len(before), after


def test_given_more_rows_and_followers_when_opening_the_inbox_then_the_same_statements(
    client, staff
):
    client.force_login(staff)
    TicketFactory.create_batch(5)
    few = _statements(lambda: client.get("/"))

    TicketFactory.create_batch(60)
    _follow_all(2)
    many = _statements(lambda: client.get("/?page=2"))

    assert len(many) == len(few), many
