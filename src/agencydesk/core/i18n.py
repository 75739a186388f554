"""Translatable tenant content stored as ``{"de": "…", "en": "…", "fr": "…"}`` JSON values."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
# Where a text is missing in the reader's language, the next best one: English is more widely
# read than German, so a French reader gets the English text before the German one.
FALLBACKS: dict[str, tuple[str, ...]] = {"de": ("en",), "en": ("de",), "fr": ("en", "de")}


def pick_translation(value: Mapping[str, str] | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the active one), else its fallbacks, else any."""
    if not value:
        return ""
    wanted = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (wanted, *FALLBACKS.get(wanted, ()), *LANGUAGE_CODES):
        text = value.get(code)
        if text:
            return text
    return next((text for text in value.values() if text), "")


def validate_translations(value: object) -> None:
    """A mapping of known language codes to strings, with at least one non-empty text."""
    if not isinstance(value, dict):
        raise ValidationError(_('Enter the text per language, e.g. {"de": "…", "en": "…"}.'))
    unknown = sorted(set(value) - set(LANGUAGE_CODES))
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    if any(not isinstance(text, str) for text in value.values()):
        raise ValidationError(_("Each translation must be text."))
    if not any(text.strip() for text in value.values()):
        raise ValidationError(_("Enter the text in at least one language."))
