"""Follow-ups: a new ticket on the matter of a closed one, linked both ways."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.models import Activity, ActivityVerb, Status, Ticket
from agencydesk.tickets.workflow import ticket_change

pytestmark = pytest.mark.django_db


def test_given_a_closed_ticket_when_a_follow_up_is_opened_then_both_activities_link(
    make_ticket, staff, customer_user
):
    closed = make_ticket(requester=customer_user)
    ticket_change(actor=staff, ticket=closed, status=Status.CLOSED)

    follow_up = make_ticket(actor=customer_user, source="portal", follow_up_of=closed)

    assert follow_up.follow_up_of == closed
    assert list(closed.follow_ups.all()) == [follow_up]
    on_new = Activity.objects.get(ticket=follow_up, verb=ActivityVerb.FOLLOW_UP_OF)
    on_closed = Activity.objects.get(ticket=closed, verb=ActivityVerb.FOLLOW_UP_OPENED)
    assert (on_new.new_value, on_closed.new_value) == (closed.number, follow_up.number)
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED  # closed stays final


@pytest.mark.parametrize("status", [Status.NEW, Status.SOLVED])
def test_given_a_ticket_not_closed_when_a_follow_up_is_opened_then_refused(
    make_ticket, staff, status
):
    original = make_ticket()
    if status != Status.NEW:
        ticket_change(actor=staff, ticket=original, status=status)
    count = Ticket.objects.count()

    with pytest.raises(ValidationError) as error:
        make_ticket(follow_up_of=original)

    assert "follow_up_of" in error.value.message_dict
    assert Ticket.objects.count() == count
