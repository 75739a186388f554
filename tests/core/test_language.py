"""Language of a request: the user's preference, else the tenant's default, else the browser's."""

from __future__ import annotations

import pytest

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_anonymous_gets_the_tenant_default_language(client):
    # alpha's default language is German, whatever the browser says
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "de"
    assert "Anmelden" in response.content.decode()


def test_user_preference_wins_over_tenant_default(client):
    client.force_login(StaffFactory(language="en"))

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Content-Language"] == "en"
    assert "Inbox" in response.content.decode()


def test_user_without_preference_gets_tenant_language(client):
    client.force_login(StaffFactory(language=""))

    response = client.get("/")

    assert response["Content-Language"] == "de"
    assert "Posteingang" in response.content.decode()


def test_english_tenant_serves_english(client_for, other_tenant):
    response = client_for(other_tenant).get("/login/", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode()
