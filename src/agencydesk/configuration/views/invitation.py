from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from agencydesk.accounts.landing import home_url_for
from agencydesk.configuration.forms import errors_onto_form
from agencydesk.configuration.services.invitations import invitation_accept as accept
from agencydesk.configuration.services.invitations import invited_user
from agencydesk.customers.authentication import PORTAL_ACCESS_BACKEND


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invitation link: choose a password, then be logged in. Works once."""
    user = invited_user(uidb64=uidb64, token=token)
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
