"""Email replies do not reach a ticket in the trash: it answers as if it did not exist."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import Comment, Ticket
from agencydesk.tickets.workflow import ticket_trash
from tests.factories import TenantAdminFactory
from tests.notifications.factories import build_scene
from tests.notifications.test_inbound import ingest, reply_to

pytestmark = pytest.mark.django_db


def test_given_a_trashed_ticket_when_its_requester_replies_then_no_comment_lands_on_it(tenant):
    scene = build_scene()
    ticket = scene.portal_ticket()
    ticket_trash(actor=TenantAdminFactory(), ticket=ticket)
    message = reply_to(
        ticket, sender=scene.requester.email, subject=f"Re: [ALP-{ticket.number}] Antwort"
    )
    message.set_content("Noch eine Frage.")

    outcome = ingest(bytes(message))

    assert outcome != f"commented #{ticket.number}"
    assert not Comment.objects.filter(ticket_id=ticket.pk).exists()
    assert Ticket.with_trashed.get(pk=ticket.pk).deleted_at is not None
