"""The email settings form: inbound address, unknown senders, IMAP mailbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.configuration.services.mail import MAIL_FIELDS
from agencydesk.customers.models import Customer
from agencydesk.notifications.models import MailSettings


class MailSettingsForm(forms.ModelForm):
    # Not a model field of the form: the stored password is never sent back to the browser,
    # and an empty entry must not overwrite it (the service decides).
    imap_password = forms.CharField(
        label=_("IMAP password"),
        required=False,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the stored password."),
    )
    imap_password_clear = forms.BooleanField(label=_("Remove the stored password"), required=False)

    class Meta:
        model = MailSettings
        # The password is a field of the form only (above).
        fields = tuple(name for name in MAIL_FIELDS if name != "imap_password")
        widgets = {"unknown_senders": forms.RadioSelect}

    field_order = (*MAIL_FIELDS, "imap_password_clear")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unknown_sender_customer"].queryset = Customer.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).order_by("name")
