"""Per-site numbering (README "Sites as a tree"): ``<site code>-<n>``, one counter per site."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import Ticket, TicketType
from agencydesk.tickets.search import ticket_reference, tickets_matching
from agencydesk.tickets.workflow import ticket_create
from tenants.models import Tenant
from tests.conftest import ensure_test_tenant, in_schema
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory

PARALLEL_CREATIONS = 24


def _open(*, staff: User, customer: Customer, site: Site | None, ticket_type: TicketType) -> Ticket:
    return ticket_create(
        actor=staff,
        title="Leak",
        customer=customer,
        site=site,
        ticket_type=ticket_type,
        source="api",
    )


@pytest.fixture
def numbering_per_site(tenant: Tenant):
    tenant.numbering = "site"
    yield tenant
    tenant.numbering = "tenant"


@pytest.mark.django_db
def test_given_numbering_per_site_when_tickets_open_then_each_site_counts_its_own(
    numbering_per_site: Tenant,
) -> None:
    staff, ticket_type = StaffFactory(), TicketTypeFactory()
    block = SiteFactory(code="BLK")
    hub = SiteFactory(code="HUB", customer=block.customer)

    first = _open(staff=staff, customer=block.customer, site=block, ticket_type=ticket_type)
    second = _open(staff=staff, customer=block.customer, site=block, ticket_type=ticket_type)
    elsewhere = _open(staff=staff, customer=block.customer, site=hub, ticket_type=ticket_type)

    assert [ticket_reference(t) for t in (first, second, elsewhere)] == [
        "BLK-1",
        "BLK-2",
        "HUB-1",
    ]
    assert second.number == first.number + 1  # the address stays the tenant's sequence


@pytest.mark.django_db
def test_given_numbering_per_tenant_when_a_ticket_opens_then_the_prefix_reference_shows(
    tenant: Tenant,
) -> None:
    site = SiteFactory(code="BLK")

    ticket = _open(
        staff=StaffFactory(), customer=site.customer, site=site, ticket_type=TicketTypeFactory()
    )

    assert ticket.site_reference == ""
    assert ticket_reference(ticket) == f"{tenant.ticket_prefix}{ticket.number}"


@pytest.mark.django_db
def test_given_a_site_without_code_when_numbering_per_site_then_the_tenant_reference_is_kept(
    numbering_per_site: Tenant,
) -> None:
    site = SiteFactory(code="")

    ticket = _open(
        staff=StaffFactory(), customer=site.customer, site=site, ticket_type=TicketTypeFactory()
    )

    assert ticket_reference(ticket) == f"{numbering_per_site.ticket_prefix}{ticket.number}"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["BLK-2", "blk-2"])
def test_given_site_references_when_searching_one_then_exactly_that_ticket_is_found(
    numbering_per_site: Tenant, typed: str
) -> None:
    staff, ticket_type = StaffFactory(), TicketTypeFactory()
    site = SiteFactory(code="BLK")
    tickets = [
        _open(staff=staff, customer=site.customer, site=site, ticket_type=ticket_type)
        for _ in range(3)
    ]

    found = list(tickets_matching(Ticket.objects.all(), typed))

    assert found == [tickets[1]]


@pytest.mark.django_db(transaction=True)
def test_given_24_parallel_creations_on_one_site_then_every_site_number_is_unique() -> None:
    tenant = ensure_test_tenant("alpha")
    Tenant.objects.filter(pk=tenant.pk).update(numbering="site")
    tenant.numbering = "site"
    with in_schema(tenant):
        staff: User = StaffFactory()
        site: Site = SiteFactory(code="PAR")
        ticket_type: TicketType = TicketTypeFactory()
    barrier = threading.Barrier(PARALLEL_CREATIONS)
    references: list[str] = []
    errors: list[BaseException] = []

    def create_one() -> None:
        try:
            connection.set_tenant(tenant)
            barrier.wait()
            ticket = _open(staff=staff, customer=site.customer, site=site, ticket_type=ticket_type)
            references.append(ticket.site_reference)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=create_one) for _ in range(PARALLEL_CREATIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert sorted(references, key=lambda ref: int(ref.split("-")[1])) == [
            f"PAR-{n}" for n in range(1, PARALLEL_CREATIONS + 1)
        ]
    finally:
        Tenant.objects.filter(pk=tenant.pk).update(numbering="tenant")
        # Transactional tests leave tenant rows behind: remove what this one wrote.
        with in_schema(tenant):
            Ticket.objects.filter(site=site).delete()
            manager, customer = site.manager, site.customer
            site.delete()
            customer.delete()
            ticket_type.delete()
            staff.delete()
            if manager is not None:
                manager.delete()
