"""Every catalog in ``locale/`` is complete: each msgid in the code translated, nothing fuzzy.

The languages are discovered from the folders in ``locale/``: a new language is covered as
soon as its catalog exists, and a language offered in ``settings.LANGUAGES`` without one fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "locale"
# The language the source strings are written in needs no catalog.
SOURCE_LANGUAGE = "en"
CATALOG_LANGUAGES = sorted(path.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES"))


def _catalog_problems(po_file: Path) -> list[str]:
    catalog = polib.pofile(str(po_file))
    return [f"untranslated: {entry.msgid!r}" for entry in catalog.untranslated_entries()] + [
        f"fuzzy: {entry.msgid!r}" for entry in catalog.fuzzy_entries()
    ]


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{[a-z_]+\}")


def _placeholder_problems(po_file: Path) -> list[str]:
    """Translations whose placeholders differ from their source's (moved is fine)."""
    problems = []
    for entry in polib.pofile(str(po_file)).translated_entries():
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
    return problems


def _catalogs(locale_dir: Path, language: str) -> list[Path]:
    """The language's catalogs of every domain (django, and djangojs where there is one)."""
    return sorted((locale_dir / language / "LC_MESSAGES").glob("*.po"))


@pytest.fixture(scope="module")
def extracted_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The strings extracted afresh, for every language, into a copy of ``locale/``.

    makemessages runs in a copy of the sources: it also writes to a ``locale/`` folder in
    its working directory, and the committed catalogs must stay untouched."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext tools are not installed")
    work = tmp_path_factory.mktemp("messages")
    locale_copy = work / "locale"
    shutil.copytree(LOCALE_DIR, locale_copy)
    for package in ("src", "tenants"):
        shutil.copytree(
            ROOT / package, work / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    env = {**os.environ, "AGENCYDESK_LOCALE_DIR": str(locale_copy), "AGENCYDESK_DEV": "1"}
    languages = [argument for language in CATALOG_LANGUAGES for argument in ("-l", language)]
    ignored = ["--ignore", ".venv/*", "--ignore", "tests/*", "--ignore", ".data/*"]
    for domain in ("django", "djangojs"):
        command = [sys.executable, "-m", "agencydesk.manage", "makemessages", "-d", domain]
        # Only this module's own constants and the folder names under locale/ go in.
        subprocess.run(  # noqa: S603
            [*command, *languages, "--no-obsolete", *ignored],
            cwd=work,
            env=env,
            check=True,
            capture_output=True,
        )
    return locale_copy


def test_given_the_locale_folder_then_german_and_french_catalogs_are_found():
    assert {"de", "fr"} <= set(CATALOG_LANGUAGES)


def test_given_the_offered_languages_then_each_has_a_catalog():
    """A language offered to tenants and users (a regional variant uses its base catalog)."""
    offered = {code.split("-")[0] for code, _name in settings.LANGUAGES}

    assert offered - {SOURCE_LANGUAGE} <= set(CATALOG_LANGUAGES)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_given_fresh_extraction_then_catalog_covers_every_marked_string(
    extracted_locale: Path, language: str
):
    catalogs = _catalogs(extracted_locale, language)
    problems = [f"{po.name}: {problem}" for po in catalogs for problem in _catalog_problems(po)]

    assert catalogs
    assert not problems, f"{language}:\n\n" + "\n\n".join(problems[:20])


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_given_committed_catalog_then_no_fuzzy_or_empty_entries(language: str):
    catalogs = _catalogs(LOCALE_DIR, language)
    problems = [f"{po.name}: {problem}" for po in catalogs for problem in _catalog_problems(po)]

    assert catalogs
    assert not problems, f"{language}:\n\n" + "\n\n".join(problems[:20])


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_given_committed_catalog_then_placeholders_match_the_source(language: str):
    problems = [
        problem for po in _catalogs(LOCALE_DIR, language) for problem in _placeholder_problems(po)
    ]

    assert not problems, f"{language}:\n\n" + "\n\n".join(problems[:20])


def test_given_a_lost_placeholder_then_the_check_reports_it(tmp_path: Path):
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Hello %(name)s,", msgstr="Bonjour,"))
    catalog.append(polib.POEntry(msgid="%(count)d min", msgstr="%(count)d\u00a0min"))
    po_file = tmp_path / "django.po"
    catalog.save(str(po_file))

    assert _placeholder_problems(po_file) == [
        "placeholders differ: 'Hello %(name)s,' -> 'Bonjour,'"
    ]


def test_given_an_untranslated_or_fuzzy_entry_then_the_check_reports_it(tmp_path: Path):
    """The check itself can fail: one empty and one fuzzy entry are both reported."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Ticket", msgstr=""))
    catalog.append(polib.POEntry(msgid="Site", msgstr="Objet", flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid="Customer", msgstr="Client"))
    po_file = tmp_path / "django.po"
    catalog.save(str(po_file))

    assert _catalog_problems(po_file) == ["untranslated: 'Ticket'", "fuzzy: 'Site'"]
