"""Rendering one message per recipient language (unit tests, no worker)."""

from __future__ import annotations

import pytest

from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.notifications.rendering import Kind, render_sender_rejected, render_ticket_message
from tests.factories import CommentFactory, CustomerUserFactory, TicketFactory

pytestmark = pytest.mark.django_db

HEADLINES = {
    Kind.NEW_TICKET: ("A new problem has been reported", "Ein neues Problem wurde gemeldet"),
    Kind.ASSIGNED: ("A ticket has been assigned to you", "Ihnen wurde ein Ticket zugewiesen"),
    Kind.CUSTOMER_COMMENT: ("New comment from the customer", "Neuer Kommentar des Kunden"),
    Kind.STAFF_REPLY: ("New reply to your request", "Neue Antwort auf Ihre Anfrage"),
    Kind.SOLVED: ("Your request has been solved", "Ihre Anfrage wurde gelöst"),
    Kind.CLOSED: ("Your request has been closed", "Ihre Anfrage wurde geschlossen"),
    Kind.RECEIVED: ("We have received your request", "Wir haben Ihre Anfrage erhalten"),
}


@pytest.mark.parametrize("kind", list(HEADLINES))
@pytest.mark.parametrize("language", ["en", "de"])
def test_given_a_kind_and_language_when_rendered_then_subject_text_and_html_are_localized(
    tenant, kind, language
):
    ticket = TicketFactory(title="Tür klemmt")
    comment = CommentFactory(ticket=ticket, body="Schon erledigt?")
    customer_user = CustomerUserFactory().user
    recipient = Recipient(
        customer_user.email, Audience.CUSTOMER, language, customer_user, has_link=True
    )

    rendered = render_ticket_message(kind=kind, ticket=ticket, recipient=recipient, comment=comment)

    headline = HEADLINES[kind][language == "de"]
    assert rendered.subject == f"[ALP-{ticket.number}] {headline}: Tür klemmt"
    for body in (rendered.text, rendered.html):
        assert headline in body
        assert f"/portal/tickets/{ticket.number}/" in body
        assert "Alpha Gebäudeservice" in body
        assert "Schon erledigt?" in body
    assert f'lang="{language}"' in rendered.html


def test_given_a_staff_recipient_when_rendered_then_the_link_opens_the_staff_ui(tenant):
    ticket = TicketFactory()
    recipient = Recipient("agent@example.com", Audience.STAFF, "en")

    rendered = render_ticket_message(kind=Kind.ASSIGNED, ticket=ticket, recipient=recipient)

    assert f"http://alpha.localhost:8000/tickets/{ticket.number}/" in rendered.text
    assert "/portal/" not in rendered.html


def test_given_a_sender_without_a_login_when_rendered_then_no_portal_link_but_reply_by_mail(
    tenant,
):
    ticket = TicketFactory(requester=None, requester_email="walk-in@example.com")
    recipient = Recipient("walk-in@example.com", Audience.CUSTOMER, "de")

    rendered = render_ticket_message(kind=Kind.RECEIVED, ticket=ticket, recipient=recipient)

    for body in (rendered.text, rendered.html):
        assert "/portal/" not in body
        assert "Sie können auf diese E-Mail antworten" in body


def test_given_a_ticket_from_an_unknown_sender_when_announced_then_staff_see_the_address(
    tenant,
):
    ticket = TicketFactory(requester=None, requester_email="walk-in@example.com")
    recipient = Recipient("agent@example.com", Audience.STAFF, "en")

    rendered = render_ticket_message(kind=Kind.NEW_TICKET, ticket=ticket, recipient=recipient)

    assert "walk-in@example.com has reported a new problem by email." in rendered.text


def test_given_html_in_a_comment_when_rendered_then_it_is_escaped_in_html(tenant):
    ticket = TicketFactory()
    comment = CommentFactory(ticket=ticket, body="<script>alert(1)</script>")
    recipient = Recipient("someone@example.com", Audience.CUSTOMER, "en")

    rendered = render_ticket_message(
        kind=Kind.STAFF_REPLY, ticket=ticket, recipient=recipient, comment=comment
    )

    assert "<script>" not in rendered.html
    assert "<script>alert(1)</script>" in rendered.text  # plain text stays verbatim


@pytest.mark.parametrize(
    ("language", "headline"),
    [("en", "We could not accept your message"), ("de", "Wir konnten Ihre Nachricht nicht")],
)
def test_given_an_unknown_sender_when_the_rejection_is_rendered_then_it_is_localized(
    tenant, language, headline
):
    rendered = render_sender_rejected(language=language, subject="Angebot")

    assert rendered.subject.startswith(headline)
    assert "Angebot" in rendered.text


def test_given_a_stored_title_with_line_breaks_when_rendered_then_the_subject_is_one_line(tenant):
    # Titles are single-line now; older rows may still hold a line break.
    ticket = TicketFactory(title="Tür klemmt\r\nseit Montag")
    customer_user = CustomerUserFactory().user
    recipient = Recipient(customer_user.email, Audience.CUSTOMER, "en", customer_user)

    rendered = render_ticket_message(kind=Kind.NEW_TICKET, ticket=ticket, recipient=recipient)
    rejected = render_sender_rejected(language="en", subject="Hallo\nWelt")

    assert rendered.subject.endswith(": Tür klemmt seit Montag")
    assert "\n" not in rejected.subject and "\r" not in rejected.subject
