"""DELETE /api/v1/tickets/{number}/, ?deleted=true, …/restore/ and …/merge/ (README
"Trash and merging")."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow import ticket_trash
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import TenantAdminFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


@pytest.fixture
def admin_api(api_client, tenant):
    api_client.force_login(TenantAdminFactory())
    return api_client


def _numbers(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def test_given_an_admin_when_deleting_then_the_ticket_answers_404_except_in_the_trash(
    admin_api, make_ticket
):
    ticket = make_ticket(title="Gewinnspiel")
    detail = f"{URL}{ticket.number}/"

    assert admin_api.delete(detail).status_code == 204

    assert admin_api.get(detail).status_code == 404
    assert admin_api.get(f"{detail}comments/").status_code == 404
    assert ticket.number not in _numbers(admin_api.get(URL))
    assert _numbers(admin_api.get(URL, {"q": "Gewinnspiel"})) == []
    trash = admin_api.get(URL, {"deleted": "true"})
    assert _numbers(trash) == [ticket.number]
    assert trash.json()["results"][0]["deleted_at"] is not None


def test_given_an_admin_when_restoring_then_the_ticket_is_back(admin_api, make_ticket):
    ticket = make_ticket()
    admin_api.delete(f"{URL}{ticket.number}/")

    response = admin_api.post(f"{URL}{ticket.number}/restore/")

    assert response.status_code == 200, response.content
    assert response.json()["deleted_at"] is None
    assert admin_api.get(f"{URL}{ticket.number}/").status_code == 200
    assert _numbers(admin_api.get(URL, {"deleted": "true"})) == []


def test_given_staff_when_deleting_or_reading_the_trash_then_403(staff_api, make_ticket):
    ticket = make_ticket()

    assert staff_api.delete(f"{URL}{ticket.number}/").status_code == 403
    assert staff_api.get(URL, {"deleted": "true"}).status_code == 403
    assert staff_api.post(f"{URL}{ticket.number}/restore/").status_code == 403
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_given_a_live_ticket_when_restored_then_404(admin_api, make_ticket):
    ticket = make_ticket()

    assert admin_api.post(f"{URL}{ticket.number}/restore/").status_code == 404


def test_given_a_wrong_deleted_value_when_listing_then_400(admin_api):
    response = admin_api.get(URL, {"deleted": "maybe"})

    assert response.status_code == 400
    assert "deleted" in response.json()


def test_given_a_duplicate_when_merged_by_api_then_the_target_answers(staff_api, make_ticket):
    source, target = make_ticket(), make_ticket()

    response = staff_api.post(
        f"{URL}{source.number}/merge/", {"into": target.number}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["number"] == target.number
    merged = staff_api.get(f"{URL}{source.number}/").json()
    assert (merged["status"], merged["merged_into"]) == (Status.CLOSED, target.number)


@pytest.mark.parametrize("into", ["missing", "trashed", "self"])
def test_given_a_bad_target_when_merging_then_400_on_into(
    staff_api, make_ticket, admin_user_of_tenant, into
):
    source, other = make_ticket(), make_ticket()
    number = {"missing": 999999, "trashed": other.number, "self": source.number}[into]
    if into == "trashed":
        ticket_trash(actor=admin_user_of_tenant, ticket=other)

    response = staff_api.post(f"{URL}{source.number}/merge/", {"into": number}, format="json")

    assert response.status_code == 400
    assert "into" in response.json()


@pytest.fixture
def admin_user_of_tenant(tenant):
    return TenantAdminFactory()


def test_given_a_trashed_ticket_when_its_requester_looks_in_the_portal_then_404(
    admin_user_of_tenant, client_for, tenant, make_ticket, customer_user, customer, ticket_type
):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    ticket = make_ticket(requester=customer_user, visibility="private")
    portal = client_for(tenant, api=True)
    portal.force_login(customer_user)
    assert portal.get(f"/api/v1/portal/tickets/{ticket.number}/").status_code == 200

    ticket_trash(actor=admin_user_of_tenant, ticket=ticket)

    assert portal.get(f"/api/v1/portal/tickets/{ticket.number}/").status_code == 404
    listed = portal.get("/api/v1/portal/tickets/").json()["results"]
    assert ticket.number not in [row["number"] for row in listed]


def test_given_a_trashed_ticket_when_reporting_then_it_is_not_counted(
    admin_user_of_tenant, staff_api, make_ticket
):
    kept, trashed = make_ticket(), make_ticket()
    day = kept.created_at.date().isoformat()
    query = {"group_by": "ticket_type", "from": day, "to": day}
    assert (
        staff_api.get("/api/v1/reports/resolution-time/", query).json()["total"]["ticket_count"]
        == 2
    )

    ticket_trash(actor=admin_user_of_tenant, ticket=trashed)

    report = staff_api.get("/api/v1/reports/resolution-time/", query).json()
    assert report["total"]["ticket_count"] == 1
