"""Attachment rules: size limit, type sniffed from the content, safe file names."""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from agencydesk.core.limits import IMAGE_MAX_PIXELS

# Detected type → the extension the stored file gets. SVG and HTML are left out on purpose:
# a browser would run their scripts.
ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "image/tiff": "tif",
    "image/bmp": "bmp",
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "text/plain": "txt",
    "text/csv": "csv",
}
TEXT_EXTENSIONS = {"txt": "text/plain", "log": "text/plain", "md": "text/plain", "csv": "text/csv"}
SNIFF_BYTES = 8192
MAX_NAME_LENGTH = 120
# Pillow refuses to decode anything larger, wherever it is used in the process.
Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    name: str
    content_type: str
    size: int


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def sniff_content_type(upload: UploadedFile, extension: str) -> str | None:
    """The type the content shows, or None when it is none we know."""
    head = _head(upload)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    # Plain text has no magic number: accept it when the name says text and the bytes agree.
    if extension in TEXT_EXTENSIONS and _looks_like_text(head):
        return TEXT_EXTENSIONS[extension]
    return None


def image_pixels(upload: UploadedFile) -> int | None:
    """Width times height from the image's header (nothing is decoded), or None when Pillow
    cannot read the format (e.g. HEIC) — such files get no preview."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return IMAGE_MAX_PIXELS + 1
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(0)
    return width * height


def _image_check(upload: UploadedFile) -> None:
    pixels = image_pixels(upload)
    if pixels is not None and pixels > IMAGE_MAX_PIXELS:
        raise ValidationError(
            {
                "file": [
                    _("The image is too large; at most %(megapixels)d megapixels are accepted.")
                    % {"megapixels": IMAGE_MAX_PIXELS // 1_000_000}
                ]
            }
        )


def sanitize_filename(raw: str, extension: str) -> str:
    """A plain, short file name without paths, ending in ``extension``."""
    base = PureWindowsPath(PurePosixPath(raw or "").name).name  # drop any directories
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = get_valid_filename(stem.replace(" ", "_")).lstrip(".-_") if stem.strip() else ""
    stem = (stem or "attachment")[:MAX_NAME_LENGTH]
    return f"{stem}.{extension}"


def upload_check(upload: UploadedFile) -> CheckedUpload:
    """Validate one upload; raises ValidationError ``{"file": [...]}`` and stores nothing."""
    max_bytes = settings.ATTACHMENT_MAX_BYTES
    size = upload.size or 0
    if size <= 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if size > max_bytes:
        raise ValidationError(
            {
                "file": [
                    _("The file is too large (%(size)s); the limit is %(limit)s.")
                    % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
                ]
            }
        )
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = sniff_content_type(upload, extension)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            {
                "file": [
                    _(
                        "This kind of file is not accepted. Allowed are images, PDF, office "
                        "documents and text files."
                    )
                ]
            }
        )
    if content_type.startswith("image/"):
        _image_check(upload)
    return CheckedUpload(
        upload=upload,
        name=sanitize_filename(name, ALLOWED_TYPES[content_type]),
        content_type=content_type,
        size=size,
    )
