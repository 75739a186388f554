from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlsafe_base64_decode

from agencydesk.accounts.models import User
from agencydesk.accounts.views import home_url_for
from agencydesk.configuration.forms import errors_onto_form
from agencydesk.configuration.services.users import invitation_accept as accept
from agencydesk.customers.authentication import PORTAL_ACCESS_BACKEND
from agencydesk.customers.portal_access import is_contact


def _invited_user(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if not user.is_active or not default_token_generator.check_token(user, token):
        return None
    if is_contact(user):
        return None  # portal access was taken away again after the invitation
    return user


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invitation link: choose a password, then be logged in. Works once."""
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "configuration/invitation_invalid.html", status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accept(user=user, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            login(request, user, backend=PORTAL_ACCESS_BACKEND)
            return redirect(home_url_for(user))
    return render(request, "configuration/invitation_accept.html", {"form": form, "invitee": user})
