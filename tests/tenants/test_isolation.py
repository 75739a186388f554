"""A user, session or token of one tenant gets nothing of another tenant."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD, in_schema
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_given_user_of_alpha_when_logging_in_at_beta_then_login_fails(
    tenant, other_tenant, client_for
):
    StaffFactory(email="anna@alpha.example")

    response = client_for(other_tenant).post(
        "/login/", {"username": "anna@alpha.example", "password": TEST_PASSWORD}
    )

    assert response.status_code == 200  # form shown again
    assert "_auth_user_id" not in response.wsgi_request.session


def test_given_session_of_alpha_when_sent_to_beta_host_then_anonymous(
    tenant, other_tenant, client_for
):
    staff = StaffFactory()
    alpha_client = client_for(tenant)
    alpha_client.force_login(staff)
    assert alpha_client.get("/").status_code == 200

    beta_client = client_for(other_tenant)
    beta_client.cookies = alpha_client.cookies  # the same cookie, presented to beta

    response = beta_client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_given_token_of_alpha_when_used_at_beta_then_401(tenant, other_tenant, client_for):
    StaffFactory(email="tom@alpha.example")
    token = (
        client_for(tenant, api=True)
        .post(
            "/api/v1/auth/token/",
            {"email": "tom@alpha.example", "password": TEST_PASSWORD},
            format="json",
        )
        .json()["token"]
    )

    beta_api = client_for(other_tenant, api=True)
    beta_api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = beta_api.get("/api/v1/")

    assert response.status_code == 401


def test_given_users_in_both_tenants_then_each_schema_holds_only_its_own(tenant, other_tenant):
    from agencydesk.accounts.models import User

    StaffFactory(email="only-alpha@example.com")
    with in_schema(other_tenant):
        StaffFactory(email="only-beta@example.com")
        beta_emails = set(User.objects.values_list("email", flat=True))

    alpha_emails = set(User.objects.values_list("email", flat=True))
    assert "only-alpha@example.com" in alpha_emails
    assert "only-beta@example.com" not in alpha_emails
    assert "only-beta@example.com" in beta_emails
    assert "only-alpha@example.com" not in beta_emails


def test_unknown_host_answers_404(tenant):
    from django.test import Client

    response = Client(HTTP_HOST="nobody.localhost").get("/login/")

    assert response.status_code == 404


def test_public_host_serves_no_tenant_pages(public_client):
    assert public_client.get("/login/").status_code == 404
    assert public_client.get("/api/v1/auth/token/").status_code == 404
    assert public_client.get("/health/").status_code == 200
