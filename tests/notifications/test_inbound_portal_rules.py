"""Email intake asks the portal rules like every other door: a customer user who may not report
a problem in the portal cannot open a ticket by email either, and gets a polite refusal."""

from __future__ import annotations

import pytest

from agencydesk.notifications.addresses import inbound_address
from agencydesk.notifications.inbound.ingest import email_ingest
from agencydesk.notifications.models import Audience, OutboundMessage
from agencydesk.tickets.models import Status, Ticket, TicketType
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, TicketFactory, TicketTypeFactory
from tests.notifications.test_inbound import raw_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake_type(tenant) -> TicketType:
    return TicketType.objects.filter(is_intake=True).first() or TicketTypeFactory(is_intake=True)


def mail_from(email: str, subject: str) -> bytes:
    return raw_mail(sender=email, to=inbound_address(), subject=subject, body="Bitte kommen.")


def test_given_a_customer_user_who_may_only_see_when_they_write_then_no_ticket_and_a_refusal(
    intake_type,
):
    site = SiteFactory()
    PortalTicketTypeRuleFactory(customer=site.customer, can_see=True, can_create=False)
    reader = CustomerUserFactory(customer=site.customer).user

    outcome, ticket = email_ingest(raw=mail_from(reader.email, "Wasserschaden"))

    assert (outcome, ticket) == ("rejected", None)
    assert not Ticket.objects.filter(title="Wasserschaden").exists()
    refusal = OutboundMessage.objects.get(to_email=reader.email)
    assert refusal.audience == Audience.SENDER
    assert refusal.subject.startswith("Wir konnten Ihre Nachricht nicht annehmen")
    assert "keine neuen Probleme melden" in refusal.body_text  # not the unknown-sender text


def test_given_a_customer_user_without_an_active_site_when_they_write_then_no_ticket(
    intake_type,
):
    site = SiteFactory(is_active=False)
    PortalTicketTypeRuleFactory(customer=site.customer)
    member = CustomerUserFactory(customer=site.customer).user

    outcome, _ticket = email_ingest(raw=mail_from(member.email, "Heizung kalt"))

    assert outcome == "rejected"
    assert not Ticket.objects.filter(title="Heizung kalt").exists()


def test_given_a_customer_user_who_may_report_when_they_write_then_the_ticket_is_opened(
    intake_type,
):
    site = SiteFactory()
    PortalTicketTypeRuleFactory(customer=site.customer)
    member = CustomerUserFactory(customer=site.customer).user

    outcome, ticket = email_ingest(raw=mail_from(member.email, "Fenster kaputt"))

    assert outcome == "created"
    assert ticket is not None
    assert (ticket.requester, ticket.site, ticket.ticket_type) == (member, site, intake_type)


def test_given_a_customer_user_who_may_only_see_when_replying_to_a_closed_ticket_then_no_follow_up(
    intake_type,
):
    # A follow-up is a new report: the portal would not let this user make one.
    site = SiteFactory()
    rule = PortalTicketTypeRuleFactory(customer=site.customer, can_see=True, can_create=False)
    reader = CustomerUserFactory(customer=site.customer).user
    closed = TicketFactory(
        customer=site.customer,
        site=site,
        ticket_type=rule.ticket_type,
        requester=reader,
        status=Status.CLOSED,
    )
    reply = raw_mail(
        sender=reader.email,
        to=inbound_address(ticket_number=closed.number),
        subject=f"Re: [ALP-{closed.number}] {closed.title}",
        body="Es ist wieder kaputt.",
    )

    outcome, _ticket = email_ingest(raw=reply)

    assert outcome == "rejected"
    assert not Ticket.objects.filter(follow_up_of=closed).exists()
