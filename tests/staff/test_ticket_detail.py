"""The ticket page: what it shows, and the actions on it going through the workflow."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencydesk.notifications.models import MessageStatus
from agencydesk.tickets.models import Activity, ActivityVerb, Priority, Status, Visibility
from agencydesk.tickets.workflow import comment_add, ticket_triage
from tests.factories import StaffFactory, TeamFactory
from tests.notifications.factories import FailedMessageFactory
from tests.workflow_fixtures import ticket_from_email_sender

pytestmark = pytest.mark.django_db

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_given_ticket_with_reply_and_note_when_opened_then_both_shown_distinctly(
    staff_client, staff, make_ticket
):
    ticket = make_ticket()
    comment_add(actor=staff, ticket=ticket, body="We are on our way.")
    comment_add(actor=staff, ticket=ticket, body="Key is at the front desk.", internal=True)

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert 'class="message public"' in html
    assert 'class="message internal"' in html
    assert "We are on our way." in html
    assert "Key is at the front desk." in html
    assert 'id="reply"' in html
    assert 'id="triage"' not in html


def test_given_ticket_needing_triage_when_opened_then_only_triage_form(staff_client, triage_ticket):
    html = staff_client.get(f"/tickets/{triage_ticket.number}/").content.decode()

    assert 'id="triage"' in html
    assert 'id="reply"' not in html
    assert 'id="transfer"' not in html
    assert 'id="update"' not in html


def test_given_ticket_needing_triage_when_triaged_then_type_and_priority_set(
    staff_client, triage_ticket, ticket_type
):
    response = staff_client.post(
        f"/tickets/{triage_ticket.number}/triage/",
        {"ticket_type": ticket_type.pk, "priority": Priority.HIGH},
    )

    assert response.status_code == 302
    triage_ticket.refresh_from_db()
    assert not triage_ticket.needs_triage
    assert triage_ticket.ticket_type == ticket_type
    assert triage_ticket.priority == Priority.HIGH


def test_given_ticket_needing_triage_when_transfer_posted_then_refused_and_nothing_saved(
    staff_client, triage_ticket
):
    response = staff_client.post(
        f"/tickets/{triage_ticket.number}/transfer/",
        {"assignee": StaffFactory().pk, "customer": triage_ticket.customer_id},
    )

    assert response.status_code == 200
    assert "still needs triage" in response.content.decode()
    triage_ticket.refresh_from_db()
    assert triage_ticket.assignee is None


def test_given_ticket_when_internal_note_posted_then_comment_is_internal(staff_client, make_ticket):
    ticket = make_ticket()

    response = staff_client.post(
        f"/tickets/{ticket.number}/reply/", {"kind": "internal", "body": "Call the caretaker."}
    )

    assert response.status_code == 302
    comment = ticket.comments.get()
    assert comment.internal
    assert comment.body == "Call the caretaker."


def test_given_ticket_when_public_reply_with_image_then_preview_served_after_check(
    staff_client, make_ticket, customer
):
    ticket = make_ticket()
    upload = SimpleUploadedFile("leak.png", PNG_BYTES, content_type="image/png")

    staff_client.post(
        f"/tickets/{ticket.number}/reply/",
        {"kind": "public", "body": "Photo attached.", "attachments": [upload]},
    )

    attachment = ticket.attachments.get()
    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()
    url = f"/attachments/{attachment.pk}/"
    # The page shows the server-made thumbnail; the link opens the original.
    assert f'<img src="{url}thumbnail/"' in html
    assert f'href="{url}"' in html
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_given_ticket_when_transferred_with_note_then_one_activity_and_internal_note(
    staff_client, make_ticket
):
    ticket = make_ticket()
    colleague = StaffFactory(name="Cleo Colleague")
    team = TeamFactory(name="Night shift")

    response = staff_client.post(
        f"/tickets/{ticket.number}/transfer/",
        {
            "assignee": colleague.pk,
            "team": team.pk,
            "customer": ticket.customer_id,
            "site": ticket.site_id,
            "note": "Cleo knows the building.",
        },
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.team) == (colleague, team)
    transfers = Activity.objects.filter(ticket=ticket, verb=ActivityVerb.TRANSFERRED)
    assert transfers.count() == 1
    assert transfers.get().comment.body == "Cleo knows the building."
    assert transfers.get().comment.internal


def test_given_ticket_when_status_set_to_solved_then_solved(staff_client, make_ticket):
    ticket = make_ticket()

    response = staff_client.post(
        f"/tickets/{ticket.number}/update/",
        {
            "status": Status.SOLVED,
            "priority": ticket.priority,
            "ticket_type": ticket.ticket_type_id,
        },
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED
    assert ticket.solved_at is not None


def test_given_new_ticket_when_closed_directly_then_closed_with_solved_at(
    staff_client, make_ticket
):
    ticket = make_ticket()

    response = staff_client.post(
        f"/tickets/{ticket.number}/update/",
        {
            "status": Status.CLOSED,
            "priority": ticket.priority,
            "ticket_type": ticket.ticket_type_id,
        },
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert ticket.solved_at is not None


def test_given_unpublished_ticket_when_published_then_visible_to_requester(
    staff_client, make_ticket
):
    ticket = make_ticket(visibility=Visibility.UNPUBLISHED)
    assert 'id="publish"' in staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    staff_client.post(f"/tickets/{ticket.number}/publish/", {"visibility": Visibility.SITE})

    ticket.refresh_from_db()
    assert ticket.visibility == Visibility.SITE
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.PUBLISHED).exists()


def test_given_customer_user_when_opening_staff_ticket_page_then_404(
    client, make_ticket, customer_user
):
    ticket = make_ticket()
    client.force_login(customer_user)

    assert client.get(f"/tickets/{ticket.number}/").status_code == 404


def test_given_unknown_number_when_opened_then_404(staff_client):
    assert staff_client.get("/tickets/999999/").status_code == 404


@pytest.mark.parametrize("comments", [1, 12])
def test_given_any_number_of_comments_when_page_rendered_then_queries_bounded(
    staff_client, staff, make_ticket, django_assert_max_num_queries, comments
):
    ticket = make_ticket()
    for index in range(comments):
        comment_add(
            actor=staff,
            ticket=ticket,
            body=f"Comment {index}",
            internal=bool(index % 2),
            attachments=[SimpleUploadedFile(f"p{index}.png", PNG_BYTES, content_type="image/png")],
        )
    staff_client.post(
        f"/tickets/{ticket.number}/transfer/",
        {"assignee": StaffFactory().pk, "customer": ticket.customer_id, "site": ticket.site_id},
    )

    # 25 for the ticket page, plus its linked work orders (site operations) and the reply
    # box's canned replies (one query each, and a search_path statement).
    with django_assert_max_num_queries(29):
        response = staff_client.get(f"/tickets/{ticket.number}/")

    assert response.status_code == 200


def test_given_user_timezone_when_page_rendered_then_dates_in_that_timezone(
    staff_client, staff, make_ticket
):
    ticket = make_ticket()
    staff.timezone = "America/New_York"
    staff.save(update_fields=["timezone"])
    created = ticket.created_at.astimezone(ZoneInfo("America/New_York"))

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert f'datetime="{created.isoformat()}"' in html


def test_given_an_undelivered_email_about_the_ticket_when_opened_then_staff_see_and_resend_it(
    staff_client, make_ticket
):
    ticket = make_ticket()
    failed = FailedMessageFactory(ticket=ticket, to_email="bounced@customer.example")
    FailedMessageFactory(to_email="other-ticket@customer.example")

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()
    response = staff_client.post(f"/tickets/{ticket.number}/emails/{failed.pk}/retry/")

    assert 'id="undelivered"' in html
    assert "bounced@customer.example" in html
    assert "other-ticket@customer.example" not in html
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == MessageStatus.PENDING


def test_given_an_undelivered_email_of_another_ticket_when_resent_from_this_one_then_404(
    staff_client, make_ticket
):
    ticket = make_ticket()
    elsewhere = FailedMessageFactory()

    response = staff_client.post(f"/tickets/{ticket.number}/emails/{elsewhere.pk}/retry/")

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == MessageStatus.FAILED


def test_given_a_ticket_from_an_email_sender_without_login_then_the_timeline_names_them(
    staff_client, customer, staff, ticket_type
):
    ticket = ticket_from_email_sender(customer, title="Graffiti")
    ticket_triage(actor=staff, ticket=ticket, ticket_type=ticket_type, priority="medium")
    comment_add(actor=None, author_email="hans@fremd.example", ticket=ticket, body="Noch da.")

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert html.count("<strong>hans@fremd.example</strong>") >= 3  # requester, comment, timeline
    assert "<strong>None</strong>" not in html
