"""Email replies under the ticket rules (README "Ticket rules"): the triage gate refuses them, a
reply reopens a solved ticket, a reply to a closed ticket opens a follow-up."""

from __future__ import annotations

import pytest

from agencydesk.notifications.addresses import inbound_address
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Activity, ActivityVerb, Comment, Status, Ticket
from agencydesk.tickets.workflow import ticket_change
from tests.notifications.factories import build_scene
from tests.notifications.test_inbound import ingest, raw_mail, unknown_senders_get_tickets
from tests.workflow_fixtures import ticket_from_email_sender

pytestmark = pytest.mark.django_db
__all__ = ["unknown_senders_get_tickets"]  # the fixture, used by name below


def _reply(ticket: Ticket, sender: str, body: str = "Es ist wieder kaputt.") -> bytes:
    return raw_mail(
        sender=sender,
        to=inbound_address(ticket_number=ticket.number),
        subject=f"Re: [ALP-{ticket.number}] {ticket.title}",
        body=body,
    )


def test_given_a_solved_ticket_when_the_customer_replies_by_email_then_it_is_reopened(tenant):
    scene = build_scene()
    ticket = scene.portal_ticket()
    ticket_change(actor=scene.manager, ticket=ticket, status=Status.SOLVED)

    assert ingest(_reply(ticket, scene.requester.email)) == f"commented #{ticket.number}"

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.REOPENED).exists()


def test_given_a_closed_ticket_when_the_customer_replies_by_email_then_a_follow_up_opens(
    tenant,
):
    scene = build_scene()
    closed = scene.portal_ticket()
    ticket_change(actor=scene.manager, ticket=closed, status=Status.CLOSED)

    result = ingest(_reply(closed, scene.requester.email))

    follow_up = Ticket.objects.get(follow_up_of=closed)
    assert result == f"created #{follow_up.number}"
    assert (follow_up.requester, follow_up.customer, follow_up.site) == (
        scene.requester,
        closed.customer,
        closed.site,
    )
    assert follow_up.needs_triage  # a new matter: staff classify it
    assert not Comment.objects.filter(ticket=closed).exists()
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED
    assert Activity.objects.filter(ticket=closed, verb=ActivityVerb.FOLLOW_UP_OPENED).exists()
    assert Activity.objects.filter(ticket=follow_up, verb=ActivityVerb.FOLLOW_UP_OF).exists()


def test_given_a_strangers_closed_ticket_when_they_reply_then_a_follow_up_opens_for_them(
    unknown_senders_get_tickets, django_user_model
):
    closed = ticket_from_email_sender(unknown_senders_get_tickets, title="Graffiti")
    Ticket.objects.filter(pk=closed.pk).update(status=Status.CLOSED, needs_triage=False)
    closed.refresh_from_db()

    ingest(_reply(closed, "hans@fremd.example"))

    follow_up = Ticket.objects.get(follow_up_of=closed)
    assert (follow_up.requester, follow_up.requester_email) == (None, "hans@fremd.example")


def test_given_a_ticket_needing_triage_when_a_reply_arrives_by_email_then_it_is_refused(
    unknown_senders_get_tickets,
):
    ticket = ticket_from_email_sender(unknown_senders_get_tickets, title="Graffiti")

    assert ingest(_reply(ticket, "hans@fremd.example")) == f"rejected #{ticket.number}"

    assert not Comment.objects.filter(ticket=ticket).exists()
    refusal = OutboundMessage.objects.get(to_email="hans@fremd.example", kind="sender_rejected")
    assert "Wir prüfen die Anfrage noch" in refusal.body_text
