"""Passwords: reset by a one-time link, change while signed in, set through one function.

Whatever door sets a password (reset link, change form, invitation, API) calls
``password_set``: it runs the configured validators against the user, and changing the
password hash ends the user's other sessions (Django checks the session's hash of the
password on every request). API tokens and anything else are left alone.
"""

from __future__ import annotations

import logging

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from agencydesk.accounts.mail import AccountMailKind, account_mail_request
from agencydesk.accounts.models import Role, User
from agencydesk.accounts.tokens import PasswordResetTokens, password_reset_tokens

logger = logging.getLogger(__name__)


def user_uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_from_uid(uidb64: str) -> User | None:
    try:
        return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None


def password_reset_path(user: User, *, url_name: str = "accounts:password_reset_confirm") -> str:
    return reverse(
        url_name,
        kwargs={"uidb64": user_uid(user), "token": password_reset_tokens.make_token(user)},
    )


def password_reset_user(
    *, uidb64: str, token: str, tokens: PasswordResetTokens = password_reset_tokens
) -> User | None:
    """The user a reset link is for, or None when it is unknown, spent or expired."""
    user = user_from_uid(uidb64)
    if user is None or not user.is_active or user.is_integration:
        return None
    if not tokens.check_token(user, token):
        return None
    return user


@transaction.atomic
def password_reset_request(
    *, email: str, base_url: str, url_name: str = "accounts:password_reset_confirm"
) -> None:
    """Mail a reset link to the active user with this address, if there is one.

    The caller answers the same either way, so nobody learns whether an address exists.
    Users who never chose a password (pending invitations) get a reset link too: it is
    how they recover from an expired invitation without an admin.
    """
    address = email.strip().lower()
    # Integration accounts never have a password: no link that could give them one.
    user = (
        User.objects.filter(email__iexact=address, is_active=True)
        .exclude(role=Role.INTEGRATION)
        .first()
    )
    if user is None:
        logger.info("Password reset requested for an unknown or inactive address")
        return
    url = base_url.rstrip("/") + password_reset_path(user, url_name=url_name)
    account_mail_request(kind=AccountMailKind.PASSWORD_RESET, user=user, url=url)


def _validated(password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


@transaction.atomic
def password_set(
    *,
    user: User,
    password: str,
    request: HttpRequest | None = None,
    field: str = "new_password1",
) -> User:
    """Validate and store ``password``. With ``request`` (the user's own signed-in session)
    that session stays valid; every other session of the user ends."""
    _validated(password, user, field)
    user.set_password(password)
    user.save(update_fields=["password"])
    if request is not None and getattr(request, "user", None) == user:
        update_session_auth_hash(request, user)
    return user


@transaction.atomic
def password_change(
    *,
    user: User,
    old_password: str,
    new_password: str,
    request: HttpRequest | None = None,
    field: str = "new_password1",
) -> User:
    """A signed-in user's change: the current password proves it is them."""
    if not user.check_password(old_password):
        raise ValidationError(
            {"old_password": [_("Your old password was entered incorrectly.")]},
        )
    return password_set(user=user, password=new_password, request=request, field=field)
