"""Account actions: the one place users and tokens are created."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from agencydesk.accounts.models import ApiToken, Role, User, hash_token


def user_create(
    *,
    email: str,
    name: str = "",
    role: str = Role.STAFF,
    language: str = "",
    password: str | None = None,
    **extra: Any,
) -> User:
    return User.objects.create_user(
        email=email, password=password, name=name, role=role, language=language, **extra
    )


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    """A new token for ``user``; the key is returned once and only its hash is stored."""
    key = ApiToken.generate_key()
    ApiToken.objects.create(user=user, key_hash=hash_token(key), prefix=key[:8])
    return key


def api_token_for_credentials(
    *, request: HttpRequest | None, email: str, password: str
) -> str | None:
    user = authenticate(request, username=email.strip().lower(), password=password)
    if user is None or not user.is_active:
        return None
    return api_token_issue(user=user)  # type: ignore[arg-type]


def user_language_set(*, user: User, language: str) -> User:
    """Store the user's preferred language (one of settings.LANGUAGES, or "" for the default)."""
    allowed = {code for code, _name in settings.LANGUAGES}
    if language and language not in allowed:
        raise ValidationError({"language": [_("Choose one of the offered languages.")]})
    user.language = language
    user.save(update_fields=["language"])
    return user
