"""Canned replies in the staff UI: the reply box's select fills the textarea (htmx), the
status it sets goes along, and one's own personal ones in the account area."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agencydesk.tickets.models import CannedReply
from tests.factories import StaffFactory
from tests.tickets.factories import CannedReplyFactory

pytestmark = pytest.mark.django_db


def test_given_canned_replies_when_a_ticket_is_opened_then_the_reply_box_offers_them(
    staff_client, make_ticket
):
    CannedReplyFactory(title="Technician booked")
    page = staff_client.get(reverse("staff:ticket", args=[make_ticket().number])).content.decode()
    assert 'data-testid="canned-select"' in page
    assert "Technician booked" in page


def test_given_a_draft_when_a_canned_reply_is_inserted_then_it_is_appended_filled(
    staff_client, make_ticket, customer_user
):
    ticket = make_ticket(requester=customer_user)
    canned = CannedReplyFactory(body="Hello {requester_name}, {agent_name}", status="solved")

    response = staff_client.post(
        reverse("staff:canned_insert", args=[ticket.number]),
        {"canned": canned.pk, "body": "First line"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "First line\n\nHello Cora Customer, Sam Staff</textarea>" in page
    assert 'name="then" value="solved"' in page


def test_given_someone_elses_personal_reply_when_inserted_then_404(staff_client, make_ticket):
    theirs = CannedReplyFactory(owner=StaffFactory())
    response = staff_client.post(
        reverse("staff:canned_insert", args=[make_ticket().number]), {"canned": theirs.pk}
    )
    assert response.status_code == 404


def test_given_the_account_area_when_a_personal_reply_is_created_then_it_is_mine(
    staff_client, staff
):
    response = staff_client.post(
        reverse("staff:canned_reply_new"),
        {"title": "Thanks", "body": "Thanks, {requester_name}!", "language": "", "status": ""},
    )

    assert response.status_code == 302
    assert CannedReply.objects.get(title="Thanks").owner == staff


def test_given_an_unknown_placeholder_when_saved_in_the_account_area_then_a_field_error(
    staff_client,
):
    response = staff_client.post(
        reverse("staff:canned_reply_new"), {"title": "T", "body": "Hi {nme}"}
    )
    assert response.status_code == 200
    assert "{nme}" in str(response.context["form"].errors["body"])
    assert not CannedReply.objects.exists()


def test_given_someone_elses_personal_reply_when_deleted_then_404_and_kept(staff_client):
    theirs = CannedReplyFactory(owner=StaffFactory())
    response = staff_client.post(reverse("staff:canned_reply_delete", args=[theirs.pk]))
    assert response.status_code == 404
    assert CannedReply.objects.filter(pk=theirs.pk).exists()
