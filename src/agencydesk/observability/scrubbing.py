"""What an error report may carry: no personal data. Email addresses are masked wherever
they appear (messages, exception values, breadcrumbs, extra data); user, cookies, headers
and request bodies are dropped. Pure functions, so they are tested without the Sentry SDK."""

from __future__ import annotations

import re
from typing import Any

EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
EMAIL_MASK = "[email]"


def text_scrub(text: str) -> str:
    return EMAIL_ADDRESS.sub(EMAIL_MASK, text)


def value_scrub(value: Any) -> Any:
    if isinstance(value, str):
        return text_scrub(value)
    if isinstance(value, dict):
        return {key: value_scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [value_scrub(item) for item in value]
    return value


def event_scrub(event: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    """Sentry's ``before_send`` (and ``before_send_transaction``)."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "headers", "env", "query_string"):
            request.pop(key, None)
    return dict(value_scrub(event))
