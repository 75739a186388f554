"""Password rules that depend on who the password is for."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencydesk.accounts.models import Role, User


class RoleMinimumLengthValidator(MinimumLengthValidator):
    """At least ``min_length`` characters (12) for staff, tenant admins and operators —
    their logins see every customer's tickets — and ``customer_min_length`` (Django's 8)
    for customer users, who see their own company's tickets only. Without a user (e.g. a
    command that has none yet) the stricter rule applies."""

    def __init__(self, min_length: int = 12, customer_min_length: int = 8) -> None:
        super().__init__(min_length=min_length)
        self.customer_min_length = customer_min_length

    def _required(self, user: object | None) -> int:
        if isinstance(user, User) and user.role == Role.CUSTOMER and not user.is_superuser:
            return self.customer_min_length
        return self.min_length

    def validate(self, password: str, user: object | None = None) -> None:
        required = self._required(user)
        if len(password) < required:
            raise ValidationError(
                ngettext(
                    "This password is too short. It must contain at least %(min_length)d "
                    "character.",
                    "This password is too short. It must contain at least %(min_length)d "
                    "characters.",
                    required,
                ),
                code="password_too_short",
                params={"min_length": required},
            )

    def get_help_text(self) -> str:
        return _(
            "Your password must contain at least %(min_length)d characters "
            "(%(customer_min_length)d for customer users)."
        ) % {"min_length": self.min_length, "customer_min_length": self.customer_min_length}
