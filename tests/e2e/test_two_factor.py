"""Two-factor authentication in the browser: set-up from the QR page, and a login that asks
for the authenticator code after the password."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.accounts.helpers import confirmed_totp_device, current_code
from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _code_for_secret(secret: str) -> str:
    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{TOTP(b32decode(key)).token():06d}"


def test_given_staff_with_an_authenticator_when_logging_in_then_the_code_is_asked(
    page, e2e_tenant, tenant_url, login, screenshot
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    device = confirmed_totp_device(staff)

    login(page, staff)

    expect(page).to_have_url(tenant_url("/login/two-factor/"))
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    page.locator("input[name=code]").fill("000000")
    page.locator("form button[type=submit]").click()
    expect(page.locator(".field-error")).to_contain_text("The code is not correct")
    page.locator("input[name=code]").fill(current_code(device))
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(tenant_url("/"))
    expect(page.locator(".usermenu")).to_contain_text("Sam Staff")
    screenshot(page, "after-code")


def test_given_staff_when_setting_up_two_factor_then_qr_code_and_recovery_codes_show(
    page, e2e_tenant, tenant_url, login, screenshot
):
    staff = StaffFactory(email="sam@e2e.example", name="Sam Staff", language="en")
    login(page, staff)

    page.goto(tenant_url("/account/two-factor/"))
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator(".totp-secret").inner_text()
    page.locator("input[name=code]").fill(_code_for_secret(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    screenshot(page, "recovery-codes")
    page.goto(tenant_url("/account/two-factor/"))
    expect(page.locator(".status-two-factor")).to_be_visible()
