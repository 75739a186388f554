"""``external_id`` on the customers and users APIs: written, returned, filtered, unique per
kind within a tenant (another tenant may use the same value)."""

from __future__ import annotations

import pytest

from agencydesk.customers.models import Customer
from tests.conftest import in_schema
from tests.factories import CustomerFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db
CUSTOMERS = "/api/v1/customers/"
USERS = "/api/v1/users/"


def _new_customer(api, **extra):
    return api.post(CUSTOMERS, {"number": "K-900", "name": "Acme", **extra}, format="json")


def _new_user(api, email="new@example.com", **extra):
    return api.post(
        USERS,
        {
            "email": email,
            "name": "New",
            "role": "staff",
            "password": "a-fresh-Passphrase-42",
            **extra,
        },
        format="json",
    )


def test_given_an_external_id_when_creating_a_customer_then_returned_and_filterable(admin_api):
    created = _new_customer(admin_api, external_id="ACC-1")
    CustomerFactory(external_id="ACC-2")

    listed = admin_api.get(CUSTOMERS, {"external_id": "ACC-1"}).json()["results"]

    assert created.status_code == 201, created.json()
    assert created.json()["external_id"] == "ACC-1"
    assert [row["id"] for row in listed] == [created.json()["id"]]


def test_given_a_taken_customer_external_id_when_creating_or_changing_then_400(admin_api):
    CustomerFactory(external_id="ACC-1")
    other = CustomerFactory(external_id="ACC-2")

    created = _new_customer(admin_api, external_id="ACC-1")
    changed = admin_api.patch(f"{CUSTOMERS}{other.pk}/", {"external_id": "ACC-1"}, format="json")

    assert (created.status_code, changed.status_code) == (400, 400)
    assert "external_id" in created.json()
    assert "external_id" in changed.json()
    other.refresh_from_db()
    assert other.external_id == "ACC-2"
    assert not Customer.objects.filter(number="K-900").exists()


def test_given_customers_without_external_ids_when_saved_then_empty_is_none(admin_api):
    first = _new_customer(admin_api, external_id="")
    second = admin_api.post(CUSTOMERS, {"number": "K-901", "name": "Beta"}, format="json")

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["external_id"] is None


def test_given_another_tenant_with_a_customer_external_id_when_used_here_then_201(
    admin_api, other_tenant
):
    with in_schema(other_tenant):
        CustomerFactory(external_id="ACC-1")

    assert _new_customer(admin_api, external_id="ACC-1").status_code == 201
    assert admin_api.get(CUSTOMERS, {"external_id": "ACC-1"}).json()["count"] == 1


def test_given_an_external_id_when_creating_a_user_then_returned_and_filterable(admin_api):
    created = _new_user(admin_api, external_id="U-1")
    StaffFactory(external_id="U-2")

    listed = admin_api.get(USERS, {"external_id": "U-1"}).json()["results"]

    assert created.status_code == 201, created.json()
    assert created.json()["external_id"] == "U-1"
    assert [row["id"] for row in listed] == [created.json()["id"]]


def test_given_a_taken_user_external_id_when_creating_or_changing_then_400(admin_api):
    StaffFactory(external_id="U-1")
    other = StaffFactory(external_id="U-2")

    created = _new_user(admin_api, external_id="U-1")
    changed = admin_api.patch(f"{USERS}{other.pk}/", {"external_id": "U-1"}, format="json")

    assert (created.status_code, changed.status_code) == (400, 400)
    assert "external_id" in created.json()
    assert "external_id" in changed.json()
    other.refresh_from_db()
    assert other.external_id == "U-2"


def test_given_a_user_external_id_when_changed_then_stored_and_audited(admin_api, admin):
    user = StaffFactory(external_id="U-1")

    response = admin_api.patch(f"{USERS}{user.pk}/", {"external_id": "U-9"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["external_id"] == "U-9"
    user.refresh_from_db()
    assert user.external_id == "U-9"


def test_given_another_tenant_with_a_user_external_id_when_used_here_then_201(
    admin_api, other_tenant
):
    with in_schema(other_tenant):
        TenantAdminFactory(external_id="U-1")

    assert _new_user(admin_api, external_id="U-1").status_code == 201


def test_given_the_customer_page_when_an_external_id_is_entered_then_it_is_saved(admin_client):
    CustomerFactory(external_id="ACC-1")

    taken = admin_client.post(
        "/configuration/customers/new/", {"number": "K-900", "name": "Acme", "external_id": "ACC-1"}
    )
    saved = admin_client.post(
        "/configuration/customers/new/", {"number": "K-900", "name": "Acme", "external_id": "ACC-9"}
    )

    assert taken.status_code == 200
    assert taken.context["form"].errors["external_id"] == ["This external ID is already in use."]
    assert saved.status_code == 302
    assert Customer.objects.get(number="K-900").external_id == "ACC-9"
