from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.lockout import LOCKED_OUT_MESSAGE, is_locked_out
from agencydesk.accounts.two_factor.services import two_factor_code_check, two_factor_enabled


class LockoutAwareFormMixin:
    """Shows django-axes' refusal of a locked-out account as a clear form error instead of
    the generic "wrong password" one."""

    request: Any

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            if is_locked_out(self.request):
                raise forms.ValidationError(LOCKED_OUT_MESSAGE, code="locked_out") from None
            raise


class EmailAuthenticationForm(LockoutAwareFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The email address or password is not correct."),
        "inactive": _("This account is inactive."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class AdminLoginForm(LockoutAwareFormMixin, AdminAuthenticationForm):
    """The Django admin's login (support admin on tenant hosts, operator admin on the public
    host): lockout as a form error, and the authenticator code for accounts with two-factor
    authentication."""

    otp_token = forms.CharField(
        label=_("Authenticator or recovery code"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        help_text=_("Only for accounts with two-factor authentication."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and two_factor_enabled(user):
            # django-otp's login signal handler marks the session verified with this device.
            user.otp_device = two_factor_code_check(  # type: ignore[attr-defined]
                user=user, code=cleaned.get("otp_token", "")
            )
        return cleaned
