"""Forms of the password pages; saving goes through accounts.password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import User
from agencydesk.accounts.password import password_change, password_set


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class ResetSetPasswordForm(SetPasswordForm):
    """Django's form (the two fields, validators), saved through ``password_set``."""

    def save(self, commit: bool = True) -> Any:
        user: User = self.user
        return password_set(user=user, password=self.cleaned_data["new_password1"])


class ChangePasswordForm(PasswordChangeForm):
    """Django's change form; saved through ``password_change`` with the request, so the
    session in use stays signed in while the user's other sessions end."""

    def save_for(self, request: Any) -> User:
        user: User = self.user
        return password_change(
            user=user,
            old_password=self.cleaned_data["old_password"],
            new_password=self.cleaned_data["new_password1"],
            request=request,
        )
