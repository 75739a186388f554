"""Previews of image attachments: made once on the server at a bounded size, then stored.

Pages show the thumbnail, never the original: a browser asked to draw a huge image as a
preview would decode all of it.
"""

from __future__ import annotations

import io
import warnings

from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from agencydesk.core.limits import IMAGE_MAX_PIXELS
from agencydesk.tickets.models import Attachment

THUMBNAIL_BOX = (480, 480)
THUMBNAIL_CONTENT_TYPE = "image/jpeg"
# Types a preview is made of (and shown for); the download view serves the rest as files.
PREVIEW_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def thumbnail_name(attachment: Attachment) -> str:
    # Next to the tenant's attachments, below its own media folder; never served directly.
    return f"thumbnails/{attachment.ticket_id}/{attachment.pk}.jpg"


def attachment_files_delete(attachment: Attachment) -> None:
    """Remove an attachment's file and its thumbnail from storage (the row is gone)."""
    storage = attachment.file.storage
    name = thumbnail_name(attachment)
    if storage.exists(name):
        storage.delete(name)
    attachment.file.delete(save=False)


def _render(attachment: Attachment) -> bytes | None:
    try:
        with (
            warnings.catch_warnings(),
            attachment.file.open("rb") as handle,
        ):
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(handle) as image:
                if image.width * image.height > IMAGE_MAX_PIXELS:
                    return None
                image.draft("RGB", THUMBNAIL_BOX)  # JPEG decodes at a reduced scale
                image.thumbnail(THUMBNAIL_BOX)
                flat = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                flat.paste(rgba, mask=rgba.getchannel("A"))
    except (
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
    ):
        return None
    buffer = io.BytesIO()
    flat.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def attachment_thumbnail(attachment: Attachment) -> str | None:
    """The storage name of the attachment's thumbnail, made on first use; None when the
    file is no image we preview, cannot be read or is over the pixel limit."""
    if attachment.content_type not in PREVIEW_TYPES:
        return None
    storage = attachment.file.storage
    name = thumbnail_name(attachment)
    if storage.exists(name):
        return name
    content = _render(attachment)
    if content is None:
        return None
    return storage.save(name, ContentFile(content))
