"""The fallback catalog compiler for machines without GNU gettext."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import polib

from agencydesk.devtools.mo_compile import PROJECT_DIR, compile_catalogs


def test_given_german_catalog_when_compiled_then_gettext_reads_translations(
    tmp_path: Path,
) -> None:
    shutil.copytree(PROJECT_DIR / "locale", tmp_path / "locale")
    for stale in (tmp_path / "locale").rglob("*.mo"):
        stale.unlink()
    catalog = polib.pofile(str(tmp_path / "locale/de/LC_MESSAGES/django.po"))
    entry = next(e for e in catalog.translated_entries() if not e.msgid_plural)

    written = compile_catalogs(tmp_path / "locale")

    catalogs = sorted((tmp_path / "locale").glob("*/LC_MESSAGES/*.po"))
    assert sorted(written) == [po.with_suffix(".mo") for po in catalogs]
    assert tmp_path / "locale/de/LC_MESSAGES/django.mo" in written
    translation = gettext.translation("django", tmp_path / "locale", languages=["de"])
    assert translation.gettext(entry.msgid) == entry.msgstr
