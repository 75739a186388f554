"""An email address longer than any stored one (254 characters) is a 400 field error at
every door, never a 500 from a column that cannot hold it."""

from __future__ import annotations

import pytest

from tests.factories import CustomerFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db

# Valid by form (labels of at most 63 characters), longer than 254 characters.
TOO_LONG = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".de"


def test_given_a_too_long_address_when_asking_for_a_token_then_400_on_email(api_client):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": TOO_LONG, "password": "x"}, format="json"
    )

    assert response.status_code == 400
    assert "email" in response.json()


def test_given_a_too_long_address_when_logging_in_then_the_form_says_so(client):
    response = client.post("/login/", {"username": TOO_LONG, "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/users/", {"name": "Long", "role": "staff"}),
        ("/api/v1/contacts/", {"name": "Long"}),
    ],
)
def test_given_a_too_long_address_when_an_admin_creates_a_person_then_400_on_email(
    api_client, path, body
):
    api_client.force_login(TenantAdminFactory())
    if path == "/api/v1/contacts/":
        body = {**body, "customer": CustomerFactory().pk}

    response = api_client.post(path, {**body, "email": TOO_LONG}, format="json")

    assert response.status_code == 400
    assert "email" in response.json()
