"""Contacts: a customer's people without portal access, created and changed by one service,
never logged in, invisible to the portal rules."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from agencydesk.accounts.models import Role, User
from agencydesk.customers.contacts import (
    ContactDetails,
    contact_create,
    contact_details_change,
    contacts_of,
)
from agencydesk.customers.models import CustomerUser
from agencydesk.tickets.portal_access import (
    is_contact,
    portal_profile,
    portal_tickets_for,
    portal_users_seeing,
)
from tests.conftest import TEST_PASSWORD
from tests.customers.factories import ContactFactory, PortalTicketTypeRuleFactory
from tests.factories import CustomerFactory, CustomerUserFactory

pytestmark = pytest.mark.django_db


def test_given_a_caller_when_created_as_contact_then_no_login_and_no_portal(tenant, customer):
    contact = contact_create(
        customer=customer,
        details=ContactDetails(
            name=" Carl Caller ", email="Carl@Example.com", phone="030 123", language="de"
        ),
    )

    user = contact.user
    assert (user.name, user.email, user.language, user.role) == (
        "Carl Caller",
        "carl@example.com",
        "de",
        Role.CUSTOMER,
    )
    assert (contact.portal_access, contact.phone, contact.all_sites) == (False, "030 123", True)
    assert not user.has_usable_password()
    assert is_contact(user)
    assert portal_profile(user) is None
    assert list(contacts_of(customer)) == [contact]


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (ContactDetails(name="", email="a@example.com"), "name"),
        (ContactDetails(name="Anna", email=""), "email"),
        (ContactDetails(name="Anna", email="not-an-address"), "email"),
        (ContactDetails(name="Anna", email="a@example.com", phone="1" * 51), "phone"),
        (ContactDetails(name="Anna", email="a@example.com", language="xx"), "language"),
    ],
)
def test_given_bad_details_when_creating_a_contact_then_field_error_and_nothing_saved(
    tenant, customer, details, field
):
    with pytest.raises(ValidationError) as caught:
        contact_create(customer=customer, details=details)

    assert field in caught.value.message_dict
    assert not CustomerUser.objects.filter(customer=customer).exists()


def test_given_an_address_in_use_when_creating_a_contact_then_field_error(tenant, customer):
    CustomerUserFactory(user__email="taken@example.com")

    with pytest.raises(ValidationError) as caught:
        contact_create(
            customer=customer, details=ContactDetails(name="Anna", email="TAKEN@example.com")
        )

    assert "email" in caught.value.message_dict
    assert User.objects.filter(email="taken@example.com").count() == 1


def test_given_a_contact_when_updated_then_details_change(tenant):
    contact = ContactFactory()

    contact_details_change(
        contact=contact,
        details=ContactDetails(name="Carla Caller", email="carla@example.com", phone=""),
    )

    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert (contact.user.name, contact.user.email, contact.phone) == (
        "Carla Caller",
        "carla@example.com",
        "",
    )


def test_given_a_portal_user_when_updated_as_contact_then_refused(tenant):
    portal_user = CustomerUserFactory()

    with pytest.raises(ValidationError):
        contact_details_change(
            contact=portal_user, details=ContactDetails(name="X", email="x@example.com")
        )


def test_given_a_contact_with_a_password_when_logging_in_then_refused(tenant, client):
    contact = ContactFactory(user__email="carl@example.com")
    contact.user.set_password(TEST_PASSWORD)  # e.g. set through some other door
    contact.user.save()

    assert (
        authenticate(
            RequestFactory().post("/login/"), username="carl@example.com", password=TEST_PASSWORD
        )
        is None
    )
    response = client.post("/login/", {"username": "carl@example.com", "password": TEST_PASSWORD})
    assert response.status_code == 200  # the form again, no session
    assert "_auth_user_id" not in client.session


def test_given_a_portal_user_when_logging_in_then_accepted(tenant):
    CustomerUserFactory(user__email="cora@example.com")

    assert (
        authenticate(
            RequestFactory().post("/login/"), username="cora@example.com", password=TEST_PASSWORD
        )
        is not None
    )


def test_given_a_contact_with_a_ticket_then_the_portal_shows_them_nothing(
    tenant, make_ticket, customer, ticket_type
):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    contact = ContactFactory(customer=customer)
    ticket = make_ticket(requester=contact.user, visibility="site")

    assert not portal_tickets_for(contact.user).exists()
    assert portal_users_seeing(ticket, [contact.user]) == set()


def test_given_followers_when_batch_checked_then_same_answer_as_one_by_one(
    tenant, make_ticket, customer, site, ticket_type
):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    requester = CustomerUserFactory(customer=customer).user
    colleague = CustomerUserFactory(customer=customer).user
    limited = CustomerUserFactory(customer=customer, all_sites=False).user
    stranger = CustomerUserFactory(customer=CustomerFactory()).user
    ticket = make_ticket(requester=requester, visibility="private")

    seeing = portal_users_seeing(ticket, [requester, colleague, limited, stranger])

    assert seeing == {requester.pk}
