"""The portal decisions beyond the ticket list, each asked of tickets.portal_access: which
custom-field values a customer sees, whom staff may name as requester, who may write by email,
who may follow or be told about a ticket."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.accounts.models import User
from agencydesk.customers.models import CustomerRole
from agencydesk.tickets.models import Visibility
from agencydesk.tickets.portal_access import (
    portal_can_see_ticket,
    portal_custom_values,
    portal_may_write_by_email,
    portal_requesters_for,
)
from tests.customers.factories import ContactFactory, PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketFactory,
)
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(tenant):
    return CustomerFactory()


@pytest.fixture
def site(customer):
    return SiteFactory(customer=customer)


@pytest.fixture
def ticket_type(customer):
    return PortalTicketTypeRuleFactory(customer=customer).ticket_type


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_given_staff_only_and_portal_fields_then_only_portal_values_in_field_order(ticket_type):
    CustomFieldFactory(ticket_type=ticket_type, key="floor", order=2)
    CustomFieldFactory(ticket_type=ticket_type, key="cost", portal_visible=False, order=1)
    CustomFieldFactory(ticket_type=ticket_type, key="room", order=1)
    ticket = TicketFactory(
        ticket_type=ticket_type, custom_fields={"floor": 3, "cost": 120, "room": "B2"}
    )

    values = [(field.key, value) for field, value in portal_custom_values(ticket)]

    assert values == [("room", "B2"), ("floor", 3)]


def test_given_a_manager_with_chosen_sites_then_a_requester_for_every_site(customer, site):
    manager = CustomerUserFactory(customer=customer, all_sites=False, role=CustomerRole.MANAGER)
    member = CustomerUserFactory(customer=customer, all_sites=False)
    elsewhere = SiteFactory(customer=customer)
    member.sites.add(elsewhere)

    requesters = set(portal_requesters_for(customer, site))

    assert manager.user in requesters
    assert member.user not in requesters
    assert member.user in set(portal_requesters_for(customer, elsewhere))


def test_given_senders_then_writing_by_email_follows_the_portal_rules(customer, site, ticket_type):
    requester = CustomerUserFactory(customer=customer).user
    ticket = TicketFactory(
        customer=customer,
        site=site,
        ticket_type=ticket_type,
        requester=requester,
        visibility=Visibility.PRIVATE,
    )
    outsider = CustomerUserFactory().user
    colleague = CustomerUserFactory(customer=customer).user  # a private ticket: not theirs
    contact = ContactFactory(customer=customer).user
    contacts_ticket = TicketFactory(
        customer=customer, site=site, ticket_type=ticket_type, requester=contact
    )

    assert portal_may_write_by_email(fresh(requester), ticket)
    assert not portal_may_write_by_email(fresh(outsider), ticket)
    assert not portal_may_write_by_email(fresh(colleague), ticket)
    assert portal_may_write_by_email(fresh(contact), contacts_ticket)
    assert not portal_may_write_by_email(fresh(contact), ticket)


def _selects(queries: CaptureQueriesContext) -> list[str]:
    # django-tenants sets the search path on its own: not part of the check.
    return [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith("SET search_path")
    ]


def test_given_a_user_then_may_be_told_is_one_query(customer, site, ticket_type):
    requester = CustomerUserFactory(customer=customer).user
    ticket = TicketFactory(
        customer=customer, site=site, ticket_type=ticket_type, requester=requester
    )
    outsider = CustomerUserFactory().user
    staff = StaffFactory()

    for user, expected in ((requester, True), (outsider, False)):
        user = fresh(user)
        with CaptureQueriesContext(connection) as queries:
            assert portal_can_see_ticket(user, ticket) is expected
        assert len(_selects(queries)) == 1, _selects(queries)
    staff = fresh(staff)
    with CaptureQueriesContext(connection) as queries:
        assert portal_can_see_ticket(staff, ticket) is False
    assert _selects(queries) == []
