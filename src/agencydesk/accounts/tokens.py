"""One-time links (password reset, invitation): Django's token generator, one salt per
purpose so a reset link never works as an invitation and vice versa, each with its own
lifetime."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import connection
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

from agencydesk.accounts.models import User


class _PurposeTokenGenerator(PasswordResetTokenGenerator):
    """The token covers the password hash and the last login, so it is spent once either
    changes; only the lifetime differs from Django's (read from ``timeout_setting``)."""

    timeout_setting = "PASSWORD_RESET_TIMEOUT"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        # Users of different tenants share ids: the schema makes a link valid in one only.
        schema = getattr(connection, "schema_name", "")
        return f"{super()._make_hash_value(user, timestamp)}{schema}"

    def timeout_seconds(self) -> int:
        return int(getattr(settings, self.timeout_setting))

    def check_token(self, user: User | None, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        secrets = [self.secret, *self.secret_fallbacks]
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in secrets
        ):
            return False
        return (self._num_seconds(self._now()) - timestamp) <= self.timeout_seconds()


class PasswordResetTokens(_PurposeTokenGenerator):
    key_salt = "agencydesk.accounts.password-reset"
    timeout_setting = "PASSWORD_RESET_TIMEOUT"


class InvitationTokens(_PurposeTokenGenerator):
    key_salt = "agencydesk.accounts.invitation"
    timeout_setting = "INVITATION_TIMEOUT"


password_reset_tokens = PasswordResetTokens()
invitation_tokens = InvitationTokens()
