"""Closing and reopening (README "Ticket rules"), follow-ups, the one-step reply."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.models import Activity, ActivityVerb, Comment, Status, Visibility
from agencydesk.tickets.workflow import (
    attachments_add,
    comment_add,
    reply_and_set_status,
    ticket_change,
)
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Status.NEW, Status.IN_PROGRESS, Status.WAITING])
def test_given_an_open_ticket_when_staff_close_it_then_closed_with_solved_at(
    make_ticket, staff, status
):
    ticket = make_ticket()
    if status != Status.NEW:
        ticket_change(actor=staff, ticket=ticket, status=status)

    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert ticket.solved_at is not None
    assert ticket.closed_at is not None


def test_given_a_solved_ticket_when_closed_then_its_solved_at_stays(make_ticket, staff):
    ticket = make_ticket()
    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    solved_at = ticket.solved_at

    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    ticket.refresh_from_db()
    assert ticket.solved_at == solved_at


def test_given_a_customer_when_closing_through_the_workflow_then_refused(
    make_ticket, customer_user
):
    ticket = make_ticket(requester=customer_user)

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=customer_user, ticket=ticket, status=Status.CLOSED)

    assert "status" in error.value.message_dict
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_given_a_solved_ticket_when_the_customer_replies_then_it_is_reopened(
    make_ticket, staff, customer_user
):
    ticket = make_ticket(requester=customer_user)
    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)

    comment_add(actor=customer_user, ticket=ticket, body="Still cold.", source="portal")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at) == (Status.IN_PROGRESS, None)
    reopened = Activity.objects.get(ticket=ticket, verb=ActivityVerb.REOPENED)
    assert (reopened.old_value, reopened.new_value) == (Status.SOLVED, Status.IN_PROGRESS)


def test_given_a_solved_ticket_when_staff_reply_then_it_stays_solved(make_ticket, staff):
    ticket = make_ticket()
    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)

    comment_add(actor=staff, ticket=ticket, body="Glad it works again.")

    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED


def test_given_a_closed_ticket_when_anyone_replies_publicly_then_refused(
    make_ticket, staff, customer_user
):
    ticket = make_ticket(requester=customer_user)
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    for actor in (customer_user, staff):
        with pytest.raises(ValidationError) as error:
            comment_add(actor=actor, ticket=ticket, body="One more thing.")
        assert "status" in error.value.message_dict
    with pytest.raises(ValidationError):
        attachments_add(actor=customer_user, ticket=ticket, uploads=[png_upload()])[0]

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert not Comment.objects.filter(ticket=ticket).exists()


def test_given_a_closed_ticket_when_staff_add_an_internal_note_then_it_is_kept(make_ticket, staff):
    ticket = make_ticket()
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    comment_add(actor=staff, ticket=ticket, body="Invoice sent.", internal=True)

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


def test_given_an_unpublished_ticket_when_staff_reply_publicly_then_refused(make_ticket, staff):
    ticket = make_ticket(visibility=Visibility.UNPUBLISHED)

    with pytest.raises(ValidationError) as error:
        comment_add(actor=staff, ticket=ticket, body="Hello?")

    assert "internal" in error.value.message_dict
    comment_add(actor=staff, ticket=ticket, body="Check the meter.", internal=True)
    assert Comment.objects.filter(ticket=ticket).count() == 1


@pytest.mark.parametrize("status", [Status.SOLVED, Status.WAITING])
def test_given_a_ticket_when_replied_with_a_status_then_both_happen(make_ticket, staff, status):
    ticket = make_ticket()

    comment = reply_and_set_status(actor=staff, ticket=ticket, body="Fixed it.", status=status)

    ticket.refresh_from_db()
    assert ticket.status == status
    assert (comment.internal, comment.body) == (False, "Fixed it.")
    assert ticket.first_response_at == comment.created_at


def test_given_a_reply_with_a_refused_status_then_neither_the_reply_nor_the_status_is_kept(
    make_ticket, staff
):
    ticket = make_ticket()

    with pytest.raises(ValidationError):
        reply_and_set_status(actor=staff, ticket=ticket, body="Bye.", status=Status.CLOSED)

    ticket.refresh_from_db()
    assert ticket.status == Status.NEW
    assert not Comment.objects.filter(ticket=ticket).exists()
