"""What inbound mail sends back, end to end: ingest_email → outbox → real worker → real SMTP."""

from __future__ import annotations

import pytest

from agencydesk.notifications.addresses import inbound_address
from agencydesk.notifications.models import UnknownSenderPolicy
from agencydesk.tickets.models import Ticket
from tests.factories import CustomerFactory
from tests.notifications.factories import MailSettingsFactory
from tests.notifications.test_inbound import ingest, raw_mail

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_given_an_unknown_sender_when_refused_then_the_polite_reply_arrives_in_german(
    worker_tenant, inbox
):
    ingest(
        raw_mail(
            sender="stranger@unknown.example", to=inbound_address(), subject="Angebot", body="x"
        )
    )

    mails = inbox.wait_for(1)
    assert [m["X-Envelope-To"] for m in mails] == ["stranger@unknown.example"]
    assert mails[0]["Subject"].startswith("Wir konnten Ihre Nachricht nicht annehmen")
    assert mails[0]["Auto-Submitted"] == "auto-generated"
    assert mails[0]["In-Reply-To"] == "<abc123@mail.customer.example>"


def test_given_tickets_for_unknown_senders_when_a_stranger_writes_then_the_receipt_arrives(
    worker_tenant, inbox
):
    MailSettingsFactory(
        unknown_senders=UnknownSenderPolicy.CREATE, unknown_sender_customer=CustomerFactory()
    )

    result = ingest(
        raw_mail(
            sender="hans@fremd.example", to=inbound_address(), subject="Graffiti", body="Bitte."
        )
    )

    assert result.startswith("created")
    ticket = Ticket.objects.get(requester_email="hans@fremd.example")
    mails = inbox.wait_for(1)
    assert [m["X-Envelope-To"] for m in mails] == ["hans@fremd.example"]
    assert f"[ALP-{ticket.number}] Wir haben Ihre Anfrage erhalten" in mails[0]["Subject"]
    assert f"+t{ticket.number}-" in mails[0]["Reply-To"]
