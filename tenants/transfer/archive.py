"""The tenant archive: one ``tar.gz`` holding ``manifest.json``, one COPY text file per table
(``data/<table>.copy``) and the tenant's files (``media/…``).

The manifest carries the format version, the tenant's settings, the migration state per app,
each table's columns, row count and SHA-256, the sequences' positions, and each file's size
and SHA-256, so an import can check everything before it writes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

FORMAT = "agencydesk-tenant"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_PREFIX = "data/"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is unreadable, incomplete or does not fit this installation (translated)."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ArchiveWriter:
    """Adds members to an open ``tar.gz``; the manifest goes in last."""

    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar

    def add_stream(self, name: str, stream: IO[bytes], size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        self.tar.addfile(info, stream)

    def add_file(self, name: str, path: Path) -> None:
        with path.open("rb") as handle:
            self.add_stream(name, handle, path.stat().st_size)

    def add_manifest(self, manifest: dict[str, Any]) -> None:
        body = json.dumps(manifest, indent=2, sort_keys=True).encode()
        self.add_stream(MANIFEST_NAME, io.BytesIO(body), len(body))


def archive_extract(archive: Path, into: Path) -> dict[str, Any]:
    """Unpack ``archive`` into ``into`` (regular files only, nothing outside it) and return
    its manifest after checking every table and file against its checksum."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise ArchiveError(
            _("Cannot read the archive %(path)s: %(error)s") % {"path": archive, "error": error}
        ) from error
    manifest_path = into / MANIFEST_NAME
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as error:
        raise ArchiveError(_("The archive has no readable manifest.")) from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            _("Unsupported archive format %(format)s version %(version)s.")
            % {"format": manifest.get("format"), "version": manifest.get("format_version")}
        )
    for name, expected in _checksums(manifest):
        path = into / name
        if not path.is_file() or sha256_file(path) != expected:
            raise ArchiveError(
                _("The archive is damaged: %(name)s is missing or its checksum differs.")
                % {"name": name}
            )
    return dict(manifest)


def _checksums(manifest: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for table in manifest.get("tables", []):
        yield DATA_PREFIX + table["name"] + ".copy", table["sha256"]
    for media in manifest.get("media", []):
        yield MEDIA_PREFIX + media["path"], media["sha256"]
