"""Compile the gettext catalogs without GNU gettext (``make`` falls back to this when
``msgfmt`` is missing, so a fresh machine can still ``make run``).

    python -m agencydesk.devtools.mo_compile [LOCALE_DIR ...]

Like msgfmt it leaves out untranslated and fuzzy entries. Default: the project's locale/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PROJECT_DIR = Path(__file__).resolve().parents[3]


def compile_catalogs(locale_dir: Path) -> list[Path]:
    """Write a ``.mo`` next to every ``.po`` under ``locale_dir``; returns the files written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main(argv: list[str]) -> int:
    for locale_dir in [Path(arg) for arg in argv] or [PROJECT_DIR / "locale"]:
        compile_catalogs(locale_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
