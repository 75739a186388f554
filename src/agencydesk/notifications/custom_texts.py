"""Tenant-written subjects and introductions of notification mails, as rendering reads them
(the configuration service writes them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agencydesk.core.regional import base_language
from agencydesk.notifications.kinds import CUSTOMISABLE_KINDS
from agencydesk.notifications.models import NotificationTemplate


@dataclass(frozen=True)
class CustomText:
    """What a tenant wrote for one kind in one language; ``""`` keeps the default."""

    subject: str = ""
    intro: str = ""


CustomTexts = Mapping[tuple[str, str], CustomText]


def custom_texts_for(*, kinds: Iterable[str] | None = None) -> dict[tuple[str, str], CustomText]:
    """The tenant's texts by (kind, language), in one query."""
    rows = NotificationTemplate.objects.all()
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    return {
        (row.kind, row.language): CustomText(subject=row.subject, intro=row.intro) for row in rows
    }


def custom_text(texts: CustomTexts, *, kind: str, language: str) -> CustomText:
    return texts.get((kind, base_language(language)), CustomText())


def custom_text_target_check(kind: str, language: str) -> None:
    errors = {}
    if kind not in CUSTOMISABLE_KINDS:
        errors["kind"] = _("This notification cannot be worded by the agency.")
    if language not in {code for code, _name in settings.LANGUAGES}:
        errors["language"] = _("Choose one of the offered languages.")
    if errors:
        raise ValidationError(errors)
