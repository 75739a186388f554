"""The operator admin's "add tenant" goes through provisioning: schema, domain and first tenant
admin, or a clear error and nothing created."""

from __future__ import annotations

import pytest
from django.db import connection
from django_tenants.utils import schema_context, schema_exists

from agencydesk.accounts.models import Role, User
from tenants.models import Domain, Tenant
from tenants.provisioning import public_tenant_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

FORM = {
    "name": "Epsilon Facility",
    "slug": "epsilon",
    "domain": "epsilon.localhost",
    "language": "en",
    "timezone": "Europe/London",
    "admin_email": "Admin@Epsilon.example",
    "admin_name": "Eve Admin",
    "admin_password": "a-long-secret-42",
}


@pytest.fixture
def operator_client(public_client):
    connection.set_schema_to_public()
    public_client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return public_client


@pytest.fixture
def cleanup_epsilon():
    yield
    connection.set_schema_to_public()
    for tenant in Tenant.objects.filter(slug="epsilon"):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)


def test_given_the_add_form_when_submitted_then_the_tenant_is_provisioned(
    operator_client, cleanup_epsilon
):
    response = operator_client.post("/operator/tenants/tenant/add/", FORM)

    tenant = Tenant.objects.get(slug="epsilon")
    assert response.status_code == 302
    assert response["Location"] == f"/operator/tenants/tenant/{tenant.pk}/change/"
    assert tenant.schema_name == "t_epsilon"
    assert schema_exists(tenant.schema_name)
    assert Domain.objects.get(tenant=tenant).domain == "epsilon.localhost"
    with schema_context(tenant.schema_name):
        admin = User.objects.get()
    assert (admin.email, admin.role, admin.name) == (
        "admin@epsilon.example",
        Role.TENANT_ADMIN,
        "Eve Admin",
    )


def test_given_a_taken_slug_when_submitted_then_the_form_says_so_and_nothing_is_created(
    operator_client, tenant
):
    connection.set_schema_to_public()
    before = Tenant.objects.count()

    response = operator_client.post(
        "/operator/tenants/tenant/add/", {**FORM, "slug": "alpha", "domain": "alpha2.localhost"}
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Tenant.objects.count() == before
    assert not Domain.objects.filter(domain="alpha2.localhost").exists()


def test_given_the_add_form_when_opened_then_it_asks_for_the_first_admin(operator_client):
    response = operator_client.get("/operator/tenants/tenant/add/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="admin_password"' in html
    assert 'name="domain"' in html


def test_given_the_public_tenant_when_the_operator_tries_to_delete_it_then_it_is_refused(
    operator_client,
):
    # Deleting a tenant runs tenant_delete (tests/tenants/transfer/test_delete.py); the
    # public tenant, which holds the operator side itself, is never offered.
    connection.set_schema_to_public()
    public = public_tenant_ensure()

    response = operator_client.post(
        f"/operator/tenants/tenant/{public.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert Tenant.objects.filter(pk=public.pk).exists()
