"""The staff ticket page's reply box: the triage gate, one-step replies, unpublished and
closed tickets (never "Reply sent." when nothing was sent)."""

from __future__ import annotations

import pytest

from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Activity, ActivityVerb, Comment, Status, Visibility
from agencydesk.tickets.workflow import ticket_change

pytestmark = pytest.mark.django_db


def test_given_a_ticket_needing_triage_when_a_reply_is_posted_then_refused_and_nobody_mailed(
    staff_client, triage_ticket
):
    response = staff_client.post(
        f"/tickets/{triage_ticket.number}/reply/", {"kind": "public", "body": "We are on it."}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "still needs triage" in html
    assert "Reply sent." not in html
    assert not Comment.objects.filter(ticket=triage_ticket).exists()
    assert not OutboundMessage.objects.filter(ticket=triage_ticket, kind="staff_reply").exists()


def test_given_a_ticket_needing_triage_when_shown_then_the_page_says_why_nothing_else_is_offered(
    staff_client, triage_ticket
):
    html = staff_client.get(f"/tickets/{triage_ticket.number}/").content.decode()

    assert "Triage this ticket first" in html
    assert f'action="/tickets/{triage_ticket.number}/reply/"' not in html


@pytest.mark.parametrize(
    ("button", "status", "message"),
    [
        ("solved", Status.SOLVED, "the ticket is marked solved"),
        ("waiting", Status.WAITING, "the ticket is waiting for the customer"),
    ],
)
def test_given_a_ticket_when_sent_with_a_status_button_then_reply_and_status_in_one_step(
    staff_client, make_ticket, button, status, message
):
    ticket = make_ticket()

    response = staff_client.post(
        f"/tickets/{ticket.number}/reply/",
        {"kind": "public", "body": "Done, please check.", "then": button},
        follow=True,
    )

    ticket.refresh_from_db()
    assert ticket.status == status
    assert ticket.comments.get().body == "Done, please check."
    assert message in response.content.decode()


def test_given_an_internal_note_when_sent_with_a_status_button_then_refused(
    staff_client, make_ticket
):
    ticket = make_ticket()

    staff_client.post(
        f"/tickets/{ticket.number}/reply/",
        {"kind": "internal", "body": "Note.", "then": "solved"},
    )

    ticket.refresh_from_db()
    assert ticket.status == Status.NEW
    assert not ticket.comments.exists()


def test_given_an_unpublished_ticket_when_shown_then_only_notes_and_a_one_click_publish(
    staff_client, make_ticket
):
    ticket = make_ticket(visibility=Visibility.UNPUBLISHED)

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert 'value="public"' not in html
    assert "Send and mark solved" not in html
    assert 'data-testid="publish-one-click"' in html
    assert "only internal notes are offered" in html


def test_given_an_unpublished_ticket_when_a_public_reply_is_forced_then_refused_not_sent(
    staff_client, make_ticket
):
    ticket = make_ticket(visibility=Visibility.UNPUBLISHED)

    response = staff_client.post(
        f"/tickets/{ticket.number}/reply/", {"kind": "public", "body": "Hello?"}, follow=True
    )

    assert "Reply sent." not in response.content.decode()
    assert not ticket.comments.exists()


def test_given_an_unpublished_ticket_when_published_in_one_click_then_public_replies_offered(
    staff_client, make_ticket
):
    ticket = make_ticket(visibility=Visibility.UNPUBLISHED)

    response = staff_client.post(
        f"/tickets/{ticket.number}/publish/", {"visibility": "private"}, follow=True
    )

    ticket.refresh_from_db()
    assert ticket.visibility == Visibility.PRIVATE
    assert "Send and mark solved" in response.content.decode()


def test_given_a_closed_ticket_when_shown_then_only_internal_notes_are_offered(
    staff_client, make_ticket, staff
):
    ticket = make_ticket()
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert "This ticket is closed and takes no more replies" in html
    assert 'value="public"' not in html


def test_given_a_follow_up_when_both_pages_are_shown_then_each_links_the_other(
    staff_client, make_ticket, staff
):
    closed = make_ticket()
    ticket_change(actor=staff, ticket=closed, status=Status.CLOSED)
    follow_up = make_ticket(follow_up_of=closed)

    closed_html = staff_client.get(f"/tickets/{closed.number}/").content.decode()
    follow_up_html = staff_client.get(f"/tickets/{follow_up.number}/").content.decode()

    assert f'href="/tickets/{follow_up.number}/"' in closed_html
    assert f'href="/tickets/{closed.number}/"' in follow_up_html
    assert Activity.objects.filter(ticket=closed, verb=ActivityVerb.FOLLOW_UP_OPENED).exists()
