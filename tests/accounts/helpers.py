"""Shared steps of the account tests: failing logins from changing addresses, TOTP codes."""

from __future__ import annotations

from typing import Any

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencydesk.accounts.models import User

WRONG_PASSWORD = "not-the-password"
FAILURE_LIMIT = 10


def spoofed_address(attempt: int) -> dict[str, str]:
    """A different client-chosen X-Forwarded-For on every request."""
    return {"HTTP_X_FORWARDED_FOR": f"203.0.113.{attempt % 250 + 1}, 10.0.0.{attempt % 250}"}


def fail_web_logins(client: Any, path: str, email: str, times: int = FAILURE_LIMIT) -> None:
    for attempt in range(times):
        response = client.post(
            path, {"username": email, "password": WRONG_PASSWORD}, **spoofed_address(attempt)
        )
        assert response.status_code == 200, response.status_code


def fail_token_requests(api: Any, email: str, times: int = FAILURE_LIMIT) -> None:
    for attempt in range(times):
        response = api.post(
            "/api/v1/auth/token/",
            {"email": email, "password": WRONG_PASSWORD},
            format="json",
            **spoofed_address(attempt),
        )
        # The tenth failure itself already answers with the lockout.
        expected = {400, 429} if attempt == times - 1 else {400}
        assert response.status_code in expected, response.content


def current_code(device: TOTPDevice) -> str:
    """What the user's authenticator app shows right now (computed independently)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    return f"{totp.token():0{device.digits}d}"


def confirmed_totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
