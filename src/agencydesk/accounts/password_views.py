"""Password pages: ask for a reset link, set a new password from it, change it signed in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.accounts.password import password_reset_request, user_from_uid
from agencydesk.accounts.password_forms import (
    ChangePasswordForm,
    PasswordResetRequestForm,
    ResetSetPasswordForm,
)
from agencydesk.accounts.tokens import password_reset_tokens


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """The answer is the same whether or not the address belongs to someone."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_reset_request(
            email=form.cleaned_data["email"], base_url=request.build_absolute_uri("/")
        )
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class ResetConfirmBase(auth_views.PasswordResetConfirmView):
    """The reset link's landing page for users and operators alike: our tokens and password
    rules, and a link of a deactivated user leads nowhere."""

    form_class = ResetSetPasswordForm
    token_generator = password_reset_tokens

    def get_user(self, uidb64: str) -> Any:
        user = user_from_uid(uidb64)
        return user if user is not None and user.is_active else None


class PasswordResetConfirmView(ResetConfirmBase):
    """Django's view: it moves the token out of the URL into the session (no token in a
    Referer header) before it shows the form."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed. Please log in."))
        return response


@login_required
@require_http_methods(["GET", "POST"])
def password_change_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user: User = request.user
    form = ChangePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_for(request)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Your password was changed."))
            return redirect("accounts:password_change")
    return render(request, "accounts/password_change.html", {"form": form})
