"""Password reset links, password change and the password rules on every door."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from agencydesk.accounts.models import Role, User
from agencydesk.accounts.password import password_reset_path, user_uid
from agencydesk.accounts.services import api_token_issue
from agencydesk.accounts.tokens import invitation_tokens, password_reset_tokens
from agencydesk.devtools.demo.loader import DEMO_PASSWORD
from agencydesk.notifications.models import OutboundMessage
from tenants.provisioning import ProvisioningError, TenantRequest, _validate
from tests.conftest import TEST_PASSWORD
from tests.factories import CustomerUserFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-Passphrase-42"


def _set_password_form(browser, path: str):
    """Follow the link (Django moves the token into the session) to the form's address."""
    page = browser.get(path, follow=True)
    return page, page.redirect_chain[-1][0] if page.redirect_chain else path


def test_given_a_reset_link_older_than_24_hours_when_opened_then_it_is_refused(client_for, tenant):
    staff = StaffFactory()
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=25)):
        path = password_reset_path(staff)

    page, _form = _set_password_form(client_for(tenant), path)

    assert page.context["validlink"] is False
    assert "Neuen Link senden" in page.content.decode()  # alpha speaks German


def test_given_a_used_reset_link_when_the_api_confirms_again_then_400(api_client, tenant):
    staff = StaffFactory()
    token = password_reset_tokens.make_token(staff)
    payload = {"uid": user_uid(staff), "token": token, "new_password": NEW_PASSWORD}

    first = api_client.post("/api/v1/auth/password-reset/confirm/", payload, format="json")
    again = api_client.post(
        "/api/v1/auth/password-reset/confirm/",
        {**payload, "new_password": "another-Passphrase-43"},
        format="json",
    )

    assert first.status_code == 204
    assert again.status_code == 400 and "token" in again.json()
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_given_an_invitation_token_when_used_as_a_reset_link_then_refused(api_client, tenant):
    staff = StaffFactory()

    answer = api_client.post(
        "/api/v1/auth/password-reset/confirm/",
        {
            "uid": user_uid(staff),
            "token": invitation_tokens.make_token(staff),
            "new_password": NEW_PASSWORD,
        },
        format="json",
    )

    assert answer.status_code == 400


def test_given_a_password_equal_to_the_name_when_reset_then_the_form_refuses_it(client_for, tenant):
    staff = StaffFactory(name="Gabriele Winterhalter")
    browser = client_for(tenant)
    _page, form_path = _set_password_form(browser, password_reset_path(staff))

    answer = browser.post(
        form_path,
        {"new_password1": "Gabriele Winterhalter", "new_password2": "Gabriele Winterhalter"},
    )

    assert answer.status_code == 200
    assert answer.context["form"].errors["new_password2"]
    staff.refresh_from_db()
    assert staff.check_password(TEST_PASSWORD)


def test_given_an_inactive_user_when_asking_for_a_reset_then_no_mail_is_written(client, tenant):
    StaffFactory(email="gone@example.com", is_active=False)

    answer = client.post("/password-reset/", {"email": "gone@example.com"})

    assert answer.status_code == 302
    assert not OutboundMessage.objects.exists()


def test_given_a_known_address_when_asking_for_a_reset_then_one_outbox_row_in_the_users_language(
    client, tenant
):
    StaffFactory(email="sam@example.com", language="de")

    client.post("/password-reset/", {"email": "sam@example.com"})

    message = OutboundMessage.objects.get()
    assert (message.to_email, message.language, message.kind) == (
        "sam@example.com",
        "de",
        "account_password_reset",
    )
    assert "Passwort zurücksetzen" in message.subject


