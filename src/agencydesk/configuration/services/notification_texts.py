"""Tenant admins word their own notification mails (subject and introduction per language)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.services.base import object_delete, object_save
from agencydesk.notifications.custom_texts import custom_text_target_check
from agencydesk.notifications.models import NotificationTemplate


@transaction.atomic
def notification_text_save(
    *, actor: User, kind: str, language: str, subject: str, intro: str
) -> NotificationTemplate | None:
    """Store the texts (validated: known placeholders only); both empty means the default."""
    custom_text_target_check(kind, language)
    stored = NotificationTemplate.objects.filter(kind=kind, language=language).first()
    subject, intro = subject.strip(), intro.strip()
    if "\n" in subject or "\r" in subject:
        raise ValidationError({"subject": _("The subject must be a single line.")})
    if not subject and not intro:
        if stored is not None:
            object_delete(actor=actor, instance=stored)
        return None
    return object_save(
        actor=actor,
        instance=stored or NotificationTemplate(kind=kind, language=language),
        values={"subject": subject, "intro": intro},
    )


def notification_text_reset(*, actor: User, kind: str, language: str) -> None:
    """Back to the default texts."""
    notification_text_save(actor=actor, kind=kind, language=language, subject="", intro="")
