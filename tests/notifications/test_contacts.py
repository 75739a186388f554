"""Contacts (no portal access) as requesters: their confirmation, staff replies by email
without a portal link, and their answers by email."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agencydesk.notifications.addresses import inbound_address
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Comment, Visibility
from agencydesk.tickets.workflow import comment_add
from tests.customers.factories import ContactFactory, PortalTicketTypeRuleFactory
from tests.notifications.test_inbound import ingest, raw_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(customer, ticket_type):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    return ContactFactory(customer=customer, user__email="carl@caller.example", user__language="de")


def test_given_a_ticket_for_a_contact_when_created_then_one_confirmation_in_their_language(
    make_ticket, contact
):
    ticket = make_ticket(requester=contact.user, visibility=Visibility.UNPUBLISHED)

    [message] = OutboundMessage.objects.filter(ticket=ticket)
    assert (message.kind, message.to_email, message.language) == (
        "received",
        "carl@caller.example",
        "de",
    )
    assert message.subject.startswith(f"[ALP-{ticket.number}] Wir haben Ihre Anfrage erhalten")
    assert "/portal/" not in message.body_text + message.body_html


def test_given_a_published_ticket_for_a_contact_when_staff_reply_then_the_contact_is_mailed(
    make_ticket, staff, contact
):
    ticket = make_ticket(requester=contact.user, visibility=Visibility.PRIVATE)

    comment_add(actor=staff, ticket=ticket, body="Wir kommen morgen um 9 Uhr.")

    [reply] = OutboundMessage.objects.filter(ticket=ticket, kind="staff_reply")
    assert reply.to_email == "carl@caller.example"
    assert "Wir kommen morgen" in reply.body_text
    assert "/portal/" not in reply.body_text


def test_given_an_unpublished_ticket_for_a_contact_when_staff_reply_then_nobody_is_mailed(
    make_ticket, staff, contact
):
    ticket = make_ticket(requester=contact.user, visibility=Visibility.UNPUBLISHED)

    # Nobody outside the agency would see it: the workflow refuses the public reply.
    with pytest.raises(ValidationError):
        comment_add(actor=staff, ticket=ticket, body="Intern weitergeben.")

    assert not OutboundMessage.objects.filter(ticket=ticket, kind="staff_reply").exists()


def test_given_a_ticket_for_a_contact_when_they_answer_by_email_then_it_is_a_comment(
    make_ticket, contact
):
    ticket = make_ticket(requester=contact.user, visibility=Visibility.PRIVATE)

    result = ingest(
        raw_mail(
            sender="carl@caller.example",
            to=inbound_address(ticket_number=ticket.number),
            subject=f"Re: [ALP-{ticket.number}]",
            body="Danke, morgen passt.",
        )
    )

    assert result == f"commented #{ticket.number}"
    assert Comment.objects.get(ticket=ticket).author == contact.user


def test_given_someone_elses_ticket_when_a_contact_answers_by_email_then_refused(
    make_ticket, customer, contact
):
    ticket = make_ticket(requester=ContactFactory(customer=customer).user)

    result = ingest(
        raw_mail(
            sender="carl@caller.example",
            to=inbound_address(ticket_number=ticket.number),
            subject="Re: fremd",
            body="Ich mische mich ein.",
        )
    )

    assert result == "ignored"
    assert not Comment.objects.filter(ticket=ticket).exists()
