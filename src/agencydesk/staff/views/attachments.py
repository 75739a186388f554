"""Attachment downloads: every audience, always through the permission check.

The one staff module not behind ``staff_required``: the same URL serves staff, customer
users (the portal's thumbnails) and the API's download links, and ``attachment_for``
decides per user. It lives with the staff UI, the door that shows most files, rather than
in ``tickets`` (the domain core has no pages).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.tickets.downloads import attachment_response
from agencydesk.tickets.selectors import attachment_for
from agencydesk.tickets.thumbnails import THUMBNAIL_CONTENT_TYPE, attachment_thumbnail


@require_safe
@login_required
def attachment_download(request: AuthenticatedHttpRequest, attachment_id: int) -> HttpResponseBase:
    attachment = attachment_for(request.user, attachment_id)
    return attachment_response(attachment)


@require_safe
@login_required
def attachment_thumbnail_download(
    request: AuthenticatedHttpRequest, attachment_id: int
) -> HttpResponseBase:
    """The bounded preview of an image attachment (made on first request, then kept)."""
    attachment = attachment_for(request.user, attachment_id)
    name = attachment_thumbnail(attachment)
    if name is None:
        raise Http404
    response = FileResponse(
        attachment.file.storage.open(name, "rb"), content_type=THUMBNAIL_CONTENT_TYPE
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response
