"""``external_id`` on the staff ticket API: written, returned, filtered, unique per tenant."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import ActivityVerb, Ticket
from agencydesk.tickets.workflow import ticket_trash
from tests.conftest import in_schema
from tests.factories import CustomerFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


def _create(api, customer, **extra):
    return api.post(URL, {"title": "Lift stuck", "customer": customer.pk, **extra}, format="json")


def test_given_an_external_id_when_creating_then_it_is_stored_and_returned(
    staff_api, customer, ticket_type
):
    response = _create(staff_api, customer, ticket_type=ticket_type.pk, external_id=" CASE-1 ")

    assert response.status_code == 201, response.json()
    assert response.json()["external_id"] == "CASE-1"
    assert Ticket.objects.get(number=response.json()["number"]).external_id == "CASE-1"


def test_given_tickets_with_external_ids_when_filtering_then_only_the_match_is_listed(
    staff_api, make_ticket
):
    wanted = make_ticket(external_id="CASE-7")
    make_ticket(external_id="CASE-8")
    make_ticket()

    response = staff_api.get(URL, {"external_id": "CASE-7"})

    assert [row["number"] for row in response.json()["results"]] == [wanted.number]


def test_given_a_taken_external_id_when_creating_then_400_and_no_ticket(
    staff_api, customer, ticket_type, make_ticket
):
    make_ticket(external_id="CASE-1")
    before = Ticket.objects.count()

    response = _create(staff_api, customer, ticket_type=ticket_type.pk, external_id="CASE-1")

    assert response.status_code == 400
    assert response.json() == {"external_id": ["This external ID is already in use."]}
    assert Ticket.objects.count() == before


def test_given_a_german_user_when_the_external_id_is_taken_then_the_error_is_german(
    api_client, customer, ticket_type, make_ticket
):
    api_client.force_login(StaffFactory(language="de"))
    make_ticket(external_id="CASE-1")

    response = _create(api_client, customer, ticket_type=ticket_type.pk, external_id="CASE-1")

    assert response.json() == {"external_id": ["Diese externe ID ist bereits vergeben."]}


def test_given_a_trashed_ticket_when_its_external_id_is_reused_then_400(
    staff_api, customer, ticket_type, make_ticket
):
    ticket = make_ticket(external_id="CASE-1")
    ticket_trash(actor=TenantAdminFactory(), ticket=ticket)

    response = _create(staff_api, customer, ticket_type=ticket_type.pk, external_id="CASE-1")

    assert response.status_code == 400
    assert "external_id" in response.json()


def test_given_a_multi_line_or_too_long_external_id_when_creating_then_400(
    staff_api, customer, ticket_type
):
    for value in ("CASE\n1", "x" * 201):
        response = _create(staff_api, customer, ticket_type=ticket_type.pk, external_id=value)

        assert response.status_code == 400
        assert list(response.json()) == ["external_id"]


def test_given_empty_external_ids_when_creating_twice_then_both_are_stored_as_none(
    staff_api, customer, ticket_type
):
    first = _create(staff_api, customer, ticket_type=ticket_type.pk, external_id="")
    second = _create(staff_api, customer, ticket_type=ticket_type.pk, external_id=None)

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["external_id"] is None
    assert second.json()["external_id"] is None


def test_given_a_patch_of_the_external_id_when_applied_then_an_activity_row_records_it(
    staff_api, staff, make_ticket
):
    ticket = make_ticket(external_id="CASE-1")

    response = staff_api.patch(f"{URL}{ticket.number}/", {"external_id": "CASE-2"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["external_id"] == "CASE-2"
    activity = ticket.activities.get(verb=ActivityVerb.EXTERNAL_ID_CHANGED)
    assert (activity.actor, activity.field, activity.old_value, activity.new_value) == (
        staff,
        "external_id",
        "CASE-1",
        "CASE-2",
    )


def test_given_a_patch_to_another_tickets_external_id_when_applied_then_400_and_unchanged(
    staff_api, make_ticket
):
    make_ticket(external_id="CASE-1")
    ticket = make_ticket(external_id="CASE-2")

    response = staff_api.patch(f"{URL}{ticket.number}/", {"external_id": "CASE-1"}, format="json")

    assert response.status_code == 400
    assert "external_id" in response.json()
    ticket.refresh_from_db()
    assert ticket.external_id == "CASE-2"


def test_given_another_tenant_uses_an_external_id_when_this_tenant_uses_it_then_both_exist(
    staff_api, customer, ticket_type, make_ticket, other_tenant, client_for
):
    make_ticket(external_id="CASE-1")
    with in_schema(other_tenant):
        other_staff = StaffFactory()
        other_customer = CustomerFactory()
    other_api = client_for(other_tenant, api=True)
    other_api.force_login(other_staff)

    response = _create(other_api, other_customer, external_id="CASE-1")

    assert response.status_code == 201, response.json()
    # Each tenant's filter sees its own ticket only.
    assert other_api.get(URL, {"external_id": "CASE-1"}).json()["count"] == 1
    assert staff_api.get(URL, {"external_id": "CASE-1"}).json()["count"] == 1
