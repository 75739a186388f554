"""SLA warning and breach mails in the recipient's language, due time in the agency's zone."""

from __future__ import annotations

import pytest

from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.notifications.rendering import Kind, render_ticket_message
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

SLA = {"target": "first_response", "due_at": "2031-06-02T08:00:00+00:00"}


@pytest.mark.parametrize(
    ("kind", "language", "headline", "target", "due"),
    [
        (Kind.SLA_WARNING, "en", "SLA target due soon", "First response", "02/06/2031 10:00"),
        (Kind.SLA_BREACHED, "de", "SLA-Ziel verfehlt", "Erste Antwort", "02.06.2031 10:00"),
        (
            Kind.SLA_WARNING,
            "fr",
            "Objectif SLA bientôt échu",
            "Première réponse",
            "02/06/2031 10:00",
        ),
    ],
)
def test_given_an_sla_notice_when_rendered_then_localized_with_the_local_due_time(
    tenant, kind, language, headline, target, due
):
    ticket = TicketFactory(title="Aufzug steht")
    recipient = Recipient("agent@example.com", Audience.STAFF, language)

    rendered = render_ticket_message(kind=kind, ticket=ticket, recipient=recipient, sla=SLA)

    assert rendered.subject == f"[ALP-{ticket.number}] {headline}: Aufzug steht"
    for body in (rendered.text, rendered.html):
        assert target in body
        assert due in body  # 08:00 UTC is 10:00 in Berlin (summer time)
    assert f"/tickets/{ticket.number}/" in rendered.text
