"""The user's own preferences (any audience: the switcher sits in the shared user menu)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.services import user_language_set
from agencydesk.staff.forms import LanguageForm


@login_required
@require_POST
def language_set(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    if form.is_valid():  # the form offers only settings.LANGUAGES: nothing else is stored
        user_language_set(
            user=request.user,
            language=form.cleaned_data["language"],
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
