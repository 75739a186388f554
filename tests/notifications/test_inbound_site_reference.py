"""With numbering per site, a reply whose subject keeps only "[B12-7]" still finds its ticket."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import Comment, Ticket
from tests.notifications.factories import build_scene
from tests.notifications.test_inbound import ingest, raw_mail

pytestmark = pytest.mark.django_db


def test_given_a_site_reference_in_the_subject_when_ingested_then_that_ticket_is_commented(
    tenant,
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(site_reference="BLK-7")
    raw = raw_mail(
        sender=scene.requester.email,
        to="support@elsewhere.example",
        subject="Re: [BLK-7] Neue Antwort auf Ihre Anfrage",
        body="Danke, erledigt.",
    )

    assert ingest(raw) == f"commented #{ticket.number}"
    assert Comment.objects.get(ticket=ticket).body == "Danke, erledigt."
