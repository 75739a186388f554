"""Reads of site operations: who sees which work orders."""

from __future__ import annotations

import pytest

from agencydesk.operations.selectors import (
    issues_for,
    portal_work_orders_for_ticket,
    work_orders_for,
    work_orders_for_ticket,
)
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, TenantAdminFactory
from tests.operations.factories import IssueFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(make_ticket, site, customer_user, customer, ticket_type):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    ticket = make_ticket(requester=customer_user, visibility="site")
    work_order = WorkOrderFactory(site=site, status="dispatched")
    work_order.tickets.add(ticket)
    return ticket, work_order


def test_given_customer_who_sees_the_ticket_then_its_work_orders(customer_user, linked):
    ticket, work_order = linked

    assert list(portal_work_orders_for_ticket(customer_user, ticket)) == [work_order]


def test_given_user_of_another_customer_then_no_work_orders(linked):
    ticket, _work_order = linked
    stranger = CustomerUserFactory(customer=SiteFactory().customer).user

    assert list(portal_work_orders_for_ticket(stranger, ticket)) == []


def test_given_roles_then_staff_and_admins_see_all_customers_nothing(staff, customer_user, linked):
    ticket, work_order = linked
    IssueFactory(site=work_order.site)
    admin = TenantAdminFactory()

    for user in (staff, admin):
        assert list(work_orders_for(user)) == [work_order]
        assert issues_for(user).count() == 1
        assert list(work_orders_for_ticket(user, ticket)) == [work_order]
    assert not work_orders_for(customer_user).exists()
    assert not issues_for(customer_user).exists()
    assert not work_orders_for_ticket(customer_user, ticket).exists()
