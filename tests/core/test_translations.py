"""The German catalog is complete: every msgid in the code is translated, nothing fuzzy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _catalog_problems(po_file: Path) -> list[str]:
    catalog = polib.pofile(str(po_file))
    return [f"untranslated: {entry.msgid!r}" for entry in catalog.untranslated_entries()] + [
        f"fuzzy: {entry.msgid!r}" for entry in catalog.fuzzy_entries()
    ]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are not installed")
def test_german_catalog_covers_every_marked_string(tmp_path):
    """Extract the strings afresh into a copy of the catalog and check it is complete.

    makemessages runs in a copy of the sources: it also writes to a ``locale/`` folder in
    its working directory, and the committed catalog must stay untouched."""
    locale_copy = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", locale_copy)
    for package in ("src", "tenants"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    env = {**os.environ, "AGENCYDESK_LOCALE_DIR": str(locale_copy), "AGENCYDESK_DEV": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "agencydesk.manage",
            "makemessages",
            "-l",
            "de",
            "--no-obsolete",
            "--ignore",
            ".venv/*",
            "--ignore",
            "tests/*",
            "--ignore",
            ".data/*",
        ],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    problems = _catalog_problems(locale_copy / "de" / "LC_MESSAGES" / "django.po")

    assert not problems, "\n\n".join(problems[:20])


def test_committed_catalog_has_no_fuzzy_or_empty_entries():
    problems = _catalog_problems(ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po")

    assert not problems, "\n\n".join(problems[:20])
