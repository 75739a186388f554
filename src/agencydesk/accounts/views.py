from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from agencydesk.accounts.forms import EmailAuthenticationForm
from agencydesk.accounts.landing import home_url_for
from agencydesk.accounts.two_factor.login import two_factor_login_begin
from agencydesk.accounts.two_factor.services import two_factor_enabled


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if two_factor_enabled(user):
            # Not logged in yet: the code step logs in (see two_factor/login.py).
            return two_factor_login_begin(self.request, user=user, next_url=self.get_redirect_url())
        return super().form_valid(form)

    def get_default_redirect_url(self) -> str:
        return home_url_for(self.request.user)

    # The stubs' signature; Django itself passes no argument.
    def get_redirect_url(self, request: HttpRequest | None = None) -> str:
        target = super().get_redirect_url()
        # A customer user sent to a staff page would only meet a 404 there.
        if target and getattr(self.request.user, "is_customer_user", False):
            portal = reverse("portal:home")
            if not target.startswith(portal):
                return ""
        return target


class LogoutView(auth_views.LogoutView):
    next_page = "accounts:login"


def root_redirect(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        target = home_url_for(request.user)
    else:
        target = reverse("accounts:login")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "/"
    return redirect(target)
