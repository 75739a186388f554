"""Tenant-wide canned replies: configuration pages (audited) and /api/v1/canned-replies/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agencydesk.configuration.models import AuditEntry
from agencydesk.tickets.models import CannedReply
from tests.factories import StaffFactory
from tests.tickets.factories import CannedReplyFactory

pytestmark = pytest.mark.django_db


def test_given_the_configuration_when_a_canned_reply_is_added_then_tenant_wide_and_audited(
    admin_client,
):
    response = admin_client.post(
        reverse("configuration:canned_reply_new"),
        {"title": "Booked", "body": "We booked {site}.", "language": "de", "status": "waiting"},
    )

    assert response.status_code == 302
    canned = CannedReply.objects.get(title="Booked")
    assert canned.owner is None
    assert canned.status == "waiting"
    assert AuditEntry.objects.filter(object_id=str(canned.pk)).exists()
    listing = admin_client.get(reverse("configuration:canned_replies")).content.decode()
    assert "Booked" in listing


def test_given_a_personal_reply_then_the_configuration_does_not_offer_it(admin_client):
    personal = CannedReplyFactory(owner=StaffFactory())
    response = admin_client.get(reverse("configuration:canned_reply", args=[personal.pk]))
    assert response.status_code == 404


def test_given_staff_when_creating_through_the_api_then_personal_by_default_and_no_tenant_wide(
    api_client,
):
    agent = StaffFactory()
    api_client.force_login(agent)

    created = api_client.post(
        "/api/v1/canned-replies/", {"title": "Mine", "body": "Hi {agent_name}"}, format="json"
    )
    refused = api_client.post(
        "/api/v1/canned-replies/",
        {"title": "All", "body": "Hi", "personal": False},
        format="json",
    )

    assert created.status_code == 201
    assert created.json()["personal"] is True
    assert refused.status_code == 403
    assert not CannedReply.objects.filter(title="All").exists()


def test_given_bad_input_when_posted_then_400_with_field_errors_and_nothing_saved(admin_api):
    answer = admin_api.post(
        "/api/v1/canned-replies/",
        {"title": "", "body": "Hi {x}", "statuss": "solved", "status": "closed"},
        format="json",
    )

    assert answer.status_code == 400
    assert "statuss" in answer.json()
    answer = admin_api.post(
        "/api/v1/canned-replies/", {"title": "T", "body": "Hi {x}"}, format="json"
    )
    assert answer.status_code == 400
    assert "body" in answer.json()
    assert not CannedReply.objects.exists()


def test_given_an_admin_when_creating_tenant_wide_through_the_api_then_offered_to_staff(
    admin_api, api_client, make_ticket, customer_user
):
    created = admin_api.post(
        "/api/v1/canned-replies/",
        {"title": "All", "body": "Dear {requester_name}", "personal": False, "status": "solved"},
        format="json",
    )
    assert created.status_code == 201
    agent = StaffFactory()
    api_client.force_login(agent)
    ticket = make_ticket(requester=customer_user)

    listed = api_client.get("/api/v1/canned-replies/").json()
    filled = api_client.get(
        f"/api/v1/canned-replies/{created.json()['id']}/filled/?ticket={ticket.number}"
    ).json()

    assert [row["title"] for row in listed["results"]] == ["All"]
    assert filled == {"body": "Dear Cora Customer", "status": "solved"}
    assert api_client.delete(f"/api/v1/canned-replies/{created.json()['id']}/").status_code == 403


def test_given_someone_elses_personal_reply_then_the_api_answers_404(api_client):
    theirs = CannedReplyFactory(owner=StaffFactory())
    api_client.force_login(StaffFactory())
    assert api_client.get(f"/api/v1/canned-replies/{theirs.pk}/").status_code == 404
    patched = api_client.patch(
        f"/api/v1/canned-replies/{theirs.pk}/", {"title": "x"}, format="json"
    )
    assert patched.status_code == 404


def test_given_a_personal_reply_when_patched_to_tenant_wide_then_400_and_unchanged(api_client):
    agent = StaffFactory()
    mine = CannedReplyFactory(owner=agent, title="Mine")
    api_client.force_login(agent)

    answer = api_client.patch(
        f"/api/v1/canned-replies/{mine.pk}/", {"personal": False, "title": "All"}, format="json"
    )

    assert answer.status_code == 400
    assert "personal" in answer.json()
    mine.refresh_from_db()
    assert (mine.owner, mine.title) == (agent, "Mine")
