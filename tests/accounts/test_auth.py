from __future__ import annotations

import pytest

from agencydesk.accounts.models import ApiToken
from tests.conftest import TEST_PASSWORD
from tests.factories import CustomerUserFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db


def test_staff_login_lands_in_inbox(client):
    StaffFactory(email="sam@example.com")

    response = client.post("/login/", {"username": "Sam@Example.com", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_customer_login_lands_in_portal(client):
    CustomerUserFactory(user__email="cora@example.com")

    response = client.post("/login/", {"username": "cora@example.com", "password": TEST_PASSWORD})

    assert response["Location"] == "/portal/"


def test_wrong_password_shows_translated_error(client):
    StaffFactory(email="sam@example.com", language="de")

    response = client.post(
        "/login/",
        {"username": "sam@example.com", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 200
    assert "E-Mail-Adresse oder das Passwort ist nicht korrekt" in response.content.decode()


def test_logout_requires_post_and_ends_session(client):
    client.force_login(StaffFactory())

    response = client.post("/logout/")

    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("path", "staff", "admin", "customer"),
    [("/", 200, 200, 404), ("/portal/", 404, 404, 200), ("/configuration/", 404, 200, 404)],
)
def test_each_audience_reaches_only_its_pages(client_for, tenant, path, staff, admin, customer):
    users = {
        "staff": StaffFactory(),
        "admin": TenantAdminFactory(),
        "customer": CustomerUserFactory().user,
    }
    for role, expected in (("staff", staff), ("admin", admin), ("customer", customer)):
        browser = client_for(tenant)
        browser.force_login(users[role])
        assert browser.get(path).status_code == expected, (role, path)


def test_anonymous_is_sent_to_login(client):
    response = client.get("/configuration/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_token_endpoint_issues_a_hashed_token(api_client):
    StaffFactory(email="tia@example.com")

    response = api_client.post(
        "/api/v1/auth/token/",
        {"email": "tia@example.com", "password": TEST_PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    key = response.json()["token"]
    stored = ApiToken.objects.get()
    assert stored.key_hash != key and len(stored.key_hash) == 64
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/").status_code == 200


def test_token_endpoint_rejects_bad_credentials_with_400(api_client):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": "x@example.com", "password": "nope"}, format="json"
    )

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_api_without_credentials_is_401_json(api_client):
    response = api_client.get("/api/v1/")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_unknown_api_path_is_json_404(api_client):
    response = api_client.get("/api/v1/does-not-exist/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."} or "detail" in response.json()
