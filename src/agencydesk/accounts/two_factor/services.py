"""The one place two-factor devices are created, checked and removed."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencydesk.accounts.models import User

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
_TOTP_CODE = re.compile(r"^\d{6}$")


def two_factor_enabled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_allowed(user: User) -> bool:
    """Staff, tenant admins and operators (admin-site users) may set it up."""
    return bool(user.is_active and (user.is_staff_person or user.is_staff))


def _normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _checked(device: Device, code: str) -> bool:
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(
            _("Too many wrong codes. Please wait a moment and try again."), code="throttled"
        )
    return bool(device.verify_token(code))


@transaction.atomic
def two_factor_code_check(*, user: User, code: str) -> Device:
    """The device that accepts ``code``: a six-digit code goes to the authenticator, anything
    else to the recovery codes (a recovery code is used up). Only the matching kind of device
    is tried, so a wrong app code does not throttle the recovery codes."""
    code = _normalised(code)
    if not code:
        raise ValidationError(
            _("Please enter the code from your authenticator app."), code="required"
        )
    model: type[Device] = TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if _checked(device, code):
            return device
    raise ValidationError(_("The code is not correct. Please try again."), code="invalid")


@transaction.atomic
def totp_setup_start(*, user: User) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_setup_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with a code from the app; returns it and fresh
    recovery codes (shown once: only the device stores them)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError({"code": _("Start the set-up again.")})
    code = _normalised(code)
    try:
        accepted = bool(_TOTP_CODE.match(code)) and _checked(device, code)
    except ValidationError as error:
        raise ValidationError({"code": error.messages}) from error
    if not accepted:
        raise ValidationError({"code": _("The code is not correct. Please try again.")})
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, code: str) -> None:
    """Remove every device, after a code proves the user still holds one."""
    try:
        two_factor_code_check(user=user, code=code)
    except ValidationError as error:
        raise ValidationError({"code": error.messages}) from error
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
