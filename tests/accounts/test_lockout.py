"""Lockout on every door (README "Logins"): 10 failures for one account within 15 minutes lock
that account for 15 minutes, whatever X-Forwarded-For says; per tenant."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from agencydesk.accounts.models import User
from tests.accounts.helpers import (
    fail_token_requests,
    fail_web_logins,
    spoofed_address,
)
from tests.conftest import TEST_PASSWORD, in_schema
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LOCKED_OUT_DE = "Zu viele fehlgeschlagene Anmeldeversuche"


def test_given_ten_failures_from_changing_addresses_when_logging_in_then_the_form_says_locked(
    client,
):
    StaffFactory(email="alice@example.com", language="de")
    fail_web_logins(client, "/login/", "alice@example.com")

    response = client.post(
        "/login/",
        {"username": "alice@example.com", "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
        **spoofed_address(99),
    )

    assert response.status_code == 200
    assert LOCKED_OUT_DE in response.content.decode()
    assert client.get("/").status_code == 302  # not logged in


def test_given_nine_failures_when_the_password_is_right_then_login_works(client):
    StaffFactory(email="alice@example.com")
    fail_web_logins(client, "/login/", "alice@example.com", times=9)

    response = client.post("/login/", {"username": "alice@example.com", "password": TEST_PASSWORD})

    assert response.status_code == 302


def test_given_a_lockout_when_15_minutes_have_passed_then_login_works_again(client):
    StaffFactory(email="alice@example.com")
    fail_web_logins(client, "/login/", "alice@example.com")

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = client.post(
            "/login/", {"username": "alice@example.com", "password": TEST_PASSWORD}
        )

    assert response.status_code == 302


def test_given_ten_failures_when_requesting_a_token_then_the_api_answers_429(api_client):
    StaffFactory(email="alice@example.com")
    fail_token_requests(api_client, "alice@example.com")

    response = api_client.post(
        "/api/v1/auth/token/",
        {"email": "alice@example.com", "password": TEST_PASSWORD},
        format="json",
        **spoofed_address(42),
    )

    assert response.status_code == 429
    assert "detail" in response.json()


def test_given_failures_on_the_api_when_logging_in_on_the_web_then_it_is_the_same_lock(
    api_client, client
):
    StaffFactory(email="alice@example.com", language="de")
    fail_token_requests(api_client, "alice@example.com")

    response = client.post(
        "/login/",
        {"username": "alice@example.com", "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert LOCKED_OUT_DE in response.content.decode()


def test_given_alice_locked_in_one_tenant_when_she_logs_in_at_another_then_it_works(
    tenant, other_tenant, client_for
):
    StaffFactory(email="alice@example.com")
    with in_schema(other_tenant):
        StaffFactory(email="alice@example.com")
    fail_web_logins(client_for(tenant), "/login/", "alice@example.com")

    elsewhere = client_for(other_tenant).post(
        "/login/", {"username": "alice@example.com", "password": TEST_PASSWORD}
    )
    here = client_for(tenant).post(
        "/login/", {"username": "alice@example.com", "password": TEST_PASSWORD}
    )

    assert elsewhere.status_code == 302
    assert here.status_code == 200


def test_given_another_account_locked_when_bob_logs_in_then_it_works(client):
    StaffFactory(email="alice@example.com")
    StaffFactory(email="bob@example.com")
    fail_web_logins(client, "/login/", "alice@example.com")

    response = client.post("/login/", {"username": "bob@example.com", "password": TEST_PASSWORD})

    assert response.status_code == 302


def test_given_ten_failures_when_logging_in_to_the_support_admin_then_it_is_locked(client):
    StaffFactory(email="alice@example.com", is_staff=True, is_superuser=True, language="de")
    fail_web_logins(client, "/support-admin/login/", "alice@example.com")

    response = client.post(
        "/support-admin/login/",
        {"username": "alice@example.com", "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
        **spoofed_address(7),
    )

    assert response.status_code == 200
    assert LOCKED_OUT_DE in response.content.decode()


def test_given_ten_failures_when_an_operator_logs_in_then_the_operator_admin_is_locked(
    public_client, settings
):
    settings.OPERATOR_LANGUAGE = "de"  # the operator side speaks it, whatever the browser says
    User.objects.create_superuser("op@example.com", TEST_PASSWORD)
    fail_web_logins(public_client, "/operator/login/", "op@example.com")

    locked = public_client.post(
        "/operator/login/",
        {"username": "op@example.com", "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
        **spoofed_address(3),
    )

    assert LOCKED_OUT_DE in locked.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        later = public_client.post(
            "/operator/login/", {"username": "op@example.com", "password": TEST_PASSWORD}
        )
    assert later.status_code == 302


# The longest address an email field takes (254 characters), plus the tenant qualifier
# axes stores with it, no longer fits its 255-character column.
LONGEST_EMAIL = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 53}.example"


def test_given_the_longest_email_when_a_token_is_refused_then_400_and_the_failures_still_lock(
    api_client,
):
    assert len(LONGEST_EMAIL) == 254

    responses = [
        api_client.post(
            "/api/v1/auth/token/",
            {"email": LONGEST_EMAIL, "password": "not-the-password"},
            format="json",
            **spoofed_address(attempt),
        )
        for attempt in range(10)
    ]

    assert [response.status_code for response in responses[:9]] == [400] * 9
    assert responses[9].status_code == 429


def test_given_the_longest_email_when_a_web_login_fails_then_the_form_answers(client):
    response = client.post("/login/", {"username": LONGEST_EMAIL, "password": "wrong"})

    assert response.status_code == 200
