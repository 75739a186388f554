"""Every outbound rule, end to end: workflow → outbox → real worker → real SMTP server."""

from __future__ import annotations

from email.message import Message

import pytest

from agencydesk.customers.contacts import ContactDetails, contact_create
from agencydesk.notifications.models import Audience, MessageStatus, OutboundMessage
from agencydesk.tickets.models import Status
from agencydesk.tickets.workflow import (
    comment_add,
    ticket_change,
    ticket_follow,
    ticket_transfer,
    ticket_triage,
)
from tests.notifications.factories import build_scene
from tests.workflow_fixtures import ticket_from_email_sender

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def html_part(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode()
    return ""


def text_part(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""


def recipients_of(messages: list[Message]) -> list[str]:
    return sorted(m["X-Envelope-To"] for m in messages)


def created_and_announced(inbox, **scene_options: str):
    """A portal ticket whose three "new problem" mails have arrived; the inbox is empty again."""
    scene = build_scene(**scene_options)
    ticket = scene.portal_ticket()
    inbox.wait_for(3)
    inbox.clear()
    return scene, ticket


def test_given_a_portal_ticket_when_created_then_site_manager_and_type_team_are_mailed(
    worker_tenant, inbox
):
    scene = build_scene(manager_language="de")

    ticket = scene.portal_ticket()

    mails = inbox.wait_for(3)
    assert recipients_of(mails) == sorted(
        [scene.manager.email, scene.team_member.email, "facility-team@agency.example"]
    )
    to_manager = inbox.to(scene.manager.email)[0]
    assert "Ein neues Problem wurde gemeldet" in to_manager["Subject"]
    assert f"/tickets/{ticket.number}/" in text_part(to_manager)
    assert "Objekt Hafenstraße 5" in html_part(to_manager)
    to_member = inbox.to(scene.team_member.email)[0]
    assert "A new problem has been reported" in to_member["Subject"]
    assert "Alpha Gebäudeservice" in to_manager["From"]
    assert f"+t{ticket.number}-" in to_manager["Reply-To"]


def test_given_a_ticket_when_assigned_then_only_the_new_assignee_is_mailed(worker_tenant, inbox):
    scene, ticket = created_and_announced(inbox)

    ticket_change(actor=scene.manager, ticket=ticket, assignee=scene.agent)

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == [scene.agent.email]
    assert "A ticket has been assigned to you" in mails[0]["Subject"]


def test_given_followers_when_staff_reply_publicly_then_opted_in_customers_get_one_mail_each(
    worker_tenant, inbox
):
    scene = build_scene(requester_language="de")
    ticket = scene.portal_ticket()
    ticket_follow(ticket=ticket, user=scene.colleague, notify=True)
    ticket.visibility = "site"
    ticket.save(update_fields=["visibility"])
    inbox.wait_for(3)
    inbox.clear()

    comment_add(actor=scene.agent, ticket=ticket, body="Der Techniker kommt morgen um 9 Uhr.")

    mails = inbox.wait_for(2)
    assert recipients_of(mails) == sorted([scene.requester.email, scene.colleague.email])
    assert all(len(m["X-Envelope-To"].split(",")) == 1 for m in mails)  # never both in To
    german = inbox.to(scene.requester.email)[0]
    assert "Neue Antwort auf Ihre Anfrage" in german["Subject"]
    assert "Der Techniker kommt morgen um 9 Uhr." in text_part(german)
    assert f"/portal/tickets/{ticket.number}/" in html_part(german)
    english = inbox.to(scene.colleague.email)[0]
    assert "New reply to your request" in english["Subject"]


def test_given_a_requester_who_opted_out_when_staff_reply_then_nobody_is_mailed(
    worker_tenant, inbox
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    ticket_follow(ticket=ticket, user=scene.requester, notify=False)
    inbox.wait_for(3)
    inbox.clear()

    comment_add(actor=scene.agent, ticket=ticket, body="Erledigt.")

    assert inbox.wait_for(1, timeout=2) == []


def test_given_a_ticket_when_staff_add_an_internal_note_then_no_customer_is_mailed(
    worker_tenant, inbox
):
    scene, ticket = created_and_announced(inbox)

    comment_add(actor=scene.agent, ticket=ticket, body="Kunde zahlt schlecht.", internal=True)

    assert inbox.wait_for(1, timeout=2) == []
    assert not OutboundMessage.objects.filter(audience=Audience.CUSTOMER).exists()


@pytest.mark.parametrize(
    ("final_status", "subject"),
    [
        (Status.SOLVED, "Ihre Anfrage wurde gelöst"),
        (Status.CLOSED, "Ihre Anfrage wurde geschlossen"),
    ],
)
def test_given_a_ticket_in_progress_when_solved_or_closed_then_the_requester_is_mailed(
    worker_tenant, inbox, final_status, subject
):
    scene = build_scene(requester_language="de")
    ticket = scene.portal_ticket()
    ticket_change(actor=scene.agent, ticket=ticket, status=Status.IN_PROGRESS)
    if final_status == Status.CLOSED:
        ticket_change(actor=scene.agent, ticket=ticket, status=Status.SOLVED)
    inbox.wait_for(4 if final_status == Status.CLOSED else 3)
    inbox.clear()

    ticket_change(actor=scene.agent, ticket=ticket, status=final_status)

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == [scene.requester.email]
    assert subject in mails[0]["Subject"]


def test_given_an_unassigned_ticket_when_the_customer_comments_then_the_site_manager_is_mailed(
    worker_tenant, inbox
):
    scene, ticket = created_and_announced(inbox)

    comment_add(
        actor=scene.requester, ticket=ticket, body="Es ist immer noch kalt.", source="portal"
    )

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == [scene.manager.email]
    assert "Es ist immer noch kalt." in text_part(mails[0])


def test_given_an_assigned_ticket_when_the_customer_comments_then_the_assignee_is_mailed(
    worker_tenant, inbox
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    ticket_change(actor=scene.manager, ticket=ticket, assignee=scene.agent)
    inbox.wait_for(4)
    inbox.clear()

    comment_add(actor=scene.requester, ticket=ticket, body="Danke!", source="portal")

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == [scene.agent.email]
    assert "New comment from the customer" in mails[0]["Subject"]


def test_given_a_sent_message_then_the_outbox_row_records_it(worker_tenant, inbox):
    scene = build_scene()

    scene.portal_ticket()

    inbox.wait_for(3)
    rows = list(OutboundMessage.objects.all())
    assert {row.status for row in rows} == {MessageStatus.SENT}
    assert all(row.attempts == 1 and row.sent_at is not None for row in rows)


def test_given_a_ticket_when_transferred_then_the_new_assignee_gets_the_transfer_note(
    worker_tenant, inbox
):
    scene, ticket = created_and_announced(inbox)

    ticket_transfer(
        actor=scene.manager, ticket=ticket, assignee=scene.agent, note="Bitte heute noch."
    )

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == [scene.agent.email]
    assert "Bitte heute noch." in text_part(mails[0])


def test_given_staff_open_a_ticket_for_a_customer_then_only_the_requester_is_mailed(
    worker_tenant, inbox
):
    scene = build_scene()

    ticket = scene.portal_ticket(actor=scene.agent, source="staff", requester=scene.requester)

    mails = inbox.wait_for(1, timeout=5)
    assert recipients_of(mails) == [scene.requester.email]  # no "new problem" mail to staff
    assert "Wir haben Ihre Anfrage erhalten" in mails[0]["Subject"]
    assert f"ALP-{ticket.number}" in mails[0]["Subject"]


def test_given_a_follower_who_lost_portal_access_when_staff_reply_then_only_others_are_mailed(
    worker_tenant, inbox
):
    scene = build_scene()
    ticket = scene.portal_ticket(visibility="site")
    ticket_follow(ticket=ticket, user=scene.colleague, notify=True)
    narrowed = scene.colleague.customer_profile
    narrowed.narrow_ticket_types = True  # and no type left for them
    narrowed.save(update_fields=["narrow_ticket_types"])
    inbox.wait_for(3)
    inbox.clear()

    comment_add(actor=scene.agent, ticket=ticket, body="Wir kümmern uns.")

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == [scene.requester.email]


def test_given_a_ticket_from_an_email_sender_without_login_then_they_get_receipt_and_replies(
    worker_tenant, inbox
):
    scene = build_scene()
    ticket = ticket_from_email_sender(scene.customer, title="Graffiti an der Fassade")
    receipt = inbox.wait_for(1)
    assert recipients_of(receipt) == ["hans@fremd.example"]
    assert "Wir haben Ihre Anfrage erhalten" in receipt[0]["Subject"]
    assert f"+t{ticket.number}-" in receipt[0]["Reply-To"]
    inbox.clear()

    ticket_triage(actor=scene.agent, ticket=ticket, ticket_type=scene.ticket_type, priority="low")
    comment_add(actor=scene.agent, ticket=ticket, body="Wir entfernen es am Montag.")

    mails = inbox.wait_for(1)
    assert recipients_of(mails) == ["hans@fremd.example"]
    assert "Wir entfernen es am Montag." in text_part(mails[0])
    assert "/portal/" not in text_part(mails[0])


@pytest.mark.parametrize(
    ("language", "headline"),
    [("de", "Wir haben Ihre Anfrage erhalten"), ("en", "We have received your request")],
)
def test_given_staff_open_a_ticket_for_a_contact_then_the_confirmation_arrives_in_their_language(
    worker_tenant, inbox, language, headline
):
    scene = build_scene()
    contact = contact_create(
        customer=scene.customer,
        details=ContactDetails(name="Carl Caller", email="carl@caller.example", language=language),
    )

    ticket = scene.portal_ticket(
        actor=scene.agent, source="staff", requester=contact.user, visibility="unpublished"
    )

    [mail] = inbox.wait_for(1)
    assert recipients_of([mail]) == ["carl@caller.example"]
    assert mail["Subject"].strip().startswith(f"[ALP-{ticket.number}] {headline}")
    assert f"ALP-{ticket.number}" in text_part(mail)
    assert "/portal/" not in text_part(mail)  # no login: they answer by email
    assert f"+t{ticket.number}-" in mail["Reply-To"]