def test_given_a_signed_in_user_when_changing_the_password_then_other_sessions_end_tokens_stay(
    client_for, tenant
):
    staff = StaffFactory(email="sam@example.com")
    here, elsewhere = client_for(tenant), client_for(tenant)
    for browser in (here, elsewhere):
        assert (
            browser.post(
                "/login/", {"username": "sam@example.com", "password": TEST_PASSWORD}
            ).status_code
            == 302
        )
    _token, key = api_token_issue(user=staff)

    answer = here.post(
        "/account/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert answer.status_code == 302
    assert here.get("/").status_code == 200  # this session stays signed in
    assert elsewhere.get("/")["Location"].startswith("/login/")  # the other one ended
    api = client_for(tenant, api=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/tickets/").status_code == 200


def test_given_a_wrong_old_password_when_changing_then_the_form_says_so(client_for, tenant):
    staff = StaffFactory()
    browser = client_for(tenant)
    browser.force_login(staff)

    answer = browser.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert answer.status_code == 200 and answer.context["form"].errors["old_password"]


def test_given_a_customer_user_in_the_portal_when_changing_the_password_then_it_works(
    client_for, tenant
):
    user = CustomerUserFactory().user
    browser = client_for(tenant)
    browser.force_login(user)

    portal = browser.get("/portal/")
    answer = browser.post(
        "/account/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "kurz-1234", "new_password2": "kurz-1234"},
    )

    assert 'href="/account/password/"' in portal.content.decode()
    assert answer.status_code == 302  # 9 characters are enough for customer users
    user.refresh_from_db()
    assert user.check_password("kurz-1234")


def test_given_the_api_when_changing_the_password_with_a_weak_one_then_400(api_client, tenant):
    staff = StaffFactory()
    api_client.force_login(staff)

    answer = api_client.post(
        "/api/v1/auth/password/",
        {"old_password": TEST_PASSWORD, "new_password": "12345678901234"},
        format="json",
    )

    assert answer.status_code == 400 and answer.json()["new_password"]


@pytest.mark.parametrize(
    ("role", "password", "accepted"),
    [
        (Role.STAFF, "short-pw-11", False),
        (Role.TENANT_ADMIN, "short-pw-11", False),
        (Role.CUSTOMER, "short-pw-11", True),
        (Role.CUSTOMER, "short-7", False),
        (Role.STAFF, TEST_PASSWORD, True),
        (Role.STAFF, DEMO_PASSWORD, True),
        (Role.STAFF, "password1234", False),  # common
        (Role.STAFF, "482917365012", False),  # numeric
    ],
)
def test_given_a_role_when_validating_then_the_length_and_rules_apply(role, password, accepted):
    user = User(email="someone@example.com", name="Some One", role=role)
    try:
        validate_password(password, user=user)
    except ValidationError:
        assert not accepted
    else:
        assert accepted


def test_given_the_api_when_a_user_is_created_with_their_name_as_password_then_400(
    client_for, tenant
):
    api = client_for(tenant, api=True)
    api.force_login(TenantAdminFactory())

    answer = api.post(
        "/api/v1/users/",
        {
            "email": "frieda@example.com",
            "name": "Frieda Sonnenschein",
            "role": "staff",
            "password": "Frieda Sonnenschein",
        },
        format="json",
    )

    assert answer.status_code == 400 and answer.json()["password"]
    assert not User.objects.filter(email="frieda@example.com").exists()


def test_given_provisioning_when_the_admin_password_is_the_admin_name_then_refused():
    request = TenantRequest(
        slug="delta",
        name="Delta",
        domain="delta.localhost",
        language="en",
        admin_email="admin@delta.example",
        admin_password="Frieda Sonnenschein",
        admin_name="Frieda Sonnenschein",
    )

    with pytest.raises(ProvisioningError):
        _validate(request)


def test_given_createsuperuser_without_input_when_the_password_is_short_then_refused(
    monkeypatch, tenant
):
    connection.set_schema_to_public()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "short-pw")

    with pytest.raises(CommandError):
        call_command("createsuperuser", email="ops2@agencydesk.example", interactive=False)

    assert not User.objects.filter(email="ops2@agencydesk.example").exists()


def test_given_a_reset_link_of_another_tenant_when_used_here_then_refused(
    api_client, tenant, other_tenant
):
    from tests.conftest import in_schema

    here = StaffFactory(email="same@example.com")
    with in_schema(other_tenant):
        there = StaffFactory(email="same@example.com")
        token = password_reset_tokens.make_token(there)
        uid = user_uid(there)

    answer = api_client.post(
        "/api/v1/auth/password-reset/confirm/",
        {"uid": uid, "token": token, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert answer.status_code == 400
    here.refresh_from_db()
    assert not here.check_password(NEW_PASSWORD)
