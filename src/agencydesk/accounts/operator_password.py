"""Password reset for operators on the public host, in the operator admin's look (Django's
admin templates). The reset link and its mail are the accounts service's; the public schema
has no outbox, so the mail is sent after commit (notifications.account_mail)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.urls import path, reverse, reverse_lazy
from django.views.generic import RedirectView

from agencydesk.accounts.password import password_reset_request
from agencydesk.accounts.password_views import ResetConfirmBase


class OperatorPasswordResetForm(PasswordResetForm):
    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        password_reset_request(
            email=self.cleaned_data["email"],
            base_url=request.build_absolute_uri("/") if request is not None else "/",
            url_name="operator_password_reset_confirm",
        )


class OperatorPasswordResetView(auth_views.PasswordResetView):
    form_class = OperatorPasswordResetForm
    success_url = reverse_lazy("operator_password_reset_done")
    extra_context = {"site_header": "agencydesk"}

    def form_valid(self, form: Any) -> HttpResponse:
        form.save(request=self.request)
        return super(auth_views.PasswordResetView, self).form_valid(form)


class OperatorPasswordResetConfirmView(ResetConfirmBase):
    success_url = reverse_lazy("operator_password_reset_complete")


class OperatorPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Skips Django's resolving of LOGIN_URL: that is the tenant hosts' login page.
        context = super(auth_views.PasswordResetCompleteView, self).get_context_data(**kwargs)
        context["login_url"] = reverse("admin:login")
        return context


urlpatterns = [
    # Signed-in operators change their password in the admin (Django's own page).
    path(
        "account/password/",
        RedirectView.as_view(pattern_name="admin:password_change"),
        name="operator_password_change",
    ),
    # The admin's login page links to "admin_password_reset" when it exists.
    path(
        "operator/password-reset/",
        OperatorPasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path("password-reset/", OperatorPasswordResetView.as_view(), name="operator_password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="operator_password_reset_done",
    ),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        OperatorPasswordResetConfirmView.as_view(),
        name="operator_password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        OperatorPasswordResetCompleteView.as_view(),
        name="operator_password_reset_complete",
    ),
]
