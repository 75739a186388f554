"""Languages and regional formats: which Django language code to activate for a person.

Texts come in a language (``de``, ``en`` …); dates, times and numbers follow a region
(``de-AT``, ``en-GB`` …). Activating the regional code (``en-gb``) gives both: Django's
catalogs fall back from ``en_GB`` to ``en``, and formats come from
``agencydesk/config/formats/en_GB/`` (``FORMAT_MODULE_PATH``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    DE_DE = "de-DE", _("German (Germany)")
    DE_AT = "de-AT", _("German (Austria)")
    DE_CH = "de-CH", _("German (Switzerland)")
    EN_GB = "en-GB", _("English (United Kingdom)")
    EN_US = "en-US", _("English (United States)")
    FR_FR = "fr-FR", _("French (France)")


# The region a language's texts are shown with when nobody chose one.
DEFAULT_REGION = {"de": Region.DE_DE, "en": Region.EN_GB, "fr": Region.FR_FR}


def base_language(code: str) -> str:
    """``en`` for ``en-gb``: the language whose texts are shown."""
    return code.split("-")[0].lower()


def region_for(*, language: str, preferred: tuple[str, ...] = ()) -> str:
    """The first of ``preferred`` (a user's, then the tenant's region) that fits ``language``,
    else the language's default region; ``""`` for a language without a known region."""
    for region in preferred:
        if region and base_language(region) == base_language(language):
            return region
    default = DEFAULT_REGION.get(base_language(language))
    return str(default) if default else ""


def regional_language_code(*, language: str, preferred: tuple[str, ...] = ()) -> str:
    """The code to activate (``en-gb``), or the bare language when no region fits."""
    region = region_for(language=language, preferred=preferred)
    return region.lower() if region else base_language(language)


def operator_language() -> str:
    """The language of the operator side: commands, the public host, worker logs."""
    return str(settings.OPERATOR_LANGUAGE)


def operator_language_activate() -> None:
    translation.activate(regional_language_code(language=operator_language()))


def offered_regions() -> list[tuple[str, str]]:
    """The regions of the languages this installation offers (French formats wait for French)."""
    languages = {code for code, _name in settings.LANGUAGES}
    return [
        (value, str(label)) for value, label in Region.choices if base_language(value) in languages
    ]
