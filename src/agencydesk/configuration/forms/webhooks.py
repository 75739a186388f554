"""The webhook form: destination URL, events, switched on or off (the service validates)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.integrations.models import WebhookEvent


class WebhookForm(forms.Form):
    url = forms.CharField(
        label=_("URL"),
        max_length=500,
        help_text=_("An http or https address; agencydesk POSTs each event there as JSON."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
