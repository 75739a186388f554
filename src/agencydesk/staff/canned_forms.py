"""The form of a canned reply, one for both doors: personal ones in the staff account area,
tenant-wide ones in the configuration (the services decide who may save which)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agencydesk.core.limits import BODY_MAX_LENGTH
from agencydesk.tickets.canned import TITLE_MAX_LENGTH, placeholder_list
from agencydesk.tickets.canned_models import CANNED_REPLY_STATUSES


class CannedReplyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )
    status = forms.ChoiceField(
        label=_("Status after sending"),
        required=False,
        choices=[("", _("Unchanged")), *CANNED_REPLY_STATUSES],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].help_text = _("Placeholders: %(names)s") % {"names": placeholder_list()}
