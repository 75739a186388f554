"""The staff API under the ticket rules: the triage gate, closed tickets, follow-ups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.tickets.models import Attachment, Comment, Status, Ticket
from agencydesk.tickets.workflow import ticket_change
from tests.factories import TicketFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


@pytest.mark.parametrize("internal", [False, True])
def test_given_a_ticket_needing_triage_when_a_comment_is_posted_then_400_naming_the_gate(
    staff_api, triage_ticket, internal
):
    response = staff_api.post(
        f"{URL}{triage_ticket.number}/comments/",
        {"body": "We are on it", "internal": internal},
        format="json",
    )

    assert response.status_code == 400
    assert "needs_triage" in response.json()
    assert not Comment.objects.filter(ticket=triage_ticket).exists()


def test_given_a_ticket_needing_triage_when_a_file_is_attached_then_400_naming_the_gate(
    staff_api, triage_ticket
):
    response = staff_api.post(
        f"{URL}{triage_ticket.number}/attachments/", {"file": png_upload()}, format="multipart"
    )

    assert response.status_code == 400
    assert "needs_triage" in response.json()
    assert not Attachment.objects.filter(ticket=triage_ticket).exists()


def test_given_a_closed_ticket_when_a_public_reply_is_posted_then_400(staff_api, staff):
    ticket = TicketFactory()
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    response = staff_api.post(
        f"{URL}{ticket.number}/comments/", {"body": "One more thing"}, format="json"
    )

    assert response.status_code == 400
    assert "status" in response.json()


def test_given_a_closed_ticket_when_a_follow_up_is_created_then_it_shows_follow_up_of(
    staff_api, staff, customer, site
):
    closed = TicketFactory(customer=customer, site=site)
    ticket_change(actor=staff, ticket=closed, status=Status.CLOSED)

    response = staff_api.post(
        URL,
        {"title": "Again", "customer": customer.pk, "site": site.pk, "follow_up_of": closed.number},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["follow_up_of"] == closed.number
    listed = staff_api.get(URL).json()["results"]
    assert {row["number"]: row["follow_up_of"] for row in listed} == {
        response.json()["number"]: closed.number,
        closed.number: None,
    }


def test_given_an_unknown_ticket_when_followed_up_then_400(staff_api, customer):
    count = Ticket.objects.count()

    response = staff_api.post(
        URL, {"title": "Again", "customer": customer.pk, "follow_up_of": 999999}, format="json"
    )

    assert response.status_code == 400
    assert "follow_up_of" in response.json()
    assert Ticket.objects.count() == count


def test_given_follow_ups_when_listing_then_the_query_count_does_not_grow(
    staff_api, staff, django_assert_num_queries
):
    closed = TicketFactory()
    ticket_change(actor=staff, ticket=closed, status=Status.CLOSED)
    TicketFactory(follow_up_of=closed)
    with CaptureQueriesContext(connection) as few:
        staff_api.get(URL)
    for _ in range(5):
        TicketFactory(follow_up_of=closed)

    with django_assert_num_queries(len(few)):
        staff_api.get(URL)
