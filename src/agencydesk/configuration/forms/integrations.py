"""Forms of the integration accounts page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.core.external_ids import EXTERNAL_ID_MAX_LENGTH


class IntegrationCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Identifies the account; it never receives a password or an invitation."),
    )
    external_id = forms.CharField(
        label=_("External ID"), max_length=EXTERNAL_ID_MAX_LENGTH, required=False
    )


class IntegrationTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    expires_at = forms.DateTimeField(
        label=_("Expires"),
        required=False,
        help_text=_("Empty: the default lifetime of API tokens."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
