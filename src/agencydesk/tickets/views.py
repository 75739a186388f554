"""Attachment downloads: every audience, always through the permission check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from agencydesk.tickets.downloads import attachment_response
from agencydesk.tickets.selectors import attachment_for_user


@require_safe
@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    attachment = attachment_for_user(request.user, attachment_id)  # type: ignore[arg-type]
    return attachment_response(attachment)
