"""Moving a ticket to another customer: the requester moves along or is cleared (a CRM
moves a case to another account together with its contact)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.models import ActivityVerb, TicketFollower
from agencydesk.tickets.workflow import ticket_change, ticket_transfer
from tests.factories import CustomerUserFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_given_a_customer_users_ticket_when_moved_without_a_requester_then_400_and_unchanged(
    make_ticket, staff, customer_user, customer
):
    ticket = make_ticket(requester=customer_user)
    other_site = SiteFactory()

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=ticket, customer=other_site.customer)

    assert "requester" in error.value.message_dict
    ticket.refresh_from_db()
    assert (ticket.customer, ticket.requester) == (customer, customer_user)


def test_given_a_move_with_the_requester_cleared_when_changed_then_mail_and_follow_stop(
    make_ticket, staff, customer_user
):
    ticket = make_ticket(requester=customer_user)
    other_site = SiteFactory()

    ticket_change(actor=staff, ticket=ticket, customer=other_site.customer, requester=None)

    ticket.refresh_from_db()
    assert (ticket.customer, ticket.requester, ticket.requester_email) == (
        other_site.customer,
        None,
        "",
    )
    assert not TicketFollower.objects.filter(ticket=ticket, user=customer_user).exists()
    activity = ticket.activities.get(verb=ActivityVerb.REQUESTER_CHANGED)
    assert (activity.old_value, activity.new_value) == (customer_user.pk, None)


def test_given_a_move_with_a_requester_of_the_new_customer_when_changed_then_they_follow(
    make_ticket, staff, customer_user
):
    ticket = make_ticket(requester=customer_user)
    other_site = SiteFactory()
    newcomer = CustomerUserFactory(customer=other_site.customer).user

    ticket_change(actor=staff, ticket=ticket, customer=other_site.customer, requester=newcomer)

    ticket.refresh_from_db()
    assert (ticket.requester, ticket.requester_email) == (newcomer, newcomer.email)
    assert TicketFollower.objects.filter(ticket=ticket, user=newcomer).exists()


def test_given_a_requester_of_another_customer_when_set_then_400(make_ticket, staff):
    ticket = make_ticket()
    stranger = CustomerUserFactory().user

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=ticket, requester=stranger)

    assert "requester" in error.value.message_dict


def test_given_a_staff_requester_when_the_customer_changes_then_the_requester_stays(
    make_ticket, staff
):
    ticket = make_ticket(requester=staff)
    other_site = SiteFactory()

    ticket_change(actor=staff, ticket=ticket, customer=other_site.customer)

    ticket.refresh_from_db()
    assert (ticket.customer, ticket.requester) == (other_site.customer, staff)


def test_given_a_staff_transfer_to_another_customer_when_done_then_the_requester_is_cleared(
    make_ticket, staff, customer_user
):
    ticket = make_ticket(requester=customer_user)
    other_site = SiteFactory()

    ticket_transfer(actor=staff, ticket=ticket, customer=other_site.customer)

    ticket.refresh_from_db()
    assert (ticket.customer, ticket.requester) == (other_site.customer, None)
    activity = ticket.activities.get(verb=ActivityVerb.TRANSFERRED)
    assert activity.old_value["requester"] == customer_user.pk
    assert activity.new_value["requester"] is None
