"""Mails show times in the recipient's regional format and timezone (else the tenant's)."""

from __future__ import annotations

import datetime

import pytest

from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.notifications.rendering import Kind, render_ticket_message
from agencydesk.tickets.models import Ticket
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

FIRST_OF_DECEMBER = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "region", "zone", "shown"),
    [
        ("en", "en-GB", "Asia/Tokyo", "01/12/2026 18:30"),
        ("en", "en-US", "", "12/01/2026 10:30 a.m."),  # the tenant's timezone: Berlin
        ("de", "", "", "01.12.2026 10:30"),
        ("de", "de-CH", "Europe/London", "01.12.2026 09:30"),
    ],
)
def test_given_a_recipient_region_and_timezone_when_a_new_ticket_mail_is_rendered_then_used(
    tenant, language, region, zone, shown
):
    ticket = TicketFactory()
    Ticket.objects.filter(pk=ticket.pk).update(created_at=FIRST_OF_DECEMBER)
    ticket.refresh_from_db()
    recipient = Recipient(
        "agent@example.com", Audience.STAFF, language, region=region, timezone=zone
    )

    rendered = render_ticket_message(kind=Kind.NEW_TICKET, ticket=ticket, recipient=recipient)

    assert shown in rendered.text
    assert shown in rendered.html
