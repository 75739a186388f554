import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import (
    Activity,
    ActivityVerb,
    Attachment,
    CommentRevision,
    Status,
    Ticket,
)
from agencydesk.tickets.search import tickets_matching
from agencydesk.tickets.workflow import comment_add, comment_change, ticket_change
from tests.factories import StaffFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db


def test_given_a_new_ticket_when_staff_reply_publicly_then_first_response_is_set_once(
    make_ticket, staff
):
    ticket = make_ticket()

    first = comment_add(actor=staff, ticket=ticket, body="We are on our way.")
    comment_add(actor=StaffFactory(), ticket=ticket, body="Technician arrived.")

    ticket.refresh_from_db()
    assert ticket.first_response_at == first.created_at


def test_given_an_internal_note_when_added_then_first_response_stays_empty(make_ticket, staff):
    ticket = make_ticket()

    comment_add(actor=staff, ticket=ticket, body="Call the landlord first.", internal=True)

    ticket.refresh_from_db()
    assert ticket.first_response_at is None
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.NOTE_ADDED).count() == 1


def test_given_a_customer_reply_when_added_then_first_response_stays_empty(
    make_ticket, customer_user
):
    ticket = make_ticket(requester=customer_user)

    comment_add(actor=customer_user, ticket=ticket, body="Any news?", source="portal")

    ticket.refresh_from_db()
    assert ticket.first_response_at is None


def test_given_a_waiting_ticket_when_the_customer_replies_then_it_is_back_in_progress(
    make_ticket, staff, customer_user, published_events
):
    ticket = make_ticket(requester=customer_user)
    ticket_change(actor=staff, ticket=ticket, status=Status.WAITING)
    published_events.clear()

    comment_add(actor=customer_user, ticket=ticket, body="Here is the key code.", source="portal")

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert [event.kind for event in published_events] == [
        EventKind.COMMENT_ADDED,
        EventKind.STATUS_CHANGED,
    ]


def test_given_a_customer_user_when_writing_an_internal_note_then_refused(
    make_ticket, customer_user
):
    ticket = make_ticket()

    with pytest.raises(ValidationError) as error:
        comment_add(actor=customer_user, ticket=ticket, body="psst", internal=True)

    assert "internal" in error.value.message_dict
    assert not ticket.comments.exists()


def test_given_an_empty_body_when_commenting_then_refused(make_ticket, staff):
    with pytest.raises(ValidationError) as error:
        comment_add(actor=staff, ticket=make_ticket(), body="   ")

    assert "body" in error.value.message_dict


def test_given_a_comment_with_a_file_when_added_then_the_file_belongs_to_the_comment(
    make_ticket, staff
):
    ticket = make_ticket()

    comment = comment_add(actor=staff, ticket=ticket, body="Photo", attachments=[png_upload()])

    assert Attachment.objects.get(ticket=ticket).comment == comment


def test_given_comments_when_searching_then_public_and_internal_text_is_found(make_ticket, staff):
    ticket = make_ticket()
    comment_add(actor=staff, ticket=ticket, body="Wasserschaden im Keller")
    comment_add(actor=staff, ticket=ticket, body="Versicherung informieren", internal=True)

    assert list(tickets_matching(Ticket.objects.all(), "Wasserschaden")) == [ticket]
    assert list(tickets_matching(Ticket.objects.all(), "Versicherung")) == [ticket]


def test_given_a_comment_when_edited_then_the_old_text_is_kept(make_ticket, staff):
    ticket = make_ticket()
    comment = comment_add(actor=staff, ticket=ticket, body="Tomorrow at 9")

    edited = comment_change(actor=staff, comment=comment, body="Tomorrow at 10")

    assert edited.body == "Tomorrow at 10"
    assert edited.edited_at is not None
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["Tomorrow at 9"]
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.COMMENT_EDITED).exists()


def test_given_someone_elses_comment_when_edited_then_refused(make_ticket, staff):
    comment = comment_add(actor=staff, ticket=make_ticket(), body="Mine")

    with pytest.raises(ValidationError):
        comment_change(actor=StaffFactory(), comment=comment, body="Yours now")

    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_given_a_waiting_ticket_when_an_email_sender_without_login_replies_then_it_resumes(
    make_ticket, staff
):
    ticket = make_ticket(requester_email="hans@fremd.example")
    ticket_change(actor=staff, ticket=ticket, status=Status.IN_PROGRESS)
    ticket_change(actor=staff, ticket=ticket, status=Status.WAITING)

    comment = comment_add(
        actor=None, author_email="hans@fremd.example", ticket=ticket, body="Hier die Fotos."
    )

    ticket.refresh_from_db()
    assert (comment.author, comment.author_email, comment.internal) == (
        None,
        "hans@fremd.example",
        False,
    )
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.first_response_at is None  # only staff answer


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"author_email": ""}, "author_email"),
        ({"author_email": "a@b.example", "internal": True}, "internal"),
    ],
)
def test_given_a_sender_without_login_when_the_comment_is_incomplete_or_internal_then_refused(
    make_ticket, arguments, field
):
    ticket = make_ticket()

    with pytest.raises(ValidationError) as refused:
        comment_add(actor=None, ticket=ticket, body="Hallo", **arguments)

    assert field in refused.value.message_dict
    assert not ticket.comments.exists()
