"""The user's own regional formats and timezone (every audience: linked from the user menu)."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.accounts.services import user_regional_set
from agencydesk.core.regional import offered_regions


class RegionalForm(forms.Form):
    locale = forms.ChoiceField(
        label=gettext_lazy("Regional formats"),
        required=False,
        help_text=gettext_lazy("How dates, times and numbers are shown to you."),
    )
    timezone = forms.ChoiceField(label=gettext_lazy("Timezone"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_default = ("", _("The agency's"))
        self.fields["locale"].choices = [agency_default, *offered_regions()]  # type: ignore[attr-defined]
        self.fields["timezone"].choices = [  # type: ignore[attr-defined]
            agency_default,
            *((name, name) for name in sorted(zoneinfo.available_timezones())),
        ]


@login_required
@require_http_methods(["GET", "POST"])
def regional_settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user: User = request.user
    form = RegionalForm(
        request.POST or None, initial={"locale": user.locale, "timezone": user.timezone}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_regional_set(
                user=user,
                locale=form.cleaned_data["locale"],
                timezone=form.cleaned_data["timezone"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Your regional settings were saved."))
            return redirect("accounts:regional")
    return render(request, "accounts/regional.html", {"form": form})
