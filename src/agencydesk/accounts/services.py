"""Account actions: the one place users and tokens are created."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import ApiToken, Role, User, default_token_expiry, hash_token
from agencydesk.accounts.two_factor.services import two_factor_enabled
from agencydesk.core.regional import Region


def user_create(
    *,
    email: str,
    name: str = "",
    role: str = Role.STAFF,
    language: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    **extra: Any,
) -> User:
    return User.objects.create_user(
        email=email,
        password=password,
        password_hash=password_hash,
        name=name,
        role=role,
        language=language,
        **extra,
    )


class TwoFactorTokenRefused(Exception):
    """The account uses (or must use) two-factor authentication: no tokens for a password."""


@transaction.atomic
def api_token_issue(
    *, user: User, name: str = "", expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; the key is returned once and only its hash is stored."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": [_("Choose a date in the future.")]})
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(key),
        prefix=key[:8],
        expires_at=expires_at or default_token_expiry(),
    )
    return token, key


def api_token_for_credentials(
    *, request: HttpRequest | None, email: str, password: str
) -> str | None:
    """The password → token exchange. Accounts with two-factor authentication (or that must
    set it up) get tokens only from a verified session (``POST /api/v1/auth/tokens/``)."""
    user = authenticate(request, username=email.strip().lower(), password=password)
    if user is None or not user.is_active:
        return None
    tenant = getattr(request, "tenant", None)
    required = getattr(tenant, "require_two_factor", False) and user.is_staff_person
    if required or two_factor_enabled(user):
        raise TwoFactorTokenRefused
    _token, key = api_token_issue(user=user)
    return key


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Delete one of the user's own tokens (another user's token id answers 404)."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise ApiToken.DoesNotExist


def api_tokens_revoke_all(*, user: User) -> int:
    """Called when a user is deactivated: the tokens are gone, so reactivating the user
    does not bring them back."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return deleted


def user_language_set(*, user: User, language: str) -> User:
    """Store the user's preferred language (one of settings.LANGUAGES, or "" for the default)."""
    allowed = {code for code, _name in settings.LANGUAGES}
    if language and language not in allowed:
        raise ValidationError({"language": [_("Choose one of the offered languages.")]})
    user.language = language
    user.save(update_fields=["language"])
    return user


def user_regional_set(*, user: User, locale: str, timezone: str) -> User:
    """Store the user's own regional formats and timezone ("" for the agency's)."""
    errors: dict[str, list[str]] = {}
    if locale and locale not in Region.values:
        errors["locale"] = [_("Choose one of the offered regional formats.")]
    if timezone:
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = [_("Unknown timezone.")]
    if errors:
        raise ValidationError(errors)
    user.locale, user.timezone = locale, timezone
    user.save(update_fields=["locale", "timezone"])
    return user


def user_availability_set(*, user: User, is_available: bool) -> User:
    """An agency member switches their own "available for new tickets" flag. Switching it on
    also ends an absence (``away_until``): whoever says they are back is back."""
    if not user.is_staff_person:
        raise ValidationError({"is_available": [_("Only agency staff take tickets.")]})
    user.is_available = bool(is_available)
    fields = ["is_available"]
    if user.is_available and user.away_until is not None:
        user.away_until = None
        fields.append("away_until")
    user.save(update_fields=fields)
    return user
