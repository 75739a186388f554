"""po_fill: translations from JSON into a catalog of any language, plurals and contexts
included; a translation that loses a placeholder is refused."""

from __future__ import annotations

from pathlib import Path

import polib

from agencydesk.devtools.po_fill import fill


def _catalog(path: Path) -> str:
    catalog = polib.POFile()
    catalog.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    catalog.append(polib.POEntry(msgid="Save", msgstr="Sauver", flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid="To", msgctxt="email recipient", msgstr=""))
    catalog.append(polib.POEntry(msgid="To", msgstr=""))
    catalog.append(
        polib.POEntry(
            msgid="%(count)d ticket",
            msgid_plural="%(count)d tickets",
            msgstr_plural={0: "", 1: ""},
        )
    )
    catalog.append(polib.POEntry(msgid="Hello %(name)s,", msgstr=""))
    catalog.save(str(path))
    return str(path)


def test_given_texts_plurals_and_contexts_when_filled_then_all_land_and_fuzzy_goes(tmp_path):
    po_path = _catalog(tmp_path / "django.po")

    missing, refused = fill(
        po_path,
        {
            "Save": "Enregistrer",
            "email recipient\x04To": "Destinataire",
            "To": "Au",
            "%(count)d ticket": ["%(count)d ticket", "%(count)d tickets"],
            "Hello %(name)s,": "Bonjour %(name)s,",
        },
    )

    assert (missing, refused) == ([], [])
    entries = {(e.msgctxt, e.msgid): e for e in polib.pofile(po_path)}
    assert entries[(None, "Save")].msgstr == "Enregistrer"
    assert not entries[(None, "Save")].fuzzy
    assert entries[("email recipient", "To")].msgstr == "Destinataire"
    assert entries[(None, "To")].msgstr == "Au"
    assert entries[(None, "%(count)d ticket")].msgstr_plural == {
        0: "%(count)d ticket",
        1: "%(count)d tickets",
    }


def test_given_a_translation_without_its_placeholder_when_filled_then_refused(tmp_path):
    po_path = _catalog(tmp_path / "django.po")

    missing, refused = fill(po_path, {"Hello %(name)s,": "Bonjour,"})

    assert refused == ["Hello %(name)s,"]
    assert "Hello %(name)s," in missing
    assert polib.pofile(po_path).find("Hello %(name)s,").msgstr == ""
