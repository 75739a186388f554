"""Wording one notification: its subject and introduction, placeholders only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.notifications.custom_texts import CustomText
from agencydesk.notifications.placeholders import placeholders_validate


class NotificationTextForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"), required=False, max_length=300, validators=[placeholders_validate]
    )
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        validators=[placeholders_validate],
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, defaults: CustomText, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The default text shows through an empty field: empty means "keep the default".
        self.fields["subject"].widget.attrs["placeholder"] = defaults.subject
        self.fields["intro"].widget.attrs["placeholder"] = defaults.intro
        self.fields["subject"].help_text = _("Empty: the default subject shown in the field.")
        self.fields["intro"].help_text = _("Empty: the default introduction shown in the field.")

    def custom_text(self) -> CustomText:
        return CustomText(subject=self.cleaned_data["subject"], intro=self.cleaned_data["intro"])
