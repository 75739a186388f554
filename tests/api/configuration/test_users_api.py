"""POST /api/v1/users/ as the contract describes it, and user updates."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from agencydesk.configuration.models import AuditEntry
from tests.factories import (
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


def test_given_a_password_when_creating_a_customer_user_then_no_mail_and_sites_are_set(
    admin_api, outbox, django_capture_on_commit_callbacks
):
    site = SiteFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_api.post(
            "/api/v1/users/",
            {
                "email": "cu@example.com",
                "name": "Cu",
                "role": "customer",
                "language": "en",
                "password": "a-fresh-Passphrase-42",
                "customer": site.customer_id,
                "customer_role": "member",
                "sites": [site.pk],
            },
            format="json",
        )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["customer"], body["customer_role"], body["sites"]) == (
        site.customer_id,
        "member",
        [site.pk],
    )
    assert "password" not in body
    assert User.objects.get(email="cu@example.com").check_password("a-fresh-Passphrase-42")
    assert outbox == []


def test_given_empty_sites_when_creating_a_customer_user_then_all_sites_are_granted(admin_api):
    customer = CustomerFactory()

    response = admin_api.post(
        "/api/v1/users/",
        {"email": "all@example.com", "name": "All", "role": "customer", "customer": customer.pk},
        format="json",
    )

    assert response.status_code == 201
    assert User.objects.get(email="all@example.com").customer_profile.all_sites is True


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "x@example.com", "name": "X", "role": "customer"}, "customer"),
        ({"email": "not-an-email", "name": "X", "role": "staff"}, "email"),
        ({"email": "x@example.com", "name": "X", "role": "boss"}, "role"),
        ({"email": "x@example.com", "name": "X", "role": "staff", "password": "123"}, "password"),
    ],
)
def test_given_bad_input_when_creating_a_user_then_400_with_field_errors_and_nothing_saved(
    admin_api, payload, field
):
    response = admin_api.post("/api/v1/users/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.filter(email=payload["email"]).exists()


def test_given_a_site_of_another_customer_when_creating_then_400(admin_api):
    customer = CustomerFactory()
    foreign = SiteFactory()

    response = admin_api.post(
        "/api/v1/users/",
        {
            "email": "x@example.com",
            "name": "X",
            "role": "customer",
            "customer": customer.pk,
            "sites": [foreign.pk],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "sites" in response.json()
    assert not User.objects.filter(email="x@example.com").exists()


def test_given_german_admin_when_input_is_bad_then_messages_are_german(client_for, tenant):
    from tests.factories import TenantAdminFactory

    api = client_for(tenant, api=True)
    api.force_login(TenantAdminFactory(language="de"))

    response = api.post("/api/v1/users/", {"name": "X", "role": "customer"}, format="json")

    assert response.json()["email"] == ["Dieses Feld ist erforderlich."]


def test_given_a_staff_member_when_patching_role_teams_availability_then_all_are_audited(
    admin_api, admin
):
    member = StaffFactory()
    team = TeamFactory()

    response = admin_api.patch(
        f"/api/v1/users/{member.pk}/",
        {"role": "tenant_admin", "teams": [team.pk], "is_available": False},
        format="json",
    )

    assert response.status_code == 200, response.json()
    member.refresh_from_db()
    assert member.role == "tenant_admin"
    assert list(member.teams.all()) == [team]
    assert member.is_available is False
    changed = set()
    for entry in AuditEntry.objects.filter(object_id=str(member.pk), actor=admin):
        changed |= set(entry.changes)
    assert {"role", "teams", "is_available"} <= changed


def test_given_the_admin_when_demoting_themselves_then_it_is_refused(admin_api, admin):
    response = admin_api.patch(f"/api/v1/users/{admin.pk}/", {"role": "staff"}, format="json")

    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.role == "tenant_admin"


def narrowed_customer_user() -> None:
    site = SiteFactory()
    CustomerUserFactory(customer=site.customer, all_sites=False).sites.add(site)


def test_given_many_users_when_listing_then_the_query_count_stays_flat(
    admin_api, django_assert_max_num_queries
):
    narrowed_customer_user()
    with django_assert_max_num_queries(20) as few:
        admin_api.get("/api/v1/users/")
    baseline = len(few.captured_queries)  # read before the next request resets the log
    for _ in range(4):
        narrowed_customer_user()
    with django_assert_max_num_queries(baseline):
        admin_api.get("/api/v1/users/")
