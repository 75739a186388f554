"""Inbound email through ``agencydesk ingest_email``: replies, new tickets, unknown senders,
automatic mail."""

from __future__ import annotations

import io
from email.message import EmailMessage

import pytest
from django.core.management import CommandError, call_command

from agencydesk.notifications.addresses import inbound_address, thread_id
from agencydesk.notifications.inbound.trimming import trim_reply
from agencydesk.notifications.models import Audience, OutboundMessage, UnknownSenderPolicy
from agencydesk.tickets.models import Comment, Source, Ticket, TicketType
from agencydesk.tickets.workflow import ticket_follow, ticket_triage
from tests.factories import CustomerFactory, CustomerUserFactory, StaffFactory, TicketTypeFactory
from tests.notifications.factories import MailSettingsFactory, build_scene
from tests.workflow_fixtures import ticket_from_email_sender

pytestmark = pytest.mark.django_db


def raw_mail(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    headers: dict[str, str] | None = None,
    message_id: str = "<abc123@mail.customer.example>",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return bytes(message)


def reply_to(ticket: Ticket, *, sender: str, subject: str) -> EmailMessage:
    """A reply to the ticket's Reply-To address, without content yet."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = inbound_address(ticket_number=ticket.number)
    message["Subject"] = subject
    return message


def ingest(raw: bytes) -> str:
    out = io.StringIO()
    call_command("ingest_email", "--tenant", "alpha", stdin=io.BytesIO(raw), stdout=out)
    return out.getvalue().strip()


# The signature starts at the RFC 3676 delimiter "-- " (with its space).
REPLY_BODY = """Das Thermostat ist jetzt getauscht, danke!

Viele Grüße
--\x20
Erika Muster
Hausverwaltung

Am 23.11.2026 um 09:00 schrieb Alpha Gebäudeservice <helpdesk@localhost>:
> Wir haben auf Ihre Anfrage geantwortet.
"""


def test_given_a_reply_to_the_ticket_address_when_ingested_then_it_becomes_a_trimmed_comment(
    tenant,
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    message = reply_to(
        ticket,
        sender=scene.requester.email,
        subject=f"Re: [ALP-{ticket.number}] Neue Antwort auf Ihre Anfrage",
    )
    message.set_content(REPLY_BODY)
    message.add_attachment(
        b"%PDF-1.4 test", maintype="application", subtype="pdf", filename="protokoll.pdf"
    )

    assert ingest(bytes(message)) == f"commented #{ticket.number}"

    comment = Comment.objects.get(ticket=ticket)
    assert comment.body == "Das Thermostat ist jetzt getauscht, danke!\n\nViele Grüße"
    assert (comment.author, comment.source, comment.internal) == (
        scene.requester,
        Source.EMAIL,
        False,
    )
    assert [a.original_name for a in comment.attachments.all()] == ["protokoll.pdf"]


def test_given_a_reply_matched_only_by_references_when_ingested_then_it_is_commented(tenant):
    scene = build_scene()
    ticket = scene.portal_ticket()
    raw = raw_mail(
        sender=scene.requester.email,
        to="support@elsewhere.example",
        subject="Re: Heizung",
        body="Noch eine Frage.",
        headers={"References": thread_id(ticket.number)},
    )

    assert ingest(raw) == f"commented #{ticket.number}"


def test_given_a_forged_token_when_ingested_then_no_comment_is_added(tenant):
    scene = build_scene()
    ticket = scene.portal_ticket()
    forged = inbound_address().replace("@", f"+t{ticket.number}-000000000000@")
    raw = raw_mail(sender=scene.requester.email, to=forged, subject="Re: x", body="Hallo")

    result = ingest(raw)

    assert not Comment.objects.filter(ticket=ticket).exists()
    assert result.startswith("created")  # treated as a new request of a known customer


def test_given_a_customer_without_access_when_replying_then_the_comment_is_refused(tenant):
    scene = build_scene()
    ticket = scene.portal_ticket()
    outsider = CustomerUserFactory().user
    raw = raw_mail(
        sender=outsider.email,
        to=inbound_address(ticket_number=ticket.number),
        subject="Re: x",
        body="Ich mische mich ein.",
    )

    assert ingest(raw) == "ignored"
    assert not Comment.objects.filter(ticket=ticket).exists()


def test_given_a_new_message_from_a_customer_user_when_ingested_then_an_intake_ticket_waits(
    tenant,
):
    intake = TicketType.objects.filter(is_intake=True).first() or TicketTypeFactory(is_intake=True)
    scene = build_scene()

    result = ingest(
        raw_mail(
            sender=f"Erika <{scene.requester.email}>",
            to=inbound_address(),
            subject="Wasserschaden im Keller",
            body="Bitte schnell kommen.",
        )
    )

    ticket = Ticket.objects.get(title="Wasserschaden im Keller")
    assert result == f"created #{ticket.number}"
    assert (ticket.ticket_type, ticket.needs_triage, ticket.source) == (intake, True, Source.EMAIL)
    assert (ticket.requester, ticket.customer) == (scene.requester, scene.customer)
    assert ticket.description == "Bitte schnell kommen."


def test_given_an_unknown_sender_when_ingested_then_a_polite_reply_is_queued_in_german(tenant):
    result = ingest(
        raw_mail(
            sender="stranger@unknown.example",
            to=inbound_address(),
            subject="Angebot",
            body="Hallo",
        )
    )

    assert result == "rejected"
    assert not Ticket.objects.filter(title="Angebot").exists()
    reply = OutboundMessage.objects.get(to_email="stranger@unknown.example")
    assert reply.audience == Audience.SENDER
    assert reply.subject.startswith("Wir konnten Ihre Nachricht nicht annehmen")
    assert reply.headers["In-Reply-To"] == "<abc123@mail.customer.example>"
    assert reply.headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.parametrize(
    "header",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"X-Autoreply": "yes"},
        {"List-Id": "<news.customer.example>"},
    ],
)
def test_given_an_automatic_message_when_ingested_then_it_is_ignored(tenant, header):
    raw = raw_mail(
        sender="stranger@unknown.example",
        to=inbound_address(),
        subject="Abwesenheitsnotiz",
        body="Ich bin nicht im Büro.",
        headers=header,
    )

    assert ingest(raw) == "ignored"
    assert not OutboundMessage.objects.exists()


def test_given_an_english_reply_with_quote_and_signature_when_trimmed_then_only_new_text_stays():
    text = "Thanks, fixed.\r\n\r\nOn Mon, 23 Nov 2026 at 09:00, Helpdesk wrote:\r\n> old\r\n"

    assert trim_reply(text) == "Thanks, fixed."
    assert trim_reply("Ok\n-- \nJohn Doe\nACME") == "Ok"


def test_given_a_message_ingested_once_when_delivered_again_then_it_is_not_processed_twice(
    tenant,
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    raw = raw_mail(
        sender=scene.requester.email,
        to=inbound_address(ticket_number=ticket.number),
        subject="Re: Heizung",
        body="Nur einmal bitte.",
    )

    assert ingest(raw) == f"commented #{ticket.number}"
    assert ingest(raw) == "duplicate"
    assert Comment.objects.filter(ticket=ticket).count() == 1


def test_given_a_too_large_attachment_when_ingested_then_the_command_fails_and_saves_nothing(
    tenant, settings
):
    settings.ATTACHMENT_MAX_BYTES = 10
    scene = build_scene()
    ticket = scene.portal_ticket()
    message = reply_to(ticket, sender=scene.requester.email, subject="Re: Foto")
    message.set_content("Siehe Anhang.")
    message.add_attachment(b"x" * 100, maintype="image", subtype="png", filename="foto.png")

    with pytest.raises(CommandError, match="zu groß"):  # the agency's language
        ingest(bytes(message))

    assert not Comment.objects.filter(ticket=ticket).exists()


def test_given_an_html_only_reply_when_ingested_then_the_comment_is_plain_text(tenant):
    scene = build_scene()
    ticket = scene.portal_ticket()
    message = reply_to(ticket, sender=scene.requester.email, subject="Re: Heizung")
    message.set_content("<p>Tür &amp; Fenster sind zu.<br>Danke</p>", subtype="html")

    ingest(bytes(message))

    assert Comment.objects.get(ticket=ticket).body == "Tür & Fenster sind zu.\nDanke"


def test_given_a_follower_who_lost_portal_access_when_replying_then_the_comment_is_refused(
    tenant,
):
    scene = build_scene()
    ticket = scene.portal_ticket(visibility="site")
    ticket_follow(ticket=ticket, user=scene.colleague, notify=True)
    narrowed = scene.colleague.customer_profile
    narrowed.narrow_ticket_types = True  # and no type left for them
    narrowed.save(update_fields=["narrow_ticket_types"])
    raw = raw_mail(
        sender=scene.colleague.email,
        to=inbound_address(ticket_number=ticket.number),
        subject="Re: Heizung",
        body="Ich darf das nicht mehr sehen.",
    )

    assert ingest(raw) == "ignored"
    assert not Comment.objects.filter(ticket=ticket).exists()


def test_given_a_new_message_from_a_customer_user_when_ingested_then_they_get_its_number(
    tenant,
):
    scene = build_scene(requester_language="en")

    ingest(
        raw_mail(
            sender=scene.requester.email,
            to=inbound_address(),
            subject="Licht im Flur",
            body="Die Lampe flackert.",
        )
    )

    ticket = Ticket.objects.get(title="Licht im Flur")
    receipt = OutboundMessage.objects.get(to_email=scene.requester.email)
    assert receipt.subject == f"[ALP-{ticket.number}] We have received your request: Licht im Flur"
    assert f"+t{ticket.number}-" in receipt.reply_to


@pytest.fixture
def unknown_senders_get_tickets(tenant):
    """The agency files mail from unknown senders under a catch-all customer."""
    catch_all = CustomerFactory(name="Unbekannte Absender")
    MailSettingsFactory(
        unknown_senders=UnknownSenderPolicy.CREATE, unknown_sender_customer=catch_all
    )
    return catch_all


def test_given_tickets_for_unknown_senders_when_a_stranger_writes_then_an_intake_ticket_waits(
    unknown_senders_get_tickets,
):
    result = ingest(
        raw_mail(
            sender="Hans Fremd <hans@fremd.example>",
            to=inbound_address(),
            subject="Graffiti an der Fassade",
            body="Bitte entfernen.",
        )
    )

    ticket = Ticket.objects.get(title="Graffiti an der Fassade")
    assert result == f"created #{ticket.number}"
    assert (ticket.customer, ticket.site, ticket.requester) == (
        unknown_senders_get_tickets,
        None,
        None,
    )
    assert (ticket.requester_email, ticket.source, ticket.needs_triage) == (
        "hans@fremd.example",
        Source.EMAIL,
        True,
    )
    assert ticket.created_by is None
    receipt = OutboundMessage.objects.get(to_email="hans@fremd.example")
    assert receipt.subject.startswith(f"[ALP-{ticket.number}] Wir haben Ihre Anfrage erhalten")
    assert "/portal/" not in receipt.body_text  # no login, no portal link


def test_given_a_strangers_ticket_when_they_reply_then_it_becomes_their_comment(
    unknown_senders_get_tickets,
):
    ingest(
        raw_mail(
            sender="hans@fremd.example",
            to=inbound_address(),
            subject="Graffiti",
            body="Bitte entfernen.",
        )
    )
    ticket = Ticket.objects.get(title="Graffiti")
    ticket_triage(
        actor=StaffFactory(), ticket=ticket, ticket_type=TicketTypeFactory(), priority="low"
    )
    reply = reply_to(ticket, sender="HANS@fremd.example", subject=f"Re: [ALP-{ticket.number}]")
    reply["Message-ID"] = "<second@fremd.example>"
    reply.set_content("Es ist noch da.")

    assert ingest(bytes(reply)) == f"commented #{ticket.number}"

    comment = Comment.objects.get(ticket=ticket)
    assert (comment.author, comment.author_email, comment.body) == (
        None,
        "hans@fremd.example",
        "Es ist noch da.",
    )


def test_given_a_strangers_ticket_when_someone_else_replies_then_they_are_turned_away(
    unknown_senders_get_tickets,
):
    ticket = ticket_from_email_sender(unknown_senders_get_tickets, title="Graffiti")
    raw = raw_mail(
        sender="eve@elsewhere.example",
        to=inbound_address(ticket_number=ticket.number),
        subject="Re: Graffiti",
        body="Ich auch!",
    )

    assert ingest(raw) == "rejected"
    assert not Comment.objects.filter(ticket=ticket).exists()


def test_given_the_catch_all_customer_was_deactivated_when_a_stranger_writes_then_it_is_rejected(
    unknown_senders_get_tickets,
):
    unknown_senders_get_tickets.is_active = False
    unknown_senders_get_tickets.save(update_fields=["is_active"])

    result = ingest(
        raw_mail(sender="hans@fremd.example", to=inbound_address(), subject="Hallo", body="x")
    )

    assert result == "rejected"
    assert not Ticket.objects.filter(requester_email="hans@fremd.example").exists()
