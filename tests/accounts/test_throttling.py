"""DRF throttles: on by default, keyed by the real client address (TRUSTED_PROXIES) within
the tenant, and open (not 500) when the cache is down."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.settings import api_settings

from tests.accounts.helpers import spoofed_address
from tests.conftest import TEST_PASSWORD
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
}


def _rates(**rates: str) -> dict:
    return {
        **api_settings.user_settings,
        "DEFAULT_THROTTLE_RATES": {**api_settings.DEFAULT_THROTTLE_RATES, **rates},
    }


def test_given_a_changing_forwarded_for_when_the_token_endpoint_is_hammered_then_it_throttles(
    api_client,
):
    with override_settings(REST_FRAMEWORK=_rates(**{"auth-token": "5/min"})):
        answers = [
            api_client.post(
                "/api/v1/auth/token/",
                {"email": f"x{attempt}@example.com", "password": "nope"},
                format="json",
                **spoofed_address(attempt),
            ).status_code
            for attempt in range(7)
        ]

    assert answers == [400] * 5 + [429] * 2


def test_given_one_trusted_proxy_when_clients_differ_then_each_has_its_own_budget(api_client):
    with override_settings(
        REST_FRAMEWORK={**_rates(**{"auth-token": "2/min"}), "NUM_PROXIES": 1},
        TRUSTED_PROXIES=1,
    ):
        answers = [
            api_client.post(
                "/api/v1/auth/token/",
                {"email": "x@example.com", "password": "nope"},
                format="json",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
            ).status_code
            for attempt in range(4)
        ]

    assert answers == [400] * 4


def test_given_a_signed_in_user_when_over_the_default_rate_then_429(api_client):
    api_client.force_login(StaffFactory())
    with override_settings(REST_FRAMEWORK=_rates(user="3/min")):
        answers = [api_client.get("/api/v1/auth/tokens/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]


def test_given_anonymous_requests_when_over_the_default_rate_then_429(api_client):
    with override_settings(REST_FRAMEWORK=_rates(anon="1/min")):
        answers = [api_client.get("/api/schema/").status_code for _ in range(2)]

    assert answers == [200, 429]


@override_settings(CACHES=UNREACHABLE_CACHE)
def test_given_the_cache_is_down_when_logging_in_then_web_and_api_logins_still_work(
    client, api_client
):
    StaffFactory(email="sam@example.com")

    web = client.post("/login/", {"username": "sam@example.com", "password": TEST_PASSWORD})
    token = api_client.post(
        "/api/v1/auth/token/",
        {"email": "sam@example.com", "password": TEST_PASSWORD},
        format="json",
    )
    wrong = api_client.post(
        "/api/v1/auth/token/", {"email": "sam@example.com", "password": "nope"}, format="json"
    )

    assert web.status_code == 302
    assert token.status_code == 200 and token.json()["token"]
    assert wrong.status_code == 400
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api_client.get("/api/v1/tickets/").status_code == 200


def test_given_one_tenants_budget_used_up_when_another_tenant_is_asked_then_it_answers(
    tenant, other_tenant, client_for
):
    with override_settings(REST_FRAMEWORK=_rates(**{"auth-token": "2/min"})):
        here = [
            client_for(tenant, api=True)
            .post("/api/v1/auth/token/", {"email": "x@example.com", "password": "n"}, format="json")
            .status_code
            for _ in range(3)
        ]
        elsewhere = (
            client_for(other_tenant, api=True)
            .post("/api/v1/auth/token/", {"email": "x@example.com", "password": "n"}, format="json")
            .status_code
        )

    assert here == [400, 400, 429]
    assert elsewhere == 400


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "192.0.2.1"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (3, "198.51.100.7", "198.51.100.7"),
        (1, "", "192.0.2.1"),
    ],
)
def test_given_trusted_proxies_when_resolving_the_client_then_spoofed_entries_are_ignored(
    rf, settings, proxies, forwarded, expected
):
    from agencydesk.accounts.client_ip import client_ip

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
