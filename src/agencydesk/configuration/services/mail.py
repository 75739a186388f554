"""The tenant's email settings: inbound address, mail from unknown senders, IMAP mailbox."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.services.base import object_save
from agencydesk.notifications.models import MailSettings

MAIL_FIELDS = (
    "inbound_local_part",
    "unknown_senders",
    "unknown_sender_customer",
    "imap_enabled",
    "imap_host",
    "imap_port",
    "imap_use_ssl",
    "imap_user",
    "imap_folder",
    "imap_password",
)


def _settings_row() -> MailSettings:
    """The tenant's one settings row, locked for the change (a new one on first save)."""
    row = MailSettings.objects.select_for_update().order_by("pk").first()
    return row if row is not None else MailSettings()


@transaction.atomic
def mail_settings_change(*, actor: User, values: Mapping[str, Any]) -> MailSettings:
    """Save the email settings. An empty password keeps the stored one (the form never
    shows it); ``imap_password_clear`` removes it."""
    fields = {name: values[name] for name in MAIL_FIELDS if name in values}
    if not fields.get("imap_password"):
        fields.pop("imap_password", None)
    if values.get("imap_password_clear"):
        fields["imap_password"] = None
    customer = fields.get("unknown_sender_customer")
    if customer is not None and not customer.is_active:
        raise ValidationError({"unknown_sender_customer": _("Choose an active customer.")})
    return object_save(actor=actor, instance=_settings_row(), values=fields)
