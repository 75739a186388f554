"""Fill translations into a gettext catalog (any language) from a JSON mapping.

    python -m agencydesk.devtools.po_fill locale/fr/LC_MESSAGES/django.po translations.json

The JSON maps a msgid to its translation. A plural entry takes a list (one text per plural
form of the catalog's language); an entry with a context is keyed ``"context\\u0004msgid"``
(gettext's own separator). A translation whose placeholders (``%(name)s``, ``%d``, ``{n}``…)
differ from its source is refused and left as it was. Filled entries lose their fuzzy flag.
Prints what is still untranslated or fuzzy afterwards, and the refused ones; run
``make messages`` afterwards to restore gettext's line wrapping.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import polib

CONTEXT_SEPARATOR = "\x04"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{[a-z_]+\}")

Translation = str | list[str]


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def _apply(entry: polib.POEntry, translation: Translation) -> bool:
    """Set the translation if its placeholders match the source; False if refused."""
    if entry.msgid_plural:
        if not isinstance(translation, list) or not translation:
            return False
        sources = [entry.msgid, *[entry.msgid_plural] * (len(translation) - 1)]
        if any(
            _placeholders(s) != _placeholders(t) for s, t in zip(sources, translation, strict=True)
        ):
            return False
        entry.msgstr_plural = dict(enumerate(translation))
    else:
        if not isinstance(translation, str) or _placeholders(entry.msgid) != _placeholders(
            translation
        ):
            return False
        entry.msgstr = translation
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    return True


def fill(po_path: str, translations: dict[str, Translation]) -> tuple[list[str], list[str]]:
    """Returns (msgids still untranslated or fuzzy, msgids whose translation was refused)."""
    catalog = polib.pofile(po_path)
    refused = [
        entry.msgid
        for entry in catalog
        if _key(entry) in translations and not _apply(entry, translations[_key(entry)])
    ]
    catalog.save()
    missing = [e.msgid for e in catalog.untranslated_entries()] + [
        e.msgid for e in catalog.fuzzy_entries()
    ]
    return missing, refused


def main() -> int:
    po_path, json_path = sys.argv[1], sys.argv[2]
    missing, refused = fill(po_path, json.loads(Path(json_path).read_text(encoding="utf-8")))
    print("missing:", missing)
    print("refused (placeholders differ):", refused)
    return 1 if missing or refused else 0


if __name__ == "__main__":
    sys.exit(main())
