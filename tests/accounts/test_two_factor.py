"""Two-factor authentication: set-up with a QR code, the login's code step, recovery codes,
turning it off, the tenant's require_two_factor setting, and the admin doors."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencydesk.accounts.models import User
from agencydesk.accounts.two_factor.services import recovery_codes_renew
from tests.accounts.helpers import confirmed_totp_device, current_code
from tests.conftest import TEST_PASSWORD
from tests.factories import CustomerUserFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db


def _password_step(client, email: str):
    return client.post("/login/", {"username": email, "password": TEST_PASSWORD})


def test_given_a_staff_member_when_setting_up_then_a_qr_code_and_the_recovery_codes_show(client):
    staff = StaffFactory()
    client.force_login(staff)

    page = client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    done = client.post("/account/two-factor/", {"action": "confirm", "code": current_code(device)})

    assert "<svg" in page.content.decode()
    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = list(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert codes[0] not in client.get("/account/two-factor/").content.decode()  # shown once


def test_given_a_wrong_code_when_confirming_the_set_up_then_it_stays_off(client):
    staff = StaffFactory(language="de")
    client.force_login(staff)
    client.get("/account/two-factor/")

    response = client.post(
        "/account/two-factor/", {"action": "confirm", "code": "000000"}, HTTP_ACCEPT_LANGUAGE="de"
    )

    assert "Der Code ist nicht korrekt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_given_a_device_when_logging_in_then_the_code_is_asked_after_the_password(client):
    staff = StaffFactory(email="sam@example.com")
    device = confirmed_totp_device(staff)

    first = _password_step(client, "sam@example.com")

    assert first["Location"] == "/login/two-factor/"
    assert client.get("/").status_code == 302  # not logged in yet
    second = client.post("/login/two-factor/", {"code": current_code(device)})
    assert second.status_code == 302 and second["Location"] == "/"
    assert client.get("/").status_code == 200


def test_given_a_wrong_code_when_logging_in_then_the_user_stays_logged_out(client):
    staff = StaffFactory(email="sam@example.com", language="de")
    confirmed_totp_device(staff)
    _password_step(client, "sam@example.com")

    response = client.post("/login/two-factor/", {"code": "123456"}, HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert "Der Code ist nicht korrekt" in response.content.decode()
    assert client.get("/").status_code == 302


def test_given_no_password_step_when_opening_the_code_step_then_back_to_login(client):
    response = client.get("/login/two-factor/")

    assert response["Location"] == "/login/"


def test_given_a_recovery_code_when_logging_in_then_it_works_exactly_once(client_for, tenant):
    staff = StaffFactory(email="sam@example.com")
    confirmed_totp_device(staff)
    code = recovery_codes_renew(user=staff)[0]

    first = client_for(tenant)
    _password_step(first, "sam@example.com")
    used = first.post("/login/two-factor/", {"code": code.upper()})
    second = client_for(tenant)
    _password_step(second, "sam@example.com")
    again = second.post("/login/two-factor/", {"code": code})

    assert used.status_code == 302
    assert again.status_code == 200
    assert second.get("/").status_code == 302


def test_given_two_factor_on_when_turning_it_off_with_a_code_then_login_needs_no_code(client):
    staff = StaffFactory(email="sam@example.com")
    device = confirmed_totp_device(staff)
    client.force_login(staff)

    client.post("/account/two-factor/", {"action": "disable", "code": current_code(device)})

    assert not TOTPDevice.objects.filter(user=staff).exists()
    client.post("/logout/")
    assert _password_step(client, "sam@example.com")["Location"] == "/"


def test_given_a_customer_user_when_opening_the_two_factor_page_then_404(client):
    client.force_login(CustomerUserFactory().user)

    assert client.get("/account/two-factor/").status_code == 404


def test_given_require_two_factor_when_staff_without_a_device_work_then_they_are_sent_to_set_up(
    tenant, client, api_client
):
    tenant.require_two_factor = True
    tenant.save(update_fields=["require_two_factor"])
    staff = StaffFactory()
    client.force_login(staff)
    api_client.force_login(staff)

    page = client.get("/")
    api = api_client.get("/api/v1/tickets/")

    assert page.status_code == 302 and page["Location"] == "/account/two-factor/"
    assert client.get("/configuration/")["Location"] == "/account/two-factor/"
    assert client.get("/account/two-factor/").status_code == 200
    assert api.status_code == 403


def test_given_require_two_factor_when_staff_finish_the_set_up_then_they_can_work(tenant, client):
    tenant.require_two_factor = True
    tenant.save(update_fields=["require_two_factor"])
    staff = StaffFactory()
    client.force_login(staff)
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=staff)

    client.post("/account/two-factor/", {"action": "confirm", "code": current_code(device)})

    assert client.get("/").status_code == 200


def test_given_require_two_factor_when_a_customer_user_works_then_nothing_changes(tenant, client):
    tenant.require_two_factor = True
    tenant.save(update_fields=["require_two_factor"])
    client.force_login(CustomerUserFactory().user)

    assert client.get("/portal/").status_code == 200


def test_given_a_device_when_logging_in_to_the_support_admin_then_the_code_is_needed(client):
    admin = TenantAdminFactory(email="ada@example.com", is_staff=True, is_superuser=True)
    device = confirmed_totp_device(admin)

    without = client.post(
        "/support-admin/login/", {"username": "ada@example.com", "password": TEST_PASSWORD}
    )
    with_code = client.post(
        "/support-admin/login/",
        {
            "username": "ada@example.com",
            "password": TEST_PASSWORD,
            "otp_token": current_code(device),
        },
    )

    assert without.status_code == 200
    assert with_code.status_code == 302
    assert client.get("/support-admin/").status_code == 200


def test_given_an_operator_with_a_device_when_logging_in_to_the_operator_admin_then_code_needed(
    public_client,
):
    operator = User.objects.create_superuser("op@example.com", TEST_PASSWORD)
    device = confirmed_totp_device(operator)
    credentials = {"username": "op@example.com", "password": TEST_PASSWORD}

    without = public_client.post("/operator/login/", credentials)
    wrong = public_client.post("/operator/login/", {**credentials, "otp_token": "000000"})
    right = public_client.post(
        "/operator/login/", {**credentials, "otp_token": current_code(device)}
    )

    assert without.status_code == 200 and wrong.status_code == 200
    assert right.status_code == 302
    assert public_client.get("/operator/").status_code == 200


def test_given_an_operator_when_opening_the_otp_devices_in_the_operator_admin_then_they_can_add(
    public_client,
):
    operator = User.objects.create_superuser("op@example.com", TEST_PASSWORD)
    public_client.force_login(operator)

    assert public_client.get("/operator/otp_totp/totpdevice/add/").status_code == 200
    assert public_client.get("/operator/otp_static/staticdevice/add/").status_code == 200
