"""Per-request (or per-task) values every log line carries, held in context variables so
threads (gunicorn gthread) and tasks never see each other's."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, empty

request_id_var: ContextVar[str] = ContextVar("agencydesk_request_id", default="")
request_var: ContextVar[HttpRequest | None] = ContextVar("agencydesk_request", default=None)

# A proxy's or client's id is taken only when it cannot inject anything into a log line or
# a header: letters, digits, dot, dash, underscore, colon, at most 128 characters.
_WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id_choose(offered: str | None) -> str:
    """The offered id when it is well-formed, else a new one."""
    if offered and _WELL_FORMED_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def user_id_known() -> str:
    """The current request's user id once something has looked the user up (a view, DRF's
    authentication), else empty: logging alone must not cost a session or user query."""
    request = request_var.get()
    if request is None:
        return ""
    user: Any = request.__dict__.get("user")  # not getattr: no lazy lookup from here
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            return ""
        user = user._wrapped
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.pk)
