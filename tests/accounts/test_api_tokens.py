"""API tokens (README "Logins"): named, expiring, listed without their keys, revocable, dead
after deactivation (also after a reactivation), last use recorded at most once a minute;
tokens for two-factor accounts only from a verified session."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from agencydesk.accounts.models import ApiToken
from tests.accounts.helpers import confirmed_totp_device, current_code
from tests.conftest import TEST_PASSWORD
from tests.factories import CustomerUserFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_api(client_for, tenant):
    """A fresh API client with no credentials."""
    return lambda: client_for(tenant, api=True)


def _create(api, **body):
    return api.post("/api/v1/auth/tokens/", {"name": "CI script", **body}, format="json")


def test_given_a_session_when_creating_a_token_then_the_key_is_shown_once(api_client, token_api):
    staff = StaffFactory()
    api_client.force_login(staff)

    created = _create(api_client)
    listed = api_client.get("/api/v1/auth/tokens/")

    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "CI script" and body["token"]
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert (expires - timezone.now()).days in {89, 90}
    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    assert listed.json()["results"] == [
        {key: body[key] for key in ("id", "name", "created_at", "expires_at", "last_used_at")}
    ]
    assert body["token"] not in listed.content.decode()
    user_api = token_api()
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert user_api.get("/api/v1/tickets/").status_code == 200


def test_given_only_a_token_when_creating_another_then_it_is_refused(token_api, api_client):
    api_client.force_login(StaffFactory())
    key = _create(api_client).json()["token"]
    by_token = token_api()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert by_token.post("/api/v1/auth/tokens/", {"name": "x"}, format="json").status_code in {
        401,
        403,
    }


def test_given_a_token_when_revoked_then_it_is_refused(api_client, token_api):
    api_client.force_login(StaffFactory())
    body = _create(api_client).json()

    deleted = api_client.delete(f"/api/v1/auth/tokens/{body['id']}/")

    assert deleted.status_code == 204
    user_api = token_api()
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert user_api.get("/api/v1/tickets/").status_code == 401


def test_given_another_users_token_when_deleting_it_then_404(api_client):
    other = StaffFactory()
    api_client.force_login(other)
    token_id = _create(api_client).json()["id"]
    api_client.force_login(StaffFactory())

    assert api_client.delete(f"/api/v1/auth/tokens/{token_id}/").status_code == 404
    assert ApiToken.objects.filter(pk=token_id).exists()


def test_given_an_expired_token_when_used_then_401(api_client, token_api):
    api_client.force_login(StaffFactory())
    key = _create(api_client).json()["token"]
    user_api = token_api()
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    with time_machine.travel(timezone.now() + datetime.timedelta(days=91)):
        answer = user_api.get("/api/v1/tickets/")

    assert answer.status_code == 401


def test_given_a_chosen_expiry_in_the_past_when_creating_then_400(api_client):
    api_client.force_login(StaffFactory())

    answer = _create(api_client, expires_at="2001-01-01T00:00:00Z")

    assert answer.status_code == 400
    assert "expires_at" in answer.json()


def test_given_a_missing_name_when_creating_then_400(api_client):
    api_client.force_login(StaffFactory())

    answer = api_client.post("/api/v1/auth/tokens/", {}, format="json")

    assert answer.status_code == 400 and "name" in answer.json()


@pytest.mark.parametrize("kind", ["staff", "customer"])
def test_given_a_deactivated_user_when_reactivated_then_old_tokens_stay_dead(
    kind, api_client, token_api
):
    user = StaffFactory() if kind == "staff" else CustomerUserFactory().user
    user_api = token_api()
    answer = user_api.post(
        "/api/v1/auth/token/", {"email": user.email, "password": TEST_PASSWORD}, format="json"
    )
    key = answer.json()["token"]
    admin = TenantAdminFactory()
    api_client.force_login(admin)

    off = api_client.patch(f"/api/v1/users/{user.pk}/", {"is_active": False}, format="json")
    on = api_client.patch(f"/api/v1/users/{user.pk}/", {"is_active": True}, format="json")

    assert off.status_code == 200 and on.status_code == 200
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert user_api.get("/api/v1/auth/tokens/").status_code in {401, 403}
    assert not ApiToken.objects.filter(user=user).exists()


def test_given_a_token_in_use_when_called_often_then_last_use_is_written_once_a_minute(
    api_client, token_api
):
    api_client.force_login(StaffFactory())
    body = _create(api_client).json()
    user_api = token_api()
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        user_api.get("/api/v1/tickets/")
        first = ApiToken.objects.get(pk=body["id"]).last_used_at
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        user_api.get("/api/v1/tickets/")
        unchanged = ApiToken.objects.get(pk=body["id"]).last_used_at
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        user_api.get("/api/v1/tickets/")
        later = ApiToken.objects.get(pk=body["id"]).last_used_at

    assert first is not None and unchanged == first
    assert later is not None and later > first


def test_given_two_factor_when_asking_the_password_endpoint_then_403_with_a_message(api_client):
    staff = StaffFactory(email="sam@example.com")
    confirmed_totp_device(staff)

    answer = api_client.post(
        "/api/v1/auth/token/",
        {"email": "sam@example.com", "password": TEST_PASSWORD},
        format="json",
    )

    assert answer.status_code == 403
    assert "two-factor" in answer.json()["detail"] or "Zwei-Faktor" in answer.json()["detail"]
    assert not ApiToken.objects.filter(user=staff).exists()


def test_given_require_two_factor_when_staff_ask_the_password_endpoint_then_403(tenant, api_client):
    tenant.require_two_factor = True
    tenant.save(update_fields=["require_two_factor"])
    StaffFactory(email="sam@example.com")

    answer = api_client.post(
        "/api/v1/auth/token/",
        {"email": "sam@example.com", "password": TEST_PASSWORD},
        format="json",
    )

    assert answer.status_code == 403


def test_given_two_factor_when_the_session_is_verified_then_a_token_can_be_made(client_for, tenant):
    staff = StaffFactory(email="sam@example.com")
    device = confirmed_totp_device(staff)
    browser = client_for(tenant, api=True)
    browser.post("/login/", {"username": "sam@example.com", "password": TEST_PASSWORD})
    browser.post("/login/two-factor/", {"code": current_code(device)})

    answer = browser.post("/api/v1/auth/tokens/", {"name": "from my laptop"}, format="json")

    assert answer.status_code == 201


def test_given_two_factor_when_the_session_is_not_verified_then_no_token(api_client):
    staff = StaffFactory()
    confirmed_totp_device(staff)
    api_client.force_login(staff)  # a session that skipped the code step

    assert _create(api_client).status_code == 403


def test_given_a_token_when_the_tenant_starts_requiring_two_factor_then_it_asks_for_set_up(
    tenant, api_client
):
    StaffFactory(email="sam@example.com")
    key = api_client.post(
        "/api/v1/auth/token/",
        {"email": "sam@example.com", "password": TEST_PASSWORD},
        format="json",
    ).json()["token"]
    tenant.require_two_factor = True
    tenant.save(update_fields=["require_two_factor"])
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    answer = api_client.get("/api/v1/tickets/")

    assert answer.status_code == 401
    assert "/account/two-factor/" in answer.json()["detail"]


def test_given_few_or_many_tokens_when_listing_then_the_query_count_is_the_same(
    api_client, django_assert_num_queries, django_assert_max_num_queries
):
    from agencydesk.accounts.services import api_token_issue

    staff = StaffFactory()
    api_client.force_login(staff)
    api_token_issue(user=staff, name="one")
    api_client.get("/api/v1/auth/tokens/")  # warm up (session, content types)
    with django_assert_max_num_queries(10) as few:
        api_client.get("/api/v1/auth/tokens/")
    for index in range(5):
        api_token_issue(user=staff, name=f"more {index}")

    with django_assert_num_queries(len(few.captured_queries)):
        answer = api_client.get("/api/v1/auth/tokens/")

    assert answer.json()["count"] == 6
