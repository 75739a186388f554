"""The operator side: Django admin under /operator/ on the public host only."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from agencydesk.accounts.models import User
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(monkeypatch: pytest.MonkeyPatch) -> User:
    """A superuser created the documented way: ``agencydesk createsuperuser`` in public."""
    connection.set_schema_to_public()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", TEST_PASSWORD)
    call_command("createsuperuser", email="ops@agencydesk.example", interactive=False, verbosity=0)
    return User.objects.get(email="ops@agencydesk.example")


def test_given_superuser_in_public_when_logging_in_at_operator_then_tenants_are_listed(
    operator, public_client, tenant
):
    connection.set_schema_to_public()
    response = public_client.post(
        "/operator/login/?next=/operator/",
        {"username": "ops@agencydesk.example", "password": TEST_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert response.wsgi_request.user.is_superuser
    tenants_page = public_client.get("/operator/tenants/tenant/")
    assert tenants_page.status_code == 200
    assert "Alpha Gebäudeservice" in tenants_page.content.decode()


def test_given_operator_credentials_when_used_on_a_tenant_host_then_login_fails(operator, client):
    response = client.post(
        "/login/", {"username": "ops@agencydesk.example", "password": TEST_PASSWORD}
    )

    assert "_auth_user_id" not in response.wsgi_request.session


def test_given_anonymous_when_opening_operator_then_redirected_to_login(public_client):
    response = public_client.get("/operator/")

    assert response.status_code == 302
    assert "/operator/login/" in response["Location"]
