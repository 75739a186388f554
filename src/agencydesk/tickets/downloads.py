"""The response that sends an attachment, once it has passed the permission check.

Staff UI and portal alike: behind nginx (``ATTACHMENT_X_ACCEL_PREFIX``) the web server sends
the bytes, otherwise Django streams them; either way only harmless types show inline.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase

from agencydesk.tickets.models import Attachment

# Shown in the browser; everything else is offered as a download.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"})


def attachment_response(attachment: Attachment) -> HttpResponseBase:
    """Answer with the file of ``attachment``; the caller has checked the user may see it."""
    prefix = settings.ATTACHMENT_X_ACCEL_PREFIX
    if prefix:
        return _accel_response(attachment, prefix)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=attachment.content_type not in INLINE_TYPES,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _accel_response(attachment: Attachment, prefix: str) -> HttpResponse:
    # The web server (nginx "internal" location) sends the bytes; Django only decides.
    response = HttpResponse(content_type=attachment.content_type)
    # The tenant storage keeps each schema's files below MEDIA_ROOT/<schema>/.
    relative = Path(attachment.file.path).relative_to(Path(settings.MEDIA_ROOT).resolve())
    response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(relative.as_posix())}"
    disposition = "inline" if attachment.content_type in INLINE_TYPES else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename*=UTF-8''{quote(attachment.original_name)}"
    )
    return response
