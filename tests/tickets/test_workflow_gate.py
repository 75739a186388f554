"""The triage gate (README "Ticket rules"): while a ticket needs triage, every workflow action but
setting its type and priority is refused with a field error naming the gate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.models import Activity, Attachment, Comment, Priority, Status, Ticket
from agencydesk.tickets.workflow import (
    attachments_add,
    comment_add,
    reply_and_set_status,
    ticket_change,
    ticket_transfer,
    triage_gate_check,
)
from tests.factories import StaffFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db

Action = Callable[[Any, Ticket], object]

ACTIONS: dict[str, Action] = {
    "reply": lambda staff, t: comment_add(actor=staff, ticket=t, body="We are on it."),
    "note": lambda staff, t: comment_add(actor=staff, ticket=t, body="Call first.", internal=True),
    "attachment": lambda staff, t: attachments_add(actor=staff, ticket=t, uploads=[png_upload()])[
        0
    ],
    "status": lambda staff, t: ticket_change(actor=staff, ticket=t, status=Status.IN_PROGRESS),
    "close": lambda staff, t: ticket_change(actor=staff, ticket=t, status=Status.CLOSED),
    "assignment": lambda staff, t: ticket_change(actor=staff, ticket=t, assignee=staff),
    "publish": lambda staff, t: ticket_change(actor=staff, ticket=t, visibility="site"),
    "title": lambda staff, t: ticket_change(actor=staff, ticket=t, title="Spam?"),
    "transfer": lambda staff, t: ticket_transfer(actor=staff, ticket=t, assignee=StaffFactory()),
    "reply_and_solve": lambda staff, t: reply_and_set_status(
        actor=staff, ticket=t, body="Done.", status=Status.SOLVED
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_given_a_ticket_needing_triage_when_any_other_action_then_refused_and_nothing_written(
    triage_ticket, staff, action
):
    activities_before = Activity.objects.filter(ticket=triage_ticket).count()

    with pytest.raises(ValidationError) as error:
        ACTIONS[action](staff, triage_ticket)

    assert "needs_triage" in error.value.message_dict
    triage_ticket.refresh_from_db()
    assert (triage_ticket.status, triage_ticket.assignee_id) == (Status.NEW, None)
    assert not Comment.objects.filter(ticket=triage_ticket).exists()
    assert not Attachment.objects.filter(ticket=triage_ticket).exists()
    assert Activity.objects.filter(ticket=triage_ticket).count() == activities_before


def test_given_a_ticket_needing_triage_when_the_customer_replies_then_refused_too(
    triage_ticket, customer_user
):
    with pytest.raises(ValidationError) as error:
        comment_add(actor=customer_user, ticket=triage_ticket, body="Any news?", source="portal")

    assert "needs_triage" in error.value.message_dict


def test_given_a_ticket_needing_triage_when_type_and_priority_set_then_triaged_and_open_again(
    triage_ticket, staff, ticket_type
):
    ticket_change(actor=staff, ticket=triage_ticket, priority=Priority.HIGH)
    ticket_change(actor=staff, ticket=triage_ticket, ticket_type=ticket_type)

    triage_ticket.refresh_from_db()
    assert not triage_ticket.needs_triage
    comment_add(actor=staff, ticket=triage_ticket, body="We are on it.")  # no longer refused


def test_given_a_triaged_ticket_when_the_gate_is_checked_then_it_lets_everything_pass(
    make_ticket,
):
    ticket = make_ticket()

    triage_gate_check(ticket, action="comment")
    triage_gate_check(ticket, action="change", fields=["title", "status"])


def test_given_a_ticket_needing_triage_when_only_triage_fields_change_then_the_gate_passes(
    triage_ticket,
):
    triage_gate_check(triage_ticket, action="change", fields=["priority"])

    with pytest.raises(ValidationError):
        triage_gate_check(triage_ticket, action="change", fields=["priority", "team"])
