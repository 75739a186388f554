"""Shared fixtures: one customer's world and tickets opened through the workflow.

Registered for the whole suite by ``tests/conftest.py`` (``pytest_plugins``); a folder's
conftest or a test module overrides any of them by defining a fixture of the same name.
The names are fixed because staff UI tests look for them in the rendered pages.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import Priority, Ticket, TicketType
from agencydesk.tickets.workflow import ticket_create
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, TicketTypeFactory


@pytest.fixture
def staff(tenant: object) -> User:
    return StaffFactory(name="Sam Staff", language="en")


@pytest.fixture
def site(tenant: object) -> Site:
    return SiteFactory(name="Block B")


@pytest.fixture
def customer(site: Site) -> Customer:
    return site.customer


@pytest.fixture
def customer_user(customer: Customer) -> User:
    return CustomerUserFactory(customer=customer, user__name="Cora Customer").user


@pytest.fixture
def ticket_type(tenant: object) -> TicketType:
    # Its default priority is what tickets opened without one get (ticket_create).
    return TicketTypeFactory(
        name={"de": "Reinigung", "en": "Cleaning"}, default_priority=Priority.MEDIUM
    )


@pytest.fixture
def make_ticket(
    staff: User, customer: Customer, site: Site, ticket_type: TicketType
) -> Callable[..., Ticket]:
    """Open a ticket through the workflow, as staff, with overridable arguments."""

    def make(**overrides: object) -> Ticket:
        arguments: dict[str, object] = {
            "actor": staff,
            "title": "Heating in block B is cold",
            "customer": customer,
            "site": site,
            "ticket_type": ticket_type,
            "source": "staff",
            # Staff tickets start unpublished (the tenant's default); these tests hold a
            # conversation with the requester, so theirs starts published to them.
            "visibility": "private",
            **overrides,
        }
        return ticket_create(**arguments)  # type: ignore[arg-type]

    return make


@pytest.fixture
def triage_ticket(customer_user: User, customer: Customer, site: Site) -> Ticket:
    """A portal ticket without a type: it waits for triage."""
    return ticket_create(
        actor=customer_user,
        title="Something is wrong",
        customer=customer,
        site=site,
        ticket_type=None,
        source="portal",
    )


def ticket_from_email_sender(
    customer: Customer, sender: str = "hans@fremd.example", title: str = "Graffiti"
) -> Ticket:
    """A ticket opened by mail from someone without a login (the intake type, no site)."""
    return ticket_create(
        actor=None,
        requester_email=sender,
        title=title,
        customer=customer,
        site=None,
        ticket_type=None,
        source="email",
    )
