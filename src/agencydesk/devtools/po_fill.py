"""Fill German translations into a gettext catalog from a JSON mapping msgid → msgstr.

    python -m agencydesk.devtools.po_fill locale/de/LC_MESSAGES/django.po translations.json

Prints the msgids still untranslated or fuzzy afterwards.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib


def fill(po_path: str, translations: dict[str, str]) -> list[str]:
    catalog = polib.pofile(po_path)
    for entry in catalog:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalog.save()
    return [e.msgid for e in catalog.untranslated_entries()] + [
        e.msgid for e in catalog.fuzzy_entries()
    ]


def main() -> int:
    po_path, json_path = sys.argv[1], sys.argv[2]
    missing = fill(po_path, json.loads(Path(json_path).read_text(encoding="utf-8")))
    print("missing:", missing)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
